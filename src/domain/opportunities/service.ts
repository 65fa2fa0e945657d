import type { Db } from '../../db/database.js';
import {
  findOpportunity,
  insertOpportunity,
  listOpenOpportunities,
  updateOpportunity,
} from '../../db/queries/opportunities.js';
import { findPersonById, findPersonBySlackId, listWorkspaceRepsByName } from '../../db/queries/people.js';
import type { Opportunity, Person } from '../../db/schema.js';
import type { Clock } from '../clock.js';
import type { OpportunitySummary } from '../deal-review/agenda.js';
import { type Page, readPage } from '../paging.js';
import type { Actor } from '../roster/actor.js';
// The roster's refusals: listeners already turn them into a plain message for the person.
import { RosterInputError } from '../roster/errors.js';
import { mention, requireSelfOrManagerOf } from '../roster/permissions.js';
import type { ValidOpportunity } from './fields.js';
import { summarizeOpportunity } from './summary.js';

export interface OpenOpportunities {
  /** The first `limit`, closing soonest first. */
  opportunities: OpportunitySummary[];
  /** All of the rep's open opportunities, shown or not. */
  total: number;
}

/** The viewer's own open deals for their Home; undefined for someone who is not a rep. */
export async function openOpportunitiesOf(
  db: Db,
  actor: Actor,
  limit: number,
): Promise<OpenOpportunities | undefined> {
  if (!actor.person?.is_rep) return undefined;
  const { opportunities, total } = await listOpenOpportunities(db, actor.person.id, limit);
  return { opportunities: opportunities.map(summarizeOpportunity), total };
}

/** A rep as a menu or a list of their deals names them. */
export interface NamedRep {
  slackUserId: string;
  displayName: string;
}

export interface RepsWithDeals {
  /** The first `limit`, by name. */
  reps: NamedRep[];
  /** All of them, listed or not. */
  total: number;
}

function named(person: Person): NamedRep {
  return { slackUserId: person.slack_user_id, displayName: person.display_name };
}

/**
 * The reps whose deals the viewer may open and edit from their Home: every rep of the workspace for
 * an admin, their own reps for a manager (`managerReports`, which the Home has loaded already, by
 * name); undefined for anyone else.
 */
export async function repsWhoseDealsActorMayEdit(
  db: Db,
  actor: Actor,
  managerReports: readonly NamedRep[] | undefined,
  limit: number,
): Promise<RepsWithDeals | undefined> {
  if (actor.isAdmin) {
    const { reps, total } = await listWorkspaceRepsByName(db, actor.workspaceId, limit);
    return { reps: reps.map(named), total };
  }
  if (managerReports === undefined) return undefined;
  return { reps: managerReports.slice(0, limit), total: managerReports.length };
}

export interface RepOpportunities extends OpenOpportunities {
  rep: NamedRep;
  /** How many open deals close before the first one shown: 0 on the first page. */
  offset: number;
}

/**
 * One rep's open deals, closing soonest first, one page of them, for whoever may edit them (the rep,
 * their manager or an admin): a manager prepares the monthly review from them. Anyone else is refused
 * before a deal is read. A page starts at a multiple of `limit`; one past the end (deals closed since
 * the list was drawn) is the last page there is.
 */
export async function openOpportunitiesOfRep(
  db: Db,
  actor: Actor,
  repSlackUserId: string,
  page: Page,
): Promise<RepOpportunities> {
  const rep = await findPersonBySlackId(db, actor.workspaceId, repSlackUserId);
  if (rep === undefined) throw new RosterInputError(`${mention(repSlackUserId)} is not on the roster.`);
  await requireSelfOrManagerOf(db, actor, rep, (who) => `see ${who}'s opportunities`);
  const { rows, total, offset } = await readPage(page, async (limit, from) => {
    const { opportunities, total } = await listOpenOpportunities(db, rep.id, limit, from);
    return { rows: opportunities, total };
  });
  return { rep: named(rep), opportunities: rows.map(summarizeOpportunity), total, offset };
}

/**
 * A rep adds a deal of their own; its history starts with this first version. `submissionKey` names
 * the submission (the form it came from): the same one again, as when Slack delivers it twice or Save
 * is pressed again after an error, adds nothing and returns the deal it added the first time.
 */
export async function addOpportunity(
  db: Db,
  clock: Clock,
  actor: Actor,
  fields: ValidOpportunity,
  submissionKey: string,
): Promise<Opportunity> {
  // Read again rather than trusting actor.person: the row decides whose deal this becomes.
  const me = actor.person && (await findPersonById(db, actor.person.id));
  if (!me?.is_rep) {
    throw new RosterInputError(
      'Only reps keep opportunities here. Ask your manager or an admin to add you to the roster.',
    );
  }
  return insertOpportunity(
    db,
    {
      decisionMakers: [],
      problem: null,
      customerTimeline: null,
      buyerActions: [],
      buyerActionsNote: null,
      ...fields,
      workspaceId: me.workspace_id,
      personId: me.id,
      externalId: null,
      submissionKey,
    },
    { source: 'home', recordedById: me.id, now: clock.now() },
  );
}

/** The deal and its owner, once the actor is known to be the owner, the owner's manager or an admin. */
async function requireEditable(
  db: Db,
  actor: Actor,
  opportunityId: string,
): Promise<{ opportunity: Opportunity; owner: Person }> {
  const opportunity = await findOpportunity(db, opportunityId);
  const owner = opportunity && (await findPersonById(db, opportunity.person_id));
  if (opportunity === undefined || owner === undefined || opportunity.workspace_id !== actor.workspaceId) {
    throw new RosterInputError('That opportunity no longer exists.');
  }
  await requireSelfOrManagerOf(db, actor, owner, (who) => `edit ${who}'s opportunities`);
  return { opportunity, owner };
}

/** A deal as the edit form starts from it, with the version it was read at. */
export interface EditableOpportunity extends OpportunitySummary {
  version: number;
}

/** What the edit form starts from. */
export async function opportunityForEditing(
  db: Db,
  actor: Actor,
  opportunityId: string,
): Promise<EditableOpportunity> {
  const { opportunity } = await requireEditable(db, actor, opportunityId);
  return { ...summarizeOpportunity(opportunity), version: opportunity.version };
}

export type OpportunityEdit =
  /** The owner, so their Home can be redrawn when a manager made the change. */
  | { saved: true; changed: boolean; owner: Person }
  /** Changed by someone since the form showed `seenVersion`: nothing was written over that. */
  | { saved: false; changedSinceSeen: true };

/**
 * Saves the form over the deal. A revision is written only when something changed. With the version
 * the form showed (`seenVersion`), a form opened before someone else's change does not undo it; a
 * form without one (drawn before forms carried it) saves as it always did.
 */
export async function editOpportunity(
  db: Db,
  clock: Clock,
  actor: Actor,
  opportunityId: string,
  fields: ValidOpportunity,
  seenVersion?: number,
): Promise<OpportunityEdit> {
  const { owner } = await requireEditable(db, actor, opportunityId);
  const result = await updateOpportunity(
    db,
    opportunityId,
    fields,
    { source: 'home', recordedById: actor.person?.id ?? null, now: clock.now() },
    seenVersion === undefined ? {} : { ifVersion: seenVersion },
  );
  if (result === undefined) throw new RosterInputError('That opportunity no longer exists.');
  if (result.stale) return { saved: false, changedSinceSeen: true };
  return { saved: true, changed: result.changed, owner };
}

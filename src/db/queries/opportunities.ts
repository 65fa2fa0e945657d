import { sql } from 'kysely';
import type { Db } from '../database.js';
import type { DecisionMaker, Opportunity, OpportunityChangeSource, OpportunityStage } from '../schema.js';
import { anyOf } from './any-of.js';

/** What a rep (or a file, or a review) says about a deal; the row's bookkeeping columns are derived. */
export interface OpportunityFields {
  account: string;
  name: string;
  /** A decimal string, at most two decimals. */
  amount: string;
  currency: string;
  stage: OpportunityStage;
  expectedCloseOn: string;
  probability: number;
  decisionMakers: DecisionMaker[];
  problem: string | null;
  customerTimeline: string | null;
  buyerActions: string[];
  buyerActionsNote: string | null;
}

/** Who changed a deal, from where and when: every revision carries it. */
export interface OpportunityChange {
  source: OpportunityChangeSource;
  recordedById: number | null;
  now: Date;
}

function isClosedStage(stage: OpportunityStage): boolean {
  return stage === 'won' || stage === 'lost';
}

/** The columns the given fields set, in the form Postgres takes them; fields left undefined are left out. */
function columnValues(fields: Partial<OpportunityFields> & { personId?: number }): Array<[string, unknown]> {
  const columns: Array<[string, unknown]> = [
    ['person_id', fields.personId],
    ['account', fields.account],
    ['name', fields.name],
    ['amount', fields.amount],
    ['currency', fields.currency],
    ['stage', fields.stage],
    ['expected_close_on', fields.expectedCloseOn],
    ['probability', fields.probability],
    // pg would send a JavaScript array as a Postgres array; jsonb wants the JSON text.
    ['decision_makers', fields.decisionMakers && JSON.stringify(fields.decisionMakers)],
    ['problem', fields.problem],
    ['customer_timeline', fields.customerTimeline],
    ['buyer_actions', fields.buyerActions],
    ['buyer_actions_note', fields.buyerActionsNote],
  ];
  return columns.filter(([, value]) => value !== undefined);
}

/** Runs `work` in the caller's transaction when there is one, otherwise in a new one. */
function inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

async function insertRevision(db: Db, opportunity: Opportunity, change: OpportunityChange): Promise<void> {
  await db
    .insertInto('opportunity_revisions')
    .values({
      opportunity_id: opportunity.id,
      recorded_at: change.now,
      recorded_by_id: change.recordedById,
      source: change.source,
      stage: opportunity.stage,
      amount: opportunity.amount,
      currency: opportunity.currency,
      expected_close_on: opportunity.expected_close_on,
      probability: opportunity.probability,
    })
    .execute();
}

/**
 * Creates a deal and its first revision together, so history always starts where the deal does.
 * A `submissionKey` stored already (the same form submitted again) stores nothing: the deal that
 * submission added comes back instead.
 */
export async function insertOpportunity(
  db: Db,
  opportunity: OpportunityFields & {
    workspaceId: string;
    personId: number;
    externalId: string | null;
    submissionKey?: string | null;
  },
  change: OpportunityChange,
): Promise<Opportunity> {
  const submissionKey = opportunity.submissionKey ?? null;
  return inTransaction(db, async (trx) => {
    const row = await trx
      .insertInto('opportunities')
      .values({
        workspace_id: opportunity.workspaceId,
        person_id: opportunity.personId,
        external_id: opportunity.externalId,
        submission_key: submissionKey,
        account: opportunity.account,
        name: opportunity.name,
        amount: opportunity.amount,
        currency: opportunity.currency,
        stage: opportunity.stage,
        expected_close_on: opportunity.expectedCloseOn,
        probability: opportunity.probability,
        decision_makers: sql<DecisionMaker[]>`${JSON.stringify(opportunity.decisionMakers)}::jsonb`,
        problem: opportunity.problem,
        customer_timeline: opportunity.customerTimeline,
        buyer_actions: opportunity.buyerActions,
        buyer_actions_note: opportunity.buyerActionsNote,
        stage_changed_at: change.now,
        closed_at: isClosedStage(opportunity.stage) ? change.now : null,
        created_at: change.now,
        updated_at: change.now,
      })
      .onConflict((oc) => oc.column('submission_key').doNothing())
      .returningAll()
      .executeTakeFirst();
    if (row === undefined) {
      // The same submission got here first (this insert waited for it to commit): nothing is added.
      return trx
        .selectFrom('opportunities')
        .selectAll()
        .where('submission_key', '=', submissionKey as string)
        .executeTakeFirstOrThrow();
    }
    await insertRevision(trx, row, change);
    return row;
  });
}

export interface OpportunityUpdateResult {
  /** As stored now: with the change, or as it was when nothing was written. */
  opportunity: Opportunity;
  changed: boolean;
  /**
   * The fields would have changed the deal, but it is no longer at `ifVersion`: someone changed it
   * since, and nothing was written over that.
   */
  stale: boolean;
}

/**
 * Applies the given fields and records a revision, both or neither. Postgres decides what changed
 * (`is distinct from`), so '1000' equals a stored 1000.00 and decision makers compare as JSON: an
 * update that changes nothing touches nothing and writes no revision. A later close date counts as a
 * push; a new stage restarts `stage_changed_at`; won or lost stamps `closed_at`; every change moves the
 * version on. With `ifVersion` the change is made only over that version; fields that change nothing
 * are not stale, so the same form saved twice is saved once, not refused the second time.
 * Undefined when the opportunity does not exist.
 */
export async function updateOpportunity(
  db: Db,
  id: string,
  fields: Partial<OpportunityFields> & { personId?: number },
  change: OpportunityChange,
  options: { ifVersion?: number } = {},
): Promise<OpportunityUpdateResult | undefined> {
  const columns = columnValues(fields);
  const differs =
    columns.length === 0
      ? sql<boolean>`false`
      : sql<boolean>`(${sql.join(
          columns.map(([column, value]) => sql`${sql.ref(column)} is distinct from ${value}`),
          sql` or `,
        )})`;
  // Checked in the update's own where clause: a concurrent change that commits first is seen there.
  const atVersion = options.ifVersion === undefined ? sql`true` : sql`version = ${options.ifVersion}`;
  const { now } = change;
  const pushed =
    fields.expectedCloseOn === undefined
      ? sql`false`
      : sql`${fields.expectedCloseOn}::date > expected_close_on`;
  const stageMoved = fields.stage === undefined ? sql`false` : sql`stage is distinct from ${fields.stage}`;
  const closedAtOnMove =
    fields.stage !== undefined && isClosedStage(fields.stage) ? sql`${now}::timestamptz` : sql`null`;
  return inTransaction(db, async (trx) => {
    const updated =
      columns.length === 0
        ? undefined
        : (
            await sql<Opportunity>`
              update opportunities
              set ${sql.join(columns.map(([column, value]) => sql`${sql.ref(column)} = ${value}`))},
                close_date_pushes = close_date_pushes + (${pushed})::int,
                stage_changed_at = case when ${stageMoved} then ${now}::timestamptz else stage_changed_at end,
                closed_at = case when ${stageMoved} then ${closedAtOnMove} else closed_at end,
                updated_at = ${now},
                version = version + 1
              where id = ${id} and ${differs} and ${atVersion}
              returning *`.execute(trx)
          ).rows[0];
    if (updated !== undefined) {
      await insertRevision(trx, updated, change);
      return { opportunity: updated, changed: true, stale: false };
    }
    const current = await trx
      .selectFrom('opportunities')
      .selectAll()
      .select(differs.as('differs'))
      .where('id', '=', id)
      .executeTakeFirst();
    if (current === undefined) return undefined;
    const { differs: wouldChange, ...opportunity } = current;
    const stale = options.ifVersion !== undefined && wouldChange && opportunity.version !== options.ifVersion;
    return { opportunity, changed: false, stale };
  });
}

export async function findOpportunity(db: Db, id: string): Promise<Opportunity | undefined> {
  return db.selectFrom('opportunities').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The workspace's deals with these external ids (an import's keys), by external id, in one query. */
export async function findOpportunityIdsByExternalIds(
  db: Db,
  workspaceId: string,
  externalIds: readonly string[],
): Promise<Map<string, string>> {
  if (externalIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('opportunities')
    .select(['id', 'external_id'])
    .where('workspace_id', '=', workspaceId)
    .where('external_id', '=', anyOf(externalIds, 'text'))
    .execute();
  return new Map(rows.map((row) => [row.external_id as string, row.id]));
}

/**
 * A rep's open deals, the ones closing first on top (then by id, so pages neither overlap nor skip);
 * `limit` keeps a Home short, `offset` skips earlier pages, the total says how many there are. A page
 * past the end comes back empty, with a total of 0.
 */
export async function listOpenOpportunities(
  db: Db,
  personId: number,
  limit: number,
  offset = 0,
): Promise<{ opportunities: Opportunity[]; total: number }> {
  // One query: the window count is taken before the limit, so it counts every open deal.
  const rows = await db
    .selectFrom('opportunities')
    .selectAll()
    .select(sql<string>`count(*) over ()`.as('total'))
    .where('person_id', '=', personId)
    .where('stage', 'not in', ['won', 'lost'])
    .orderBy('expected_close_on')
    .orderBy('id')
    .limit(limit)
    .offset(offset)
    .execute();
  return {
    opportunities: rows.map(({ total: _total, ...opportunity }) => opportunity),
    total: Number(rows[0]?.total ?? 0),
  };
}

/** Open deals of a rep expected to close between two dates (inclusive), soonest first. */
export async function listOpenOpportunitiesClosingBetween(
  db: Db,
  options: { personId: number; from: string; to: string },
): Promise<Opportunity[]> {
  return db
    .selectFrom('opportunities')
    .selectAll()
    .where('person_id', '=', options.personId)
    .where('stage', 'not in', ['won', 'lost'])
    .where('expected_close_on', '>=', options.from)
    .where('expected_close_on', '<=', options.to)
    .orderBy('expected_close_on')
    .orderBy('id')
    .execute();
}

/**
 * A rep's open deals that had no revision yet at `since` (all open deals when `since` is null):
 * what is new since the last review.
 */
export async function listOpenOpportunitiesNewSince(
  db: Db,
  options: { personId: number; since: Date | null },
): Promise<Opportunity[]> {
  const { since } = options;
  return db
    .selectFrom('opportunities as o')
    .selectAll('o')
    .where('o.person_id', '=', options.personId)
    .where('o.stage', 'not in', ['won', 'lost'])
    .$if(since !== null, (query) =>
      query.where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('opportunity_revisions as r')
              .select('r.id')
              .whereRef('r.opportunity_id', '=', 'o.id')
              .where('r.recorded_at', '<=', since as Date),
          ),
        ),
      ),
    )
    .orderBy('o.created_at')
    .orderBy('o.id')
    .execute();
}

export interface OpportunityThen {
  opportunity: Opportunity;
  stageThen: OpportunityStage;
  closeOnThen: string;
  pushesSince: number;
}

/**
 * A rep's deals as they stood at `at` (their latest revision recorded at or before it) that were open
 * then, with how many times the close date moved later in the revisions after it: what a review says
 * moved or stalled since the last one. Deals closed before `at` are left out; deals closed since stay.
 */
export async function listOpportunitiesOpenAt(
  db: Db,
  options: { personId: number; at: Date },
): Promise<OpportunityThen[]> {
  const { personId, at } = options;
  const rows = await db
    .selectFrom('opportunities as o')
    .innerJoinLateral(
      (eb) =>
        eb
          .selectFrom('opportunity_revisions as r')
          .select(['r.stage', 'r.expected_close_on'])
          .whereRef('r.opportunity_id', '=', 'o.id')
          .where('r.recorded_at', '<=', at)
          .orderBy('r.recorded_at', 'desc')
          .orderBy('r.id', 'desc')
          .limit(1)
          .as('then'),
      (join) => join.onTrue(),
    )
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom(
            eb
              .selectFrom('opportunity_revisions as r')
              .select([
                'r.recorded_at',
                'r.expected_close_on',
                sql<string | null>`lag(r.expected_close_on) over (order by r.recorded_at, r.id)`.as(
                  'previous_close_on',
                ),
              ])
              .whereRef('r.opportunity_id', '=', 'o.id')
              .as('history'),
          )
          .select((eb) => eb.fn.countAll<string>().as('count'))
          .where('history.recorded_at', '>', at)
          .whereRef('history.expected_close_on', '>', 'history.previous_close_on')
          .as('pushes'),
      (join) => join.onTrue(),
    )
    .selectAll('o')
    .select(['then.stage as stage_then', 'then.expected_close_on as close_on_then', 'pushes.count as pushes'])
    .where('o.person_id', '=', personId)
    .where('then.stage', 'not in', ['won', 'lost'])
    .orderBy('o.expected_close_on')
    .orderBy('o.id')
    .execute();
  return rows.map(({ stage_then, close_on_then, pushes, ...opportunity }) => ({
    opportunity,
    stageThen: stage_then,
    closeOnThen: close_on_then,
    pushesSince: Number(pushes ?? 0),
  }));
}

/**
 * For each of a rep's deals that is now won or lost, the probability stated for it in the latest
 * review that forecast it: what calibration compares with the outcome.
 */
export async function listDecidedForecasts(
  db: Db,
  personId: number,
): Promise<Array<{ opportunityId: string; probability: number; won: boolean }>> {
  const rows = await db
    .selectFrom('review_forecasts as f')
    .innerJoin('reviews as r', 'r.id', 'f.review_id')
    .innerJoin('opportunities as o', 'o.id', 'f.opportunity_id')
    .distinctOn('f.opportunity_id')
    .select(['f.opportunity_id', 'f.probability', 'o.stage'])
    .where('o.person_id', '=', personId)
    .where('o.stage', 'in', ['won', 'lost'])
    .orderBy('f.opportunity_id')
    .orderBy('r.reviewed_on', 'desc')
    .orderBy('r.created_at', 'desc')
    .orderBy('f.id', 'desc')
    .execute();
  return rows.map((row) => ({
    opportunityId: row.opportunity_id,
    probability: row.probability,
    won: row.stage === 'won',
  }));
}

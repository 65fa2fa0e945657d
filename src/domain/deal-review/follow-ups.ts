import type { Db } from '../../db/database.js';
import {
  type FollowUpCandidate,
  type FollowUpSide,
  findCommitmentWithOwner,
  findOwnerScheduleTimeZone,
  listFollowUpCandidates,
  listOpenCommitmentsOwnedBy,
  markCommitmentDone,
  markCommitmentNotYet,
  markCommitmentsFollowedUp,
} from '../../db/queries/commitment-follow-ups.js';
import { findPersonBySlackId } from '../../db/queries/people.js';
import type { Person } from '../../db/schema.js';
import type { Clock } from '../clock.js';
import {
  addDays,
  DEFAULT_WORKDAYS,
  isValidTimeZone,
  localDate,
  nextWorkday,
  preferredZone,
  type WorkSchedule,
} from '../coaching/schedule.js';
import { type Page, readPage } from '../paging.js';

export type FollowUpAnswer = 'done' | 'not_yet';

/** One commitment in a DM: "You agreed to … by Friday — done?", or the owner's answer to it. */
export interface FollowUp {
  commitmentId: string;
  text: string;
  /** The owner's local due date, 'YYYY-MM-DD'. */
  dueOn: string;
  /** What the owner answered in this day's DM; null while the question is open. */
  answer: FollowUpAnswer | null;
}

/** The day a follow-up is asked on, from the owner's point of view. */
export interface FollowUpDay {
  /** The owner's local date of the DM; due dates are phrased relative to it. */
  today: string;
  /** The owner's next workday: a "Not yet" is asked again then. */
  askAgainOn: string;
}

/** The follow-ups one DM carries. */
export interface FollowUps extends FollowUpDay {
  items: FollowUp[];
  /** Commitments coming due that did not fit: the DM stays short. */
  more: number;
}

/** A DM asks about at most this many commitments; the rest wait on the App Home. */
export const FOLLOW_UP_CAP = 3;

/** Comfortably past the furthest next workday schedule.ts looks for. */
const NEXT_WORKDAY_BOUND_DAYS = 15;

/** Not found reads the same as not yours: nobody learns about other people's commitments. */
export class NotYourCommitmentError extends Error {
  override name = 'NotYourCommitmentError';
}

function scheduleOf(row: { workdays: number[] | null; holiday_country: string | null }): WorkSchedule {
  return { workdays: row.workdays ?? DEFAULT_WORKDAYS, holidayCountry: row.holiday_country };
}

function byId(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * Which of one owner's commitments a DM on `today` asks about: the open ones due on or before the
 * next workday (a commitment due tomorrow comes up today; an overdue one keeps coming up), and those
 * this day's DM already showed, first, so a redraw shows the same lines with their answers.
 */
export function selectFollowUps(
  candidates: readonly FollowUpCandidate[],
  today: string,
  schedule: WorkSchedule,
): FollowUps | undefined {
  const askAgainOn = nextWorkday(today, schedule);
  const shownToday = (row: FollowUpCandidate) => row.last_followed_up_on === today;
  const due = candidates
    .filter((row) => shownToday(row) || (row.status === 'open' && row.due_on <= askAgainOn))
    .sort(
      (a, b) =>
        Number(shownToday(b)) - Number(shownToday(a)) ||
        (a.due_on < b.due_on ? -1 : a.due_on > b.due_on ? 1 : 0) ||
        byId(a.id, b.id),
    );
  if (due.length === 0) return undefined;
  const items = due.slice(0, FOLLOW_UP_CAP).map(
    (row): FollowUp => ({
      commitmentId: row.id,
      text: row.text,
      dueOn: row.due_on,
      answer: row.status === 'done' ? 'done' : row.not_yet_on === today ? 'not_yet' : null,
    }),
  );
  return { today, askAgainOn, items, more: due.length - items.length };
}

/**
 * The follow-ups of many DMs from one query (the delivery worker composes prompts in batches).
 * Owners with nothing to ask about are missing from the map.
 */
export async function loadFollowUps(
  db: Db,
  dms: ReadonlyArray<{ ownerId: number; today: string }>,
  side: FollowUpSide,
): Promise<Map<number, FollowUps>> {
  const found = new Map<number, FollowUps>();
  if (dms.length === 0) return found;
  const days = dms.map((dm) => dm.today).sort();
  const candidates = await listFollowUpCandidates(db, {
    ownerIds: [...new Set(dms.map((dm) => dm.ownerId))],
    side,
    dueOnOrBefore: addDays(days.at(-1) as string, NEXT_WORKDAY_BOUND_DAYS),
    followedUpSince: days[0] as string,
  });
  const byOwner = new Map<number, FollowUpCandidate[]>();
  for (const row of candidates) {
    const rows = byOwner.get(row.owner_id) ?? [];
    rows.push(row);
    byOwner.set(row.owner_id, rows);
  }
  for (const { ownerId, today } of dms) {
    const rows = byOwner.get(ownerId);
    const followUps = rows && selectFollowUps(rows, today, scheduleOf(rows[0] as FollowUpCandidate));
    if (followUps) found.set(ownerId, followUps);
  }
  return found;
}

/** The DMs carrying these follow-ups were posted: each commitment was asked about on that day. */
export async function recordFollowUpsShown(
  db: Db,
  clock: Clock,
  shown: ReadonlyArray<FollowUps>,
): Promise<void> {
  await markCommitmentsFollowedUp(
    db,
    shown.flatMap((followUps) =>
      followUps.items.map((item) => ({ commitmentId: item.commitmentId, localDate: followUps.today })),
    ),
    clock.now(),
  );
}

/**
 * Done or Not yet, pressed by the commitment's owner (nobody else). Both are safe to repeat: Done
 * keeps the first done_at, and a done commitment stays done whatever is pressed after.
 */
export async function answerFollowUp(
  db: Db,
  clock: Clock,
  input: {
    commitmentId: string;
    actor: { workspaceId: string; slackUserId: string };
    answer: FollowUpAnswer;
    /** The bot's DEFAULT_TIMEZONE, for an owner whose profile and team have no zone. */
    defaultTimeZone: string;
  },
): Promise<{ day: FollowUpDay; item: FollowUp }> {
  const commitment = await findCommitmentWithOwner(db, input.commitmentId);
  if (
    commitment === undefined ||
    commitment.workspace_id !== input.actor.workspaceId ||
    commitment.owner_slack_user_id !== input.actor.slackUserId
  ) {
    throw new NotYourCommitmentError(`commitment ${input.commitmentId} is not ${input.actor.slackUserId}'s`);
  }
  const now = clock.now();
  // The answer is to the DM that asked, which is the day the commitment was last followed up on.
  const today =
    commitment.last_followed_up_on ??
    localDate(now, preferredZone(input.defaultTimeZone, commitment.owner_timezone, commitment.team_timezone));
  let answer: FollowUpAnswer = input.answer;
  if (input.answer === 'done') await markCommitmentDone(db, commitment.id, now);
  // Only an open commitment takes a "Not yet": this one was done already (from another DM, or Home).
  else if (!(await markCommitmentNotYet(db, commitment.id, today, now))) answer = 'done';
  return {
    day: { today, askAgainOn: nextWorkday(today, scheduleOf(commitment)) },
    item: { commitmentId: commitment.id, text: commitment.text, dueOn: commitment.due_on, answer },
  };
}

/** One open commitment, as the Home tab and the whole list show it. */
export interface OpenCommitment {
  commitmentId: string;
  text: string;
  /** The owner's local due date, 'YYYY-MM-DD'. */
  dueOn: string;
}

/**
 * One page of a person's open commitments, soonest due first: the Home tab shows the first (its
 * HOME_LIST_MAX), the list its "See all" opens any of them.
 */
export interface OpenCommitmentsPage {
  /** The person's local date, to mark what is overdue. */
  today: string;
  items: OpenCommitment[];
  /** Open ones in all. */
  total: number;
  /** How many come before this page (0 on the first). */
  offset: number;
}

/** The Home tab lists this many open commitments at most, soonest due first. */
export const HOME_LIST_MAX = 5;

/**
 * A commitment owner's local date, as their follow-ups and their buttons count it: their zone, else
 * the zone of the team whose schedule they keep, else the bot's DEFAULT_TIMEZONE. The team is looked
 * up only when the profile has no usable zone: a review's every click runs this before its ack.
 */
export async function ownerToday(
  db: Db,
  clock: Clock,
  owner: Person,
  defaultTimeZone: string,
): Promise<string> {
  const ownZone = owner.timezone !== null && isValidTimeZone(owner.timezone) ? owner.timezone : null;
  const teamZone = ownZone === null ? await findOwnerScheduleTimeZone(db, owner.id) : null;
  return localDate(clock.now(), preferredZone(defaultTimeZone, ownZone, teamZone));
}

/**
 * The first HOME_LIST_MAX of a person's open commitments, as their Home tab lists them.
 * `defaultTimeZone` is the bot's DEFAULT_TIMEZONE, for an owner whose profile and team have no zone.
 */
export function listOpenCommitments(
  db: Db,
  clock: Clock,
  owner: Person,
  defaultTimeZone: string,
): Promise<OpenCommitmentsPage> {
  return commitmentsPage(db, clock, owner, defaultTimeZone, { limit: HOME_LIST_MAX, offset: 0 });
}

async function commitmentsPage(
  db: Db,
  clock: Clock,
  owner: Person,
  defaultTimeZone: string,
  page: Page,
): Promise<OpenCommitmentsPage> {
  const { rows, total, offset } = await readPage(page, (limit, from) =>
    listOpenCommitmentsOwnedBy(db, owner.id, limit, from),
  );
  return {
    today: await ownerToday(db, clock, owner, defaultTimeZone),
    items: rows.map((row) => ({ commitmentId: row.id, text: row.text, dueOn: row.due_on })),
    total,
    offset,
  };
}

/**
 * The page of the viewer's own open commitments that holds the `offset`-th (the last page there is
 * when the list got shorter), in the order and with the local today of their Home tab. Someone the
 * roster does not know has none.
 */
export async function openCommitmentsPageOf(
  db: Db,
  clock: Clock,
  viewer: { workspaceId: string; slackUserId: string },
  defaultTimeZone: string,
  page: Page,
): Promise<OpenCommitmentsPage> {
  const owner = await findPersonBySlackId(db, viewer.workspaceId, viewer.slackUserId);
  if (owner === undefined) {
    return { today: localDate(clock.now(), defaultTimeZone), items: [], total: 0, offset: 0 };
  }
  return commitmentsPage(db, clock, owner, defaultTimeZone, page);
}

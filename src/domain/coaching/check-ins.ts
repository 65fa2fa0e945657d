import type { Db } from '../../db/database.js';
import {
  deleteCheckInSale,
  findCheckIn,
  findCheckInByBotMessage,
  findCheckInOwner,
  findCheckInSale,
  findFirstPrompts,
  hasLaterPromptedCheckIn,
  insertAnswer,
  insertCheckInReply,
  listSentReminderMessages,
  lockCheckIn,
  updateCheckIn,
  upsertCheckInSale,
} from '../../db/queries/check-ins.js';
import { findPersonById } from '../../db/queries/people.js';
import type { CheckIn } from '../../db/schema.js';
import type { Clock } from '../clock.js';
import { type FollowUps, loadFollowUps } from '../deal-review/follow-ups.js';
import { type CheckInAnswer, diagnose } from './vocabulary.js';

/** What a prompt (and every later state of its DM) shows. */
export interface PromptContent {
  checkInId: string;
  /** The check-in's local date, 'YYYY-MM-DD'. */
  localDate: string;
  /** The workday the question is about, 'YYYY-MM-DD'. */
  aboutDate: string;
  /** A rotating coaching question from the rep's question set. */
  question: string | null;
  /** Commitments from the rep's reviews coming due, asked about under the check-in. */
  followUps?: FollowUps;
  /** Only on a rep's first prompt: the bot has never written to them, so it says who it is first. */
  introduction?: Introduction;
}

/** What a rep's first prompt tells them: who coaches them from their answers, and so sees them. */
export interface Introduction {
  /** Null when the rep has no manager who can still be written to: only admins see the answers. */
  managerSlackUserId: string | null;
}

/** Who acts on a check-in: the Slack user who clicked or submitted, in their workspace. */
export interface CheckInActor {
  workspaceId: string;
  slackUserId: string;
}

export class CheckInNotFoundError extends Error {
  override name = 'CheckInNotFoundError';
}

/** A check-in belongs to one rep; nobody else may answer it or read it. */
export class NotYourCheckInError extends Error {
  override name = 'NotYourCheckInError';
}

/** Answers can be changed only until the next prompt has been sent. */
export class CheckInClosedError extends Error {
  override name = 'CheckInClosedError';
}

/** A DM the bot posted, by where it is. */
export interface PostedMessage {
  channelId: string;
  ts: string;
}

export interface CheckInState {
  content: PromptContent;
  stage: CheckIn['stage'];
  answer: CheckInAnswer | undefined;
  prompt: PostedMessage | undefined;
  /**
   * The currency the rep's team counts sales in for its standings and reviews; null when the team
   * has none (or there is no team): the bot's DEFAULT_CURRENCY.
   */
  reportingCurrency: string | null;
  /** The rep's team ranks by revenue, which counts only sales in its reporting currency. */
  standingsByRevenue: boolean;
}

export function promptContentOf(
  checkIn: CheckIn,
  followUps?: FollowUps,
  introduction?: Introduction,
): PromptContent {
  return {
    checkInId: checkIn.id,
    localDate: checkIn.local_date,
    aboutDate: checkIn.about_date,
    question: checkIn.question,
    ...(followUps ? { followUps } : {}),
    ...(introduction ? { introduction } : {}),
  };
}

/**
 * The introductions of those prompts that are their rep's first, keyed by introductionKey; one query
 * for a whole delivery batch. Decided at send time, so a first prompt that was dropped or never
 * posted leaves the introduction to the next one that is.
 */
export async function loadIntroductions(
  db: Db,
  prompts: ReadonlyArray<{ personId: number; localDate: string }>,
): Promise<Map<string, Introduction>> {
  const rows = await findFirstPrompts(db, prompts);
  return new Map(
    rows.map((row) => [
      introductionKey(row.person_id, row.local_date),
      { managerSlackUserId: row.manager_slack_user_id },
    ]),
  );
}

export function introductionKey(personId: number, localDate: string): string {
  return `${personId}:${localDate}`;
}

async function ownerSlackUserId(db: Db, checkIn: CheckIn): Promise<string | undefined> {
  return (await findPersonById(db, checkIn.person_id))?.slack_user_id;
}

interface OwnedCheckIn {
  checkIn: CheckIn;
  reportingCurrency: string | null;
  standingsByRevenue: boolean;
}

/** The actor's own check-in, locked for the transaction or not; by default refused once closed. */
async function loadOwnedCheckIn(
  db: Db,
  checkInId: string,
  actor: CheckInActor,
  { lock, mustBeOpen = true }: { lock: boolean; mustBeOpen?: boolean },
): Promise<OwnedCheckIn> {
  const checkIn = lock ? await lockCheckIn(db, checkInId) : await findCheckIn(db, checkInId);
  if (checkIn === undefined) throw new CheckInNotFoundError(`check-in ${checkInId} does not exist`);
  const owner = await findCheckInOwner(db, checkIn.person_id);
  if (checkIn.workspace_id !== actor.workspaceId || owner?.slack_user_id !== actor.slackUserId) {
    throw new NotYourCheckInError(`check-in ${checkInId} is not ${actor.slackUserId}'s`);
  }
  if (mustBeOpen && (await hasLaterPromptedCheckIn(db, checkIn))) {
    throw new CheckInClosedError(`check-in ${checkInId} was followed by a newer prompt`);
  }
  return {
    checkIn,
    reportingCurrency: owner.reporting_currency,
    standingsByRevenue: owner.standings_metric === 'revenue',
  };
}

async function currentAnswer(db: Db, checkIn: CheckIn): Promise<CheckInAnswer | undefined> {
  switch (checkIn.outcome) {
    case null:
      return undefined;
    case 'sold': {
      const sale = await findCheckInSale(db, checkIn.id);
      if (sale === undefined) return undefined;
      return {
        outcome: 'sold',
        description: sale.description,
        amount: sale.amount,
        currency: sale.currency,
        account: sale.account,
        wonBecause: sale.won_because ?? '',
      };
    }
    case 'tried':
      return { outcome: 'tried', whatHappened: checkIn.note ?? '', skill: checkIn.skill ?? 'unsure' };
    case 'did_not_try':
      return {
        outcome: 'did_not_try',
        obstacle: checkIn.obstacle === null || checkIn.obstacle === 'none' ? 'other' : checkIn.obstacle,
        detail: checkIn.note ?? '',
      };
  }
}

async function stateOf(
  db: Db,
  { checkIn, reportingCurrency, standingsByRevenue }: OwnedCheckIn,
): Promise<CheckInState> {
  // Every redraw of the DM keeps the follow-ups it was posted with, with the answers given since.
  const followUps = await loadFollowUps(
    db,
    [{ ownerId: checkIn.person_id, today: checkIn.local_date }],
    'rep',
  );
  return {
    content: promptContentOf(checkIn, followUps.get(checkIn.person_id)),
    stage: checkIn.stage,
    answer: await currentAnswer(db, checkIn),
    prompt:
      checkIn.prompt_channel_id && checkIn.prompt_ts
        ? { channelId: checkIn.prompt_channel_id, ts: checkIn.prompt_ts }
        : undefined,
    reportingCurrency,
    standingsByRevenue,
  };
}

/** The rep's own check-in as it stands, for opening a modal or redrawing the DM. */
export async function openCheckIn(db: Db, checkInId: string, actor: CheckInActor): Promise<CheckInState> {
  return stateOf(db, await loadOwnedCheckIn(db, checkInId, actor, { lock: false }));
}

/**
 * The rep's own check-in as it ended, open or not: for drawing a closed check-in's DM without the
 * buttons that no longer do anything.
 */
export async function checkInAsItEnded(
  db: Db,
  checkInId: string,
  actor: CheckInActor,
): Promise<CheckInState> {
  return stateOf(db, await loadOwnedCheckIn(db, checkInId, actor, { lock: false, mustBeOpen: false }));
}

/** "No, I sold nothing": the conversation moves on to "Did you try?". An answer already given stays. */
export async function answerNothingSold(
  db: Db,
  clock: Clock,
  checkInId: string,
  actor: CheckInActor,
): Promise<CheckInState> {
  return db.transaction().execute(async (trx) => {
    const owned = await loadOwnedCheckIn(trx, checkInId, actor, { lock: true });
    const { checkIn } = owned;
    if (checkIn.stage === 'prompted') {
      await updateCheckIn(trx, checkIn.id, { stage: 'asked_tried', updated_at: clock.now() });
      return stateOf(trx, { ...owned, checkIn: { ...checkIn, stage: 'asked_tried' } });
    }
    return stateOf(trx, owned);
  });
}

export interface RecordedAnswerResult {
  /** False when this submission had been recorded before: nothing new was stored. */
  recorded: boolean;
  state: CheckInState;
  /**
   * The day's reminder DMs, which still ask the question with buttons: the rep may have answered from
   * either message, and both should show that the day is answered.
   */
  reminders: PostedMessage[];
}

/**
 * Records an answer with its skill / will tags, replacing the previous one (kept in the history).
 * The same `idempotencyKey` twice (a resubmitted modal) records once; `recorded` says which.
 */
export async function recordAnswer(
  db: Db,
  clock: Clock,
  input: { checkInId: string; actor: CheckInActor; answer: CheckInAnswer; idempotencyKey: string },
): Promise<RecordedAnswerResult> {
  const now = clock.now();
  return db.transaction().execute(async (trx) => {
    const owned = await loadOwnedCheckIn(trx, input.checkInId, input.actor, { lock: true });
    const { checkIn } = owned;
    const { answer } = input;
    const tags = diagnose(answer);
    const note =
      answer.outcome === 'tried'
        ? answer.whatHappened
        : answer.outcome === 'did_not_try'
          ? answer.detail || null
          : null;
    const recorded = await insertAnswer(trx, {
      checkInId: checkIn.id,
      outcome: answer.outcome,
      skill: tags.skill,
      obstacle: tags.obstacle,
      note,
      details: { ...answer },
      idempotencyKey: input.idempotencyKey,
      now,
    });
    const reminders = await listSentReminderMessages(trx, checkIn);
    if (!recorded) return { recorded, state: await stateOf(trx, owned), reminders };

    if (answer.outcome === 'sold') {
      await upsertCheckInSale(trx, {
        workspaceId: checkIn.workspace_id,
        personId: checkIn.person_id,
        checkInId: checkIn.id,
        description: answer.description,
        amount: answer.amount,
        currency: answer.currency,
        account: answer.account,
        wonBecause: answer.wonBecause,
        // The sale happened on the day the prompt asked about.
        closedOn: checkIn.about_date,
        now,
      });
    } else {
      await deleteCheckInSale(trx, checkIn.id);
    }
    const updated: CheckIn = {
      ...checkIn,
      stage: 'answered',
      outcome: answer.outcome,
      skill: tags.skill,
      obstacle: tags.obstacle,
      note,
      answered_at: checkIn.answered_at ?? now,
      updated_at: now,
    };
    await updateCheckIn(trx, checkIn.id, {
      stage: updated.stage,
      outcome: updated.outcome,
      skill: updated.skill,
      obstacle: updated.obstacle,
      note: updated.note,
      answered_at: updated.answered_at,
      updated_at: now,
    });
    return { recorded, state: await stateOf(trx, { ...owned, checkIn: updated }), reminders };
  });
}

/**
 * A message the rep typed in the thread of one of their prompts, or of the reminder about it, is kept
 * with that day's check-in.
 * Returns false when it is not such a reply (or was stored already: Slack redelivers events).
 */
export async function keepThreadReply(
  db: Db,
  clock: Clock,
  reply: {
    workspaceId: string;
    channelId: string;
    threadTs: string;
    slackUserId: string;
    ts: string;
    text: string;
  },
): Promise<boolean> {
  const checkIn = await findCheckInByBotMessage(db, reply.channelId, reply.threadTs);
  if (checkIn === undefined || checkIn.workspace_id !== reply.workspaceId) return false;
  if ((await ownerSlackUserId(db, checkIn)) !== reply.slackUserId) return false;
  return insertCheckInReply(db, { checkInId: checkIn.id, ts: reply.ts, text: reply.text, now: clock.now() });
}

import { sql } from 'kysely';
import type { Db } from '../database.js';
import type { CheckIn, CheckInUpdate, Obstacle, Outcome, Skill, StandingsMetric } from '../schema.js';
import { anyOf } from './any-of.js';

export interface NewCheckIn {
  workspaceId: string;
  personId: number;
  localDate: string;
  aboutDate: string;
  question: string | null;
}

/** Creates the day's check-ins that do not exist yet; returns only the ones created now. */
export async function insertCheckIns(
  db: Db,
  checkIns: readonly NewCheckIn[],
  now: Date,
): Promise<Array<{ id: string; workspace_id: string; person_id: number; local_date: string }>> {
  if (checkIns.length === 0) return [];
  return db
    .insertInto('check_ins')
    .values(
      checkIns.map((checkIn) => ({
        workspace_id: checkIn.workspaceId,
        person_id: checkIn.personId,
        local_date: checkIn.localDate,
        about_date: checkIn.aboutDate,
        question: checkIn.question,
        created_at: now,
        updated_at: now,
      })),
    )
    .onConflict((oc) => oc.columns(['person_id', 'local_date']).doNothing())
    .returning(['id', 'workspace_id', 'person_id', 'local_date'])
    .execute();
}

/** Whose a check-in is, and the currency their team's standings count sales in (null: the bot's default). */
export async function findCheckInOwner(
  db: Db,
  personId: number,
): Promise<
  | { slack_user_id: string; reporting_currency: string | null; standings_metric: StandingsMetric | null }
  | undefined
> {
  return db
    .selectFrom('people as p')
    .leftJoin('teams as t', 't.id', 'p.team_id')
    .select(['p.slack_user_id', 't.reporting_currency', 't.standings_metric'])
    .where('p.id', '=', personId)
    .executeTakeFirst();
}

export async function findCheckIn(db: Db, id: string): Promise<CheckIn | undefined> {
  return db.selectFrom('check_ins').selectAll().where('id', '=', id).executeTakeFirst();
}

/** findCheckIn for many ids in one query; ids that no longer exist are simply missing. */
export async function findCheckInsByIds(db: Db, ids: readonly string[]): Promise<CheckIn[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('check_ins').selectAll().where('id', '=', anyOf(ids, 'bigint')).execute();
}

/** Locks the check-in for the rest of the transaction, so two clicks on it apply one after the other. */
export async function lockCheckIn(db: Db, id: string): Promise<CheckIn | undefined> {
  return db.selectFrom('check_ins').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function updateCheckIn(db: Db, id: string, changes: CheckInUpdate): Promise<void> {
  await db.updateTable('check_ins').set(changes).where('id', '=', id).execute();
}

/** A check-in can be changed until a later one of the same rep has been sent. */
export async function hasLaterPromptedCheckIn(db: Db, checkIn: CheckIn): Promise<boolean> {
  const later = await db
    .selectFrom('check_ins')
    .select('id')
    .where('person_id', '=', checkIn.person_id)
    .where('local_date', '>', checkIn.local_date)
    .where('prompted_at', 'is not', null)
    .limit(1)
    .executeTakeFirst();
  return later !== undefined;
}

/**
 * Of these prompts, the ones that are their rep's first: no prompt for an earlier day was posted.
 * Each comes with the rep's manager's Slack user id, or null without a manager who can still be
 * written to. One query for the whole list.
 */
export async function findFirstPrompts(
  db: Db,
  prompts: ReadonlyArray<{ personId: number; localDate: string }>,
): Promise<Array<{ person_id: number; local_date: string; manager_slack_user_id: string | null }>> {
  if (prompts.length === 0) return [];
  const { rows } = await sql<{ person_id: number; local_date: string; manager_slack_user_id: string | null }>`
    select d.person_id, d.local_date, m.slack_user_id as manager_slack_user_id
    from unnest(
      ${prompts.map((prompt) => prompt.personId)}::integer[],
      ${prompts.map((prompt) => prompt.localDate)}::date[]
    ) as d(person_id, local_date)
    join people p on p.id = d.person_id
    left join people m
      on m.id = p.manager_id and m.slack_deactivated_at is null and m.inactive_reason is null
    where not exists (
      select 1 from check_ins c
      where c.person_id = d.person_id and c.local_date < d.local_date and c.prompted_at is not null
    )`.execute(db);
  return rows;
}

/** How many check-ins of each person carried a rotating question; people with none are missing. */
export async function countQuestionsAsked(
  db: Db,
  personIds: readonly number[],
): Promise<Map<number, number>> {
  if (personIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('check_ins')
    .select((eb) => ['person_id', eb.fn.countAll<string>().as('count')])
    .where('person_id', '=', anyOf(personIds, 'integer'))
    .where('question', 'is not', null)
    .groupBy('person_id')
    .execute();
  return new Map(rows.map((row) => [row.person_id, Number(row.count)]));
}

export async function findCheckInByPromptMessage(
  db: Db,
  channelId: string,
  ts: string,
): Promise<CheckIn | undefined> {
  return db
    .selectFrom('check_ins')
    .selectAll()
    .where('prompt_channel_id', '=', channelId)
    .where('prompt_ts', '=', ts)
    .executeTakeFirst();
}

/** The check-in a bot message in a rep's DM belongs to: the day's prompt, or the reminder about it. */
export async function findCheckInByBotMessage(
  db: Db,
  channelId: string,
  ts: string,
): Promise<CheckIn | undefined> {
  const prompted = await findCheckInByPromptMessage(db, channelId, ts);
  if (prompted !== undefined) return prompted;
  return db
    .selectFrom('outbox_messages as o')
    .innerJoin('check_ins as c', 'c.id', 'o.check_in_id')
    .selectAll('c')
    .where('o.slack_channel_id', '=', channelId)
    .where('o.slack_ts', '=', ts)
    .where('o.kind', '=', 'reminder')
    .executeTakeFirst();
}

/**
 * Where a check-in's reminder went, for redrawing it once the rep has answered. Found by the outbox's
 * unique (person, kind, local date) rather than by check-in id, which has no index there.
 */
export async function listSentReminderMessages(
  db: Db,
  checkIn: Pick<CheckIn, 'id' | 'person_id' | 'local_date'>,
): Promise<Array<{ channelId: string; ts: string }>> {
  const rows = await db
    .selectFrom('outbox_messages')
    .select(['slack_channel_id', 'slack_ts'])
    .where('person_id', '=', checkIn.person_id)
    .where('kind', '=', 'reminder')
    .where('local_date', '=', checkIn.local_date)
    .where('check_in_id', '=', checkIn.id)
    .where('slack_channel_id', 'is not', null)
    .where('slack_ts', 'is not', null)
    .orderBy('id')
    .execute();
  return rows.map((row) => ({ channelId: row.slack_channel_id as string, ts: row.slack_ts as string }));
}

/**
 * Appends an answer to the history; returns false when this submission was recorded before (the
 * same idempotency key), so a double click or a resubmitted modal stores one answer.
 */
export async function insertAnswer(
  db: Db,
  answer: {
    checkInId: string;
    outcome: Outcome;
    skill: Skill | null;
    obstacle: Obstacle | null;
    note: string | null;
    details: Record<string, unknown>;
    idempotencyKey: string;
    now: Date;
  },
): Promise<boolean> {
  const inserted = await db
    .insertInto('answers')
    .values({
      check_in_id: answer.checkInId,
      outcome: answer.outcome,
      skill: answer.skill,
      obstacle: answer.obstacle,
      note: answer.note,
      details: JSON.stringify(answer.details),
      idempotency_key: answer.idempotencyKey,
      recorded_at: answer.now,
    })
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function insertCheckInReply(
  db: Db,
  reply: { checkInId: string; ts: string; text: string; now: Date },
): Promise<boolean> {
  const inserted = await db
    .insertInto('check_in_replies')
    .values({ check_in_id: reply.checkInId, slack_ts: reply.ts, text: reply.text, created_at: reply.now })
    .onConflict((oc) => oc.columns(['check_in_id', 'slack_ts']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function upsertCheckInSale(
  db: Db,
  sale: {
    workspaceId: string;
    personId: number;
    checkInId: string;
    description: string;
    amount: string;
    currency: string;
    account: string;
    wonBecause: string;
    closedOn: string;
    now: Date;
  },
): Promise<void> {
  await db
    .insertInto('sales')
    .values({
      workspace_id: sale.workspaceId,
      person_id: sale.personId,
      check_in_id: sale.checkInId,
      description: sale.description,
      amount: sale.amount,
      currency: sale.currency,
      account: sale.account,
      won_because: sale.wonBecause,
      closed_on: sale.closedOn,
      source: 'check_in',
      created_at: sale.now,
      updated_at: sale.now,
    })
    .onConflict((oc) =>
      oc.column('check_in_id').doUpdateSet((eb) => ({
        description: eb.ref('excluded.description'),
        amount: eb.ref('excluded.amount'),
        currency: eb.ref('excluded.currency'),
        account: eb.ref('excluded.account'),
        won_because: eb.ref('excluded.won_because'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .execute();
}

export async function deleteCheckInSale(db: Db, checkInId: string): Promise<void> {
  await db.deleteFrom('sales').where('check_in_id', '=', checkInId).execute();
}

export async function findCheckInSale(db: Db, checkInId: string) {
  return db.selectFrom('sales').selectAll().where('check_in_id', '=', checkInId).executeTakeFirst();
}

/** Of the given teammates' check-ins on one date: how many were sent, and how many are answered. */
export async function countTeammateAnswers(
  db: Db,
  options: { personIds: readonly number[]; localDate: string },
): Promise<{ prompted: number; answered: number }> {
  if (options.personIds.length === 0) return { prompted: 0, answered: 0 };
  const row = await db
    .selectFrom('check_ins')
    .select([
      sql<string>`count(*) filter (where prompted_at is not null)`.as('prompted'),
      sql<string>`count(*) filter (where prompted_at is not null and stage = 'answered')`.as('answered'),
    ])
    .where('person_id', '=', anyOf(options.personIds, 'integer'))
    .where('local_date', '=', options.localDate)
    .executeTakeFirstOrThrow();
  return { prompted: Number(row.prompted), answered: Number(row.answered) };
}

/** Check-ins of these people between two local dates (inclusive), with the sale a "sold" day recorded. */
export async function listCheckInDays(
  db: Db,
  options: { personIds: readonly number[]; from: string; to: string },
) {
  if (options.personIds.length === 0) return [];
  return db
    .selectFrom('check_ins as c')
    .leftJoin('sales as s', 's.check_in_id', 'c.id')
    .select([
      'c.person_id',
      'c.local_date',
      'c.stage',
      'c.outcome',
      'c.skill',
      'c.obstacle',
      'c.note',
      'c.prompted_at',
      's.description',
      's.amount',
      's.currency',
      's.account',
    ])
    .where('c.person_id', '=', anyOf(options.personIds, 'integer'))
    .where('c.local_date', '>=', options.from)
    .where('c.local_date', '<=', options.to)
    .execute();
}

/**
 * What posting a batch of outbox messages taught us, in one statement: each person's DM channel (if
 * not known yet), and for a prompt, the message its check-in's buttons live in.
 */
export async function recordPostedMessages(
  db: Db,
  posts: ReadonlyArray<{
    personId: number;
    promptCheckInId: string | null;
    channelId: string;
    ts: string;
  }>,
  now: Date,
): Promise<void> {
  if (posts.length === 0) return;
  await sql`
    with sent as (
      select * from unnest(
        ${posts.map((post) => post.personId)}::integer[],
        ${posts.map((post) => post.promptCheckInId)}::bigint[],
        ${posts.map((post) => post.channelId)}::text[],
        ${posts.map((post) => post.ts)}::text[]
      ) as s(person_id, check_in_id, channel_id, ts)
    ),
    learnt_dm as (
      update people as p
      set dm_channel_id = sent.channel_id
      from sent
      where p.id = sent.person_id and p.dm_channel_id is null
    )
    update check_ins as c
    set prompt_channel_id = sent.channel_id, prompt_ts = sent.ts, prompted_at = ${now}, updated_at = ${now}
    from sent
    where c.id = sent.check_in_id`.execute(db);
}

/**
 * A rep's prompted check-ins, newest first, as far back as `limit`: what their streaks are counted
 * from. Days without a prompt (weekends, holidays, days off, a prompt never sent) have no prompted row,
 * so they neither count nor break a streak.
 */
export function listRecentPromptedCheckIns(
  db: Db,
  personId: number,
  limit: number,
): Promise<Array<Pick<CheckIn, 'local_date' | 'stage' | 'outcome'>>> {
  return db
    .selectFrom('check_ins')
    .select(['local_date', 'stage', 'outcome'])
    .where('person_id', '=', personId)
    .where('prompted_at', 'is not', null)
    .orderBy('local_date', 'desc')
    .limit(limit)
    .execute();
}

import { sql } from 'kysely';
import type { Db } from '../database.js';
import type { NewOutboxMessage, OutboxKind, OutboxMessage, OutboxStatus } from '../schema.js';
import { anyOf } from './any-of.js';

/**
 * Rows per INSERT: Postgres takes at most 65,535 parameters a statement and an outbox row has up to 13
 * columns, so 10,000 reminders (or prompts dropped after a day down) in one statement were refused,
 * and every tick after it failed the same way.
 */
const INSERT_ROWS_PER_STATEMENT = 1_000;

/**
 * Inserts due messages; a row whose (person, kind, local date) already exists is skipped, which is
 * what lets every replica run the same tick. Returns how many rows are new. The statements are not
 * one transaction: if one fails, the rows before it stay, and the next tick inserts the rest.
 */
export async function insertOutboxMessages(db: Db, rows: readonly NewOutboxMessage[]): Promise<number> {
  let insertedRows = 0;
  for (let start = 0; start < rows.length; start += INSERT_ROWS_PER_STATEMENT) {
    const inserted = await db
      .insertInto('outbox_messages')
      .values(rows.slice(start, start + INSERT_ROWS_PER_STATEMENT))
      .onConflict((oc) => oc.columns(['person_id', 'kind', 'local_date']).doNothing())
      .returning('id')
      .execute();
    insertedRows += inserted.length;
  }
  return insertedRows;
}

/**
 * Leases up to `limit` messages that are due, or whose previous lease ran out (its worker died).
 * SKIP LOCKED lets replicas claim side by side without waiting on each other's rows. A row taken
 * back from an expired lease may already be in Slack, hence `maybe_sent`.
 */
export async function claimOutboxMessages(
  db: Db,
  options: { now: Date; leaseUntil: Date; workerId: string; limit: number },
): Promise<OutboxMessage[]> {
  const { now, leaseUntil, workerId, limit } = options;
  const result = await sql<OutboxMessage>`
    update outbox_messages as o
    set status = 'sending',
        lease_until = ${leaseUntil},
        leased_by = ${workerId},
        attempts = o.attempts + 1,
        maybe_sent = o.maybe_sent or o.status = 'sending',
        updated_at = ${now}
    from (
      select id from outbox_messages
      where (status = 'pending' and next_attempt_at <= ${now})
         or (status = 'sending' and lease_until <= ${now})
      order by due_at, id
      limit ${limit}
      for update skip locked
    ) as due
    where o.id = due.id
    returning o.*`.execute(db);
  return result.rows;
}

/** Only the worker holding the lease may settle a row: a late answer after a lost lease changes nothing. */
function leased(db: Db, id: string, workerId: string) {
  return db
    .updateTable('outbox_messages')
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .where('leased_by', '=', workerId);
}

/**
 * Marks posted rows sent, many in one statement. Returns the ids it marked: rows this worker no longer
 * holds (its lease ran out) are left as they are.
 */
export async function markOutboxMessagesSent(
  db: Db,
  workerId: string,
  rows: ReadonlyArray<{ id: string; channelId: string; ts: string; now: Date }>,
): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const result = await sql<{ id: string }>`
    update outbox_messages as o
    set status = 'sent',
        slack_channel_id = s.channel_id,
        slack_ts = s.ts,
        sent_at = s.sent_at,
        lease_until = null,
        maybe_sent = false,
        failure_reason = null,
        updated_at = s.sent_at
    from unnest(
      ${rows.map((row) => row.id)}::bigint[],
      ${rows.map((row) => row.channelId)}::text[],
      ${rows.map((row) => row.ts)}::text[],
      ${rows.map((row) => row.now)}::timestamptz[]
    ) as s(id, channel_id, ts, sent_at)
    where o.id = s.id and o.status = 'sending' and o.leased_by = ${workerId}
    returning o.id`.execute(db);
  return new Set(result.rows.map((row) => String(row.id)));
}

export async function rescheduleOutboxMessage(
  db: Db,
  id: string,
  workerId: string,
  retry: { at: Date; reason: string; maybeSent: boolean; countAttempt: boolean; now: Date },
): Promise<void> {
  await leased(db, id, workerId)
    .set((eb) => ({
      status: 'pending',
      next_attempt_at: retry.at,
      lease_until: null,
      leased_by: null,
      maybe_sent: retry.maybeSent,
      failure_reason: retry.reason,
      // A rate-limited attempt is Slack asking us to wait, not a failure: it must not use up retries.
      attempts: retry.countAttempt ? eb.ref('attempts') : eb('attempts', '-', 1),
      updated_at: retry.now,
    }))
    .execute();
}

/**
 * Hands claimed rows back untouched, many in one statement: pending again from each row's `at`, the
 * claim not counted as an attempt. Rows this worker no longer holds are left as they are.
 */
export async function releaseOutboxMessages(
  db: Db,
  workerId: string,
  rows: ReadonlyArray<{ id: string; at: Date; reason: string; maybeSent: boolean }>,
  now: Date,
): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    update outbox_messages as o
    set status = 'pending',
        next_attempt_at = s.at,
        lease_until = null,
        leased_by = null,
        maybe_sent = s.maybe_sent,
        failure_reason = s.reason,
        attempts = o.attempts - 1,
        updated_at = ${now}
    from unnest(
      ${rows.map((row) => row.id)}::bigint[],
      ${rows.map((row) => row.at)}::timestamptz[],
      ${rows.map((row) => row.reason)}::text[],
      ${rows.map((row) => row.maybeSent)}::boolean[]
    ) as s(id, at, reason, maybe_sent)
    where o.id = s.id and o.status = 'sending' and o.leased_by = ${workerId}`.execute(db);
}

export async function closeOutboxMessage(
  db: Db,
  id: string,
  workerId: string,
  close: { status: 'failed' | 'dropped'; reason: string; now: Date },
): Promise<void> {
  await leased(db, id, workerId)
    .set({
      status: close.status,
      failure_reason: close.reason,
      lease_until: null,
      updated_at: close.now,
    })
    .execute();
}

/**
 * Reserves up to `count` consecutive send slots for a workspace, `intervalMs` apart, shared by all
 * replicas through one row, but none later than `latest` (the last moment the caller's lease lets it
 * send). Slots other replicas hold come first, so fewer than `count` (or none) may fit: the rest are
 * not reserved, so no slot is wasted on a row that cannot be sent in time. Returns the first slot,
 * how many were granted, and where the workspace's next free slot now is.
 */
export async function reserveSendSlots(
  db: Db,
  options: { workspaceId: string; count: number; intervalMs: number; now: Date; latest: Date },
): Promise<{ first: Date; granted: number; nextFree: Date }> {
  const { workspaceId, count, intervalMs, now, latest } = options;
  return db.transaction().execute(async (trx) => {
    await trx
      .insertInto('delivery_pacing')
      .values({ workspace_id: workspaceId, next_slot_at: now })
      .onConflict((oc) => oc.column('workspace_id').doNothing())
      .execute();
    const row = await trx
      .selectFrom('delivery_pacing')
      .select('next_slot_at')
      .where('workspace_id', '=', workspaceId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    let first = row.next_slot_at.getTime();
    // A slot more than an hour ahead can only come from a clock that jumped back: start afresh.
    if (first > now.getTime() + 60 * 60_000 || first < now.getTime()) first = now.getTime();
    const fits = Math.floor((latest.getTime() - first) / intervalMs) + 1;
    const granted = Math.max(0, Math.min(count, fits));
    const nextFree = new Date(first + granted * intervalMs);
    if (granted > 0) {
      await trx
        .updateTable('delivery_pacing')
        .set({ next_slot_at: nextFree })
        .where('workspace_id', '=', workspaceId)
        .execute();
    }
    return { first: new Date(first), granted, nextFree };
  });
}

/**
 * Slack said "wait": no replica reserves a slot for this workspace before `until`, and none sends a
 * message it planned earlier before then either (see findSendingPauses).
 */
export async function pauseWorkspaceSending(db: Db, workspaceId: string, until: Date): Promise<void> {
  await sql`
    insert into delivery_pacing as p (workspace_id, next_slot_at, paused_until)
    values (${workspaceId}, ${until}, ${until})
    on conflict (workspace_id) do update
      set next_slot_at = greatest(p.next_slot_at, ${until}),
          paused_until = greatest(p.paused_until, ${until})`.execute(db);
}

/** Until when each workspace's sending is paused by a Retry-After; workspaces never paused are left out. */
export async function findSendingPauses(db: Db, workspaceIds: readonly string[]): Promise<Map<string, Date>> {
  if (workspaceIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('delivery_pacing')
    .select(['workspace_id', 'paused_until'])
    .where('workspace_id', '=', anyOf(workspaceIds, 'text'))
    .execute();
  const pauses = new Map<string, Date>();
  for (const row of rows) if (row.paused_until !== null) pauses.set(row.workspace_id, row.paused_until);
  return pauses;
}

/** Prompts of these people between two local dates that were dropped or failed, with the reason. */
export async function listUndeliveredPrompts(
  db: Db,
  options: { personIds: readonly number[]; from: string; to: string },
) {
  if (options.personIds.length === 0) return [];
  return db
    .selectFrom('outbox_messages')
    .select(['person_id', 'local_date', 'status', 'failure_reason'])
    .where('person_id', '=', anyOf(options.personIds, 'integer'))
    .where('kind', '=', 'prompt')
    .where('status', 'in', ['dropped', 'failed'])
    .where('local_date', '>=', options.from)
    .where('local_date', '<=', options.to)
    .execute();
}

/**
 * Of these digests, the ones that are their manager's first: no digest of theirs for an earlier day
 * was sent. One query for the whole list, answered by the (person, kind, local date) unique index.
 */
export async function findFirstDigests(
  db: Db,
  digests: ReadonlyArray<{ personId: number; localDate: string }>,
): Promise<Array<{ person_id: number; local_date: string }>> {
  if (digests.length === 0) return [];
  const { rows } = await sql<{ person_id: number; local_date: string }>`
    select d.person_id, d.local_date
    from unnest(
      ${digests.map((digest) => digest.personId)}::integer[],
      ${digests.map((digest) => digest.localDate)}::date[]
    ) as d(person_id, local_date)
    where not exists (
      select 1 from outbox_messages o
      where o.person_id = d.person_id and o.kind = 'digest' and o.local_date < d.local_date
        and o.status = 'sent'
    )`.execute(db);
  return rows;
}

export interface OutboxSummary {
  /** Rows pending or sending now, and rows failed or dropped since `closedSince`, by kind and status. */
  counts: Array<{ kind: OutboxKind; status: OutboxStatus; messages: number }>;
  /** When the longest-waiting message that is due and not yet sent was due; undefined when none is. */
  oldestDueAt: Date | undefined;
}

/**
 * How the outbox stands, for monitoring, in one statement. Each branch of the filter has its own
 * partial index (pending, sending, and failed or dropped by time), so the rows sent every day, most
 * of the table, are never read.
 */
export async function summarizeOutbox(
  db: Db,
  options: { now: Date; closedSince: Date },
): Promise<OutboxSummary> {
  const { now, closedSince } = options;
  const result = await sql<{
    kind: OutboxKind;
    status: OutboxStatus;
    messages: number;
    oldest_due_at: Date | null;
  }>`
    select kind, status, count(*)::int as messages,
      min(due_at) filter (where status in ('pending', 'sending') and due_at <= ${now}) as oldest_due_at
    from outbox_messages
    where status = 'pending'
       or status = 'sending'
       or (status in ('failed', 'dropped') and updated_at >= ${closedSince})
    group by kind, status`.execute(db);
  let oldestDueAt: Date | undefined;
  for (const row of result.rows) {
    if (row.oldest_due_at !== null && (oldestDueAt === undefined || row.oldest_due_at < oldestDueAt)) {
      oldestDueAt = row.oldest_due_at;
    }
  }
  return {
    counts: result.rows.map(({ kind, status, messages }) => ({ kind, status, messages })),
    oldestDueAt,
  };
}

/**
 * Deletes up to `limit` closed outbox rows (sent, failed, dropped) of days before `beforeDate`;
 * returns how many went. No index on the date alone: this runs once a day, and a scan that stops at
 * `limit` rows (or reads the table once when nothing is left) is cheaper than an index every send
 * would have to maintain. Batches keep each delete's locks and WAL short.
 */
export async function deleteClosedOutboxMessagesBefore(
  db: Db,
  beforeDate: string,
  limit: number,
): Promise<number> {
  const result = await sql`
    delete from outbox_messages where id in (
      select id from outbox_messages
      where local_date < ${beforeDate}::date and status in ('sent', 'failed', 'dropped')
      limit ${limit}
    )`.execute(db);
  return Number(result.numAffectedRows ?? 0n);
}

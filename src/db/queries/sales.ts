import { sql } from 'kysely';
import type { Db } from '../database.js';
import type { NewSale } from '../schema.js';
import { anyOf } from './any-of.js';

export interface SalesRep {
  id: number;
  slack_user_id: string;
  email: string | null;
  display_name: string;
  /** The rep's team's reporting currency; null when the team has none (or the rep no team). */
  reporting_currency: string | null;
}

/**
 * The workspace's reps named by Slack user id or by email (emails matched without regard to case).
 * The names go as one array each, so a file of any length stays one query.
 */
export async function findRepsByIdOrEmail(
  db: Db,
  workspaceId: string,
  names: { slackUserIds: readonly string[]; emails: readonly string[] },
): Promise<SalesRep[]> {
  if (names.slackUserIds.length === 0 && names.emails.length === 0) return [];
  const emails = names.emails.map((email) => email.toLowerCase());
  return db
    .selectFrom('people as p')
    .leftJoin('teams as t', 't.id', 'p.team_id')
    .select(['p.id', 'p.slack_user_id', 'p.email', 'p.display_name', 't.reporting_currency'])
    .where('p.workspace_id', '=', workspaceId)
    .where('p.is_rep', '=', true)
    .where((eb) =>
      eb.or([
        eb('p.slack_user_id', '=', anyOf(names.slackUserIds, 'text')),
        eb(sql<string>`lower(p.email)`, '=', anyOf(emails, 'text')),
      ]),
    )
    .execute();
}

/** Which of these external ids the workspace's sales already have (one array parameter, any length). */
export async function findKnownExternalIds(
  db: Db,
  workspaceId: string,
  externalIds: readonly string[],
): Promise<Set<string>> {
  if (externalIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('sales')
    .select('external_id')
    .where('workspace_id', '=', workspaceId)
    .where('external_id', '=', anyOf(externalIds, 'text'))
    .execute();
  return new Set(rows.map((row) => row.external_id as string));
}

/**
 * Inserts sales that carry an external id, skipping any whose (workspace, external id) is already
 * there (another import got there first); returns the external ids actually inserted.
 */
export async function insertExternalSales(db: Db, sales: readonly NewSale[]): Promise<Set<string>> {
  if (sales.length === 0) return new Set();
  const rows = await db
    .insertInto('sales')
    .values([...sales])
    .onConflict((oc) =>
      oc.columns(['workspace_id', 'external_id']).where('external_id', 'is not', null).doNothing(),
    )
    .returning('external_id')
    .execute();
  return new Set(rows.map((row) => row.external_id as string));
}

/** A sale a rep logged in a check-in that no import has claimed yet (no external id). */
export interface CheckInSaleCandidate {
  id: string;
  person_id: number;
  amount: string;
  currency: string;
  account: string;
  closed_on: string;
  created_at: Date;
  /** The date of the check-in it was logged in (its closed_on when the check-in is unknown). */
  check_in_date: string;
}

/**
 * The unclaimed check-in sales of these reps closed within `days` days of the given dates: one query
 * for any number of lines (two parallel arrays). The rows are locked until the transaction ends, in
 * id order, so two imports running at once cannot both attach an external id to the same sale.
 */
export async function findUnclaimedCheckInSalesNear(
  db: Db,
  workspaceId: string,
  lines: ReadonlyArray<{ personId: number; closedOn: string }>,
  days: number,
): Promise<CheckInSaleCandidate[]> {
  if (lines.length === 0) return [];
  const personIds = lines.map((line) => line.personId);
  const dates = lines.map((line) => line.closedOn);
  return db
    .selectFrom('sales as s')
    .leftJoin('check_ins as c', 'c.id', 's.check_in_id')
    .select([
      's.id',
      's.person_id',
      's.amount',
      's.currency',
      's.account',
      's.closed_on',
      's.created_at',
      sql<string>`coalesce(c.local_date, s.closed_on)`.as('check_in_date'),
    ])
    .where('s.workspace_id', '=', workspaceId)
    .where('s.source', '=', 'check_in')
    .where('s.external_id', 'is', null)
    .where(
      sql<boolean>`exists (
        select 1 from unnest(${personIds}::int[], ${dates}::date[]) as l(person_id, closed_on)
        where l.person_id = s.person_id
          and s.closed_on between l.closed_on - ${days}::int and l.closed_on + ${days}::int
      )`,
    )
    .orderBy('s.id')
    .forUpdate('s')
    .execute();
}

/**
 * Holds, until the transaction ends, the workspace's one sales import at a time. Two imports of the
 * same file each locked the check-in sales they matched, but the second then matched the line to the
 * next candidate and failed on the external id's unique index; one after the other, the second finds
 * the ids imported and reports them as duplicates.
 */
export async function lockSalesImport(db: Db, workspaceId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(${SALES_IMPORT_LOCK_CLASS}, hashtext(${workspaceId}))`.execute(db);
}

/** The first key of the advisory lock: the kind of thing locked, so other advisory locks cannot collide. */
const SALES_IMPORT_LOCK_CLASS = 51_001;

/**
 * Gives check-in sales the external ids of the import lines they matched (one query for any number),
 * only where they still have none; returns the ids of the sales updated.
 */
export async function attachExternalIds(
  db: Db,
  workspaceId: string,
  matches: ReadonlyArray<{ saleId: string; externalId: string }>,
  now: Date,
): Promise<Set<string>> {
  if (matches.length === 0) return new Set();
  const saleIds = matches.map((match) => match.saleId);
  const externalIds = matches.map((match) => match.externalId);
  const result = await sql<{ id: string }>`
    update sales set external_id = m.external_id, updated_at = ${now}
    from unnest(${saleIds}::bigint[], ${externalIds}::text[]) as m(sale_id, external_id)
    where sales.id = m.sale_id and sales.workspace_id = ${workspaceId} and sales.external_id is null
    returning sales.id
  `.execute(db);
  return new Set(result.rows.map((row) => String(row.id)));
}

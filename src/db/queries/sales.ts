import { sql } from 'kysely';
import type { Db } from '../database.js';
import type { NewSale } from '../schema.js';

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
        eb('p.slack_user_id', '=', sql<string>`any(${[...names.slackUserIds]}::text[])`),
        eb(sql<string>`lower(p.email)`, '=', sql<string>`any(${emails}::text[])`),
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
    .where('external_id', '=', sql<string>`any(${[...externalIds]}::text[])`)
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

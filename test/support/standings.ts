import { sql } from 'kysely';
import type { Db } from '../../src/db/database.js';
import type { Clock } from '../../src/domain/clock.js';
import {
  DEFAULT_STANDINGS_POSTING,
  publishDueStandingsPosts,
  queueDueStandingsPosts,
  type StandingsPosting,
} from '../../src/domain/rankings/posting.js';
import { computeWeeklyStandings } from '../../src/domain/rankings/service.js';
import { tokenCipher } from '../../src/domain/workspaces/token-cipher.js';
import { createLogger } from '../../src/logger.js';
import { slackStandingsChannel } from '../../src/slack/standings-channel.js';
import { webClientsByToken } from '../../src/slack/web-client-options.js';
import { workspaceClients } from '../../src/slack/workspace-clients.js';
import { WORKSPACE_ID } from './coaching.js';
import type { SlackStandIn } from './slack-stand-in/index.js';

/**
 * The weekly posting as a replica of the bot runs it (the real computation, the real Slack side
 * against the stand-in), for tests that tick it at chosen instants instead of waiting for the cron.
 */
export function testStandingsPosting(options: {
  db: Db;
  clock: Clock;
  standIn: SlackStandIn;
  workerId?: string;
}): StandingsPosting {
  const clients = workspaceClients({
    authorization: { kind: 'single-workspace', botToken: 'xoxb-standings-test' },
    db: options.db,
    cipher: tokenCipher([]),
    clientFor: webClientsByToken({
      slackApiUrl: options.standIn.apiUrl,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
    }),
  });
  return {
    db: options.db,
    clock: options.clock,
    channel: slackStandingsChannel(clients, createLogger({ level: 'silent', secrets: [] })),
    computeStandings: computeWeeklyStandings,
    policy: { ...DEFAULT_STANDINGS_POSTING, defaultTimeZone: 'UTC', defaultCurrency: 'USD' },
    workerId: options.workerId ?? 'test-replica',
  };
}

/** One minute tick of the weekly posting, as main.ts schedules it. */
export async function tickStandings(posting: StandingsPosting) {
  await queueDueStandingsPosts(posting.db, posting.clock, posting.policy);
  return publishDueStandingsPosts(posting);
}

export async function seedSale(db: Db, personId: number, closedOn: string, amount: string): Promise<void> {
  await db
    .insertInto('sales')
    .values({
      workspace_id: WORKSPACE_ID,
      person_id: personId,
      description: 'seats',
      amount,
      currency: 'USD',
      account: 'Acme',
      closed_on: closedOn,
      source: 'import',
      external_id: `S-${personId}-${closedOn}-${amount}`,
    })
    .execute();
}

/** Says the person joined long ago, so every week of a test counts them (created_at is the database's). */
export async function backdatePerson(
  db: Db,
  personId: number,
  since = '2026-01-01T00:00:00Z',
): Promise<void> {
  await sql`update people set created_at = ${since} where id = ${personId}`.execute(db);
}

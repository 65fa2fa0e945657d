import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pauseWorkspaceSending } from '../../src/db/queries/outbox.js';
import { upsertWorkspace } from '../../src/db/queries/workspaces.js';
import type { OutboxMessage } from '../../src/db/schema.js';
import { DeliveryWorker } from '../../src/delivery/worker.js';
import { coachingOutbox } from '../../src/domain/coaching/outgoing.js';
import { tokenCipher } from '../../src/domain/workspaces/token-cipher.js';
import { createLogger } from '../../src/logger.js';
import { OUTBOX_METADATA_EVENT, slackOutboxTransport } from '../../src/slack/notifier.js';
import { webClientOptions, webClientsByToken } from '../../src/slack/web-client-options.js';
import { workspaceClients } from '../../src/slack/workspace-clients.js';
import { MovableClock } from '../support/clock.js';
import { seedPerson, seedTeam, tick, WORKSPACE_ID } from '../support/coaching.js';
import { useTestDatabase } from '../support/database.js';
import { ALWAYS_WORKING, promptDueOneMinuteAgo } from '../support/due-now.js';
import { SlackStandIn } from '../support/slack-stand-in/index.js';
import { TcpProxy } from '../support/tcp-proxy.js';

/**
 * The delivery worker on its own, one round at a time (runOnce), with the real Slack transport
 * against the stand-in and a clock the test moves: what it does with each kind of failure Slack or
 * the network can give, and with a message that has waited too long.
 */

const MAX_ATTEMPTS = 3;
const LEASE_MS = 30_000;
const silent = createLogger({ level: 'silent', secrets: [] });

describe('the delivery worker', () => {
  const database = useTestDatabase();
  // Real time, moved forward by the tests (backoff, Retry-After): the stand-in stamps messages with
  // real time, and the worker looks for an earlier post from the time its row was queued.
  const clock = new MovableClock(new Date());
  let standIn: SlackStandIn;
  let reps = 0;

  beforeAll(async () => {
    standIn = await SlackStandIn.start();
    await upsertWorkspace(
      database.current.db,
      { id: WORKSPACE_ID, enterpriseId: null, name: 'Stand-in' },
      clock.now(),
    );
  });
  afterAll(async () => {
    await standIn?.stop();
  });
  beforeEach(async () => {
    standIn.reset();
    // Earlier tests' reps would be due again tomorrow: only this test's reps are reps.
    await database.current.db.updateTable('people').set({ is_rep: false }).execute();
  });

  function worker(
    options: {
      apiUrl?: string;
      ratePerMinute?: number;
      clock?: MovableClock;
      content?: ReturnType<typeof coachingOutbox>;
    } = {},
  ) {
    const slackApi = { url: options.apiUrl ?? standIn.apiUrl, timeoutMs: 2_000, maxRetries: 0 };
    // As createSlackService builds the delivery clients: no retries or Retry-After waits inside a call.
    const clients = workspaceClients({
      authorization: { kind: 'single-workspace', botToken: 'xoxb-worker-test' },
      db: database.current.db,
      cipher: tokenCipher([]),
      clientFor: webClientsByToken(webClientOptions(slackApi, silent, 'paced')),
    });
    return new DeliveryWorker({
      db: database.current.db,
      clock: options.clock ?? clock,
      logger: silent,
      transport: slackOutboxTransport(clients, silent),
      content: options.content ?? coachingOutbox(database.current.db, options.clock ?? clock),
      options: {
        workerId: 'worker-test',
        ratePerMinute: options.ratePerMinute ?? 60_000,
        concurrency: 4,
        leaseMs: LEASE_MS,
        idlePollMs: 50,
        maxAttempts: MAX_ATTEMPTS,
        maxBatch: 50,
      },
    });
  }

  /** New reps on the team and the tick that queues their prompts (due now); returns them with their rows. */
  async function dueReps(count: number) {
    const { db } = database.current;
    const schedule = promptDueOneMinuteAgo(clock.now());
    const teamId = await seedTeam(db, {
      name: `Team of ${reps + 1}`,
      timezone: schedule.timezone,
      promptTime: schedule.promptTime,
      ...ALWAYS_WORKING,
    });
    const seeded = [];
    for (let n = 0; n < count; n++) {
      const slackUserId = `UWORK${String(++reps).padStart(4, '0')}`;
      seeded.push({ slackUserId, personId: await seedPerson(db, { slackUserId, teamId }) });
    }
    await tick(db, clock);
    return Promise.all(seeded.map(async (rep) => ({ ...rep, outbox: await outboxOf(rep.personId) })));
  }

  async function outboxOf(personId: number): Promise<OutboxMessage> {
    return database.current.db
      .selectFrom('outbox_messages')
      .selectAll()
      .where('person_id', '=', personId)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
  }

  const postsTo = (slackUserId: string) =>
    standIn.calls('chat.postMessage').filter((call) => call.args.channel === slackUserId);
  const promptsIn = (slackUserId: string) =>
    standIn
      .messages(`D${slackUserId}`)
      .filter((message) => message.metadata?.event_type === OUTBOX_METADATA_EVENT);
  const historyLookups = (slackUserId: string) =>
    standIn.calls('conversations.history').filter((call) => call.args.channel === `D${slackUserId}`);

  /** Milliseconds from the row's last update (the failed attempt) to its next attempt. */
  const backoffOf = (row: OutboxMessage) => row.next_attempt_at.getTime() - row.updated_at.getTime();

  it('retries a 5xx with a growing backoff, then gives the row up as failed with the reason', async () => {
    const [rep] = await dueReps(1);
    const { slackUserId, personId } = rep!;
    standIn.fail(
      'chat.postMessage',
      { kind: 'server_error', status: 500 },
      { times: Number.POSITIVE_INFINITY },
    );
    const delivery = worker();

    expect(await delivery.runOnce()).toBe(1);
    let row = await outboxOf(personId);
    expect(row).toMatchObject({
      status: 'pending',
      attempts: 1,
      maybe_sent: true,
      failure_reason: 'HTTP 500 from Slack',
    });
    // 2 s, plus up to 20% jitter.
    expect(backoffOf(row)).toBeGreaterThanOrEqual(2_000);
    expect(backoffOf(row)).toBeLessThanOrEqual(2_400);

    // Not before the backoff is over.
    clock.advance(1_500);
    expect(await delivery.runOnce()).toBe(0);
    expect(postsTo(slackUserId)).toHaveLength(1);

    clock.advance(1_000);
    await delivery.runOnce();
    row = await outboxOf(personId);
    expect(row).toMatchObject({ status: 'pending', attempts: 2, maybe_sent: true });
    expect(backoffOf(row)).toBeGreaterThanOrEqual(4_000);
    expect(backoffOf(row)).toBeLessThanOrEqual(4_800);
    // The 500 may have come after Slack stored the post: the second attempt looked first.
    expect(historyLookups(slackUserId)).toHaveLength(1);

    clock.advance(5_000);
    await delivery.runOnce();
    row = await outboxOf(personId);
    expect(row).toMatchObject({
      status: 'failed',
      attempts: MAX_ATTEMPTS,
      failure_reason: `gave up after ${MAX_ATTEMPTS} attempts: HTTP 500 from Slack`,
    });
    expect(postsTo(slackUserId)).toHaveLength(MAX_ATTEMPTS);

    // Given up for good: later rounds leave it alone, and a server error says nothing about the person.
    clock.advance(60_000);
    expect(await delivery.runOnce()).toBe(0);
    expect(postsTo(slackUserId)).toHaveLength(MAX_ATTEMPTS);
    const person = await database.current.db
      .selectFrom('people')
      .select('inactive_reason')
      .where('id', '=', personId)
      .executeTakeFirstOrThrow();
    expect(person.inactive_reason).toBeNull();
  });

  it('retries network errors with backoff, looking in the DM first, then gives up with the reason', async () => {
    const [rep] = await dueReps(1);
    const { personId } = rep!;
    const proxy = await TcpProxy.start({ host: '127.0.0.1', port: Number(new URL(standIn.baseUrl).port) });
    try {
      const delivery = worker({ apiUrl: `http://127.0.0.1:${proxy.port}/api/` });
      proxy.cut();

      await delivery.runOnce();
      let row = await outboxOf(personId);
      expect(row).toMatchObject({ status: 'pending', attempts: 1, maybe_sent: true });
      expect(backoffOf(row)).toBeGreaterThanOrEqual(2_000);
      expect(backoffOf(row)).toBeLessThanOrEqual(2_400);

      // The second attempt cannot even look for the first one in Slack: that is a failed attempt too.
      clock.advance(2_500);
      await delivery.runOnce();
      row = await outboxOf(personId);
      expect(row).toMatchObject({ status: 'pending', attempts: 2, maybe_sent: true });
      expect(row.failure_reason).toMatch(/^could not look for an earlier post: /);
      expect(backoffOf(row)).toBeGreaterThanOrEqual(4_000);
      expect(backoffOf(row)).toBeLessThanOrEqual(4_800);

      clock.advance(5_000);
      await delivery.runOnce();
      row = await outboxOf(personId);
      expect(row.status).toBe('failed');
      expect(row.failure_reason).toMatch(
        new RegExp(`^gave up after ${MAX_ATTEMPTS} attempts: could not look`),
      );
      expect(standIn.calls()).toEqual([]);
    } finally {
      await proxy.stop();
    }
  });

  it('after a 5xx for a post Slack did store, finds it in the DM and does not post it again', async () => {
    const [rep] = await dueReps(1);
    const { slackUserId, personId, outbox } = rep!;
    standIn.fail('chat.postMessage', { kind: 'server_error', status: 500, afterHandling: true });
    const delivery = worker();

    await delivery.runOnce();
    expect(await outboxOf(personId)).toMatchObject({ status: 'pending', maybe_sent: true });
    expect(promptsIn(slackUserId)).toHaveLength(1);

    clock.advance(2_500);
    await delivery.runOnce();
    const [stored] = promptsIn(slackUserId);
    expect(await outboxOf(personId)).toMatchObject({
      status: 'sent',
      slack_channel_id: `D${slackUserId}`,
      slack_ts: stored?.ts,
      failure_reason: null,
    });
    expect(stored?.metadata?.event_payload).toEqual({ outbox_id: outbox.id });
    expect(historyLookups(slackUserId)).toHaveLength(1);
    expect(postsTo(slackUserId)).toHaveLength(1);
    expect(promptsIn(slackUserId)).toHaveLength(1);
    // Found in the history counts as delivered: the check-in knows its prompt, so the buttons work.
    const checkIn = await database.current.db
      .selectFrom('check_ins')
      .selectAll()
      .where('id', '=', outbox.check_in_id as string)
      .executeTakeFirstOrThrow();
    expect(checkIn).toMatchObject({ prompt_channel_id: `D${slackUserId}`, prompt_ts: stored?.ts });
  });

  it('stops at once on permanent errors, keeps the reason, and stops prompting people Slack says are gone', async () => {
    const errors = ['user_not_found', 'account_inactive', 'channel_not_found', 'not_in_channel'] as const;
    const due = await dueReps(errors.length);
    const errorOf = new Map(due.map((rep, index) => [rep.slackUserId, errors[index] as string]));
    standIn.respond('chat.postMessage', (args) => ({ ok: false, error: errorOf.get(String(args.channel)) }));

    await worker().runOnce();
    for (const [index, rep] of due.entries()) {
      const error = errors[index] as string;
      expect(await outboxOf(rep.personId)).toMatchObject({
        status: 'failed',
        attempts: 1,
        failure_reason: error,
      });
      expect(postsTo(rep.slackUserId)).toHaveLength(1);
    }
    const people = await database.current.db
      .selectFrom('people')
      .select(['slack_user_id', 'inactive_reason'])
      .where(
        'id',
        'in',
        due.map((rep) => rep.personId),
      )
      .orderBy('id')
      .execute();
    expect(people.map((person) => person.inactive_reason)).toEqual([
      'Slack does not know this user any more (user_not_found)',
      'the Slack account is deactivated (account_inactive)',
      null,
      null,
    ]);

    // The next day's tick queues nothing for the people who are gone, and still prompts the others.
    // (A clock of its own: the rows it queues are not due for this file's worker, which stays today.)
    const tomorrow = new MovableClock(new Date(clock.now().getTime() + 24 * 3_600_000));
    await tick(database.current.db, tomorrow);
    const queued = await database.current.db
      .selectFrom('outbox_messages')
      .select('person_id')
      .where(
        'person_id',
        'in',
        due.map((rep) => rep.personId),
      )
      .where(
        'id',
        'not in',
        due.map((rep) => rep.outbox.id),
      )
      .execute();
    expect(queued.map((row) => row.person_id).sort()).toEqual([due[2]?.personId, due[3]?.personId].sort());
  });

  it('drops a row whose time has passed, with a reason, and never sends it', async () => {
    const [late, retried] = await dueReps(2);
    // The second reaches Slack once and fails; the first is not tried before it expires (a bot that
    // was down, or a long queue).
    standIn.fail('chat.postMessage', { kind: 'server_error', status: 503 });
    await database.current.db
      .updateTable('outbox_messages')
      .set({ next_attempt_at: new Date(clock.now().getTime() + 3_600_000) })
      .where('id', '=', late!.outbox.id)
      .execute();
    await worker().runOnce();
    expect(await outboxOf(retried!.personId)).toMatchObject({ status: 'pending', attempts: 1 });

    // The prompt's grace (3 hours) is over: a worker running now sends neither. Its own clock, so the
    // rest of the file stays today.
    const expiresAt = late!.outbox.expires_at;
    expect(expiresAt.getTime() - late!.outbox.due_at.getTime()).toBeLessThanOrEqual(180 * 60_000);
    const later = worker({ clock: new MovableClock(new Date(expiresAt.getTime() + 60_000)) });
    expect(await later.runOnce()).toBe(2);
    for (const rep of [late!, retried!]) {
      const row = await outboxOf(rep.personId);
      expect(row.status).toBe('dropped');
      expect(row.failure_reason).toBe(
        `not sent before ${expiresAt.toISOString()}, the latest time it was still useful`,
      );
    }
    expect(postsTo(late!.slackUserId)).toEqual([]);
    expect(postsTo(retried!.slackUserId)).toHaveLength(1);
  });

  it('on a 429 waits out Retry-After without using up an attempt, and pauses the workspace for every replica', async () => {
    const [rep] = await dueReps(1);
    const { slackUserId, personId } = rep!;
    standIn.fail('chat.postMessage', { kind: 'rate_limited', retryAfterSeconds: 2 });
    const delivery = worker();

    await delivery.runOnce();
    const row = await outboxOf(personId);
    expect(row).toMatchObject({
      status: 'pending',
      attempts: 0,
      maybe_sent: false,
      failure_reason: 'rate limited by Slack',
    });
    const pacing = await database.current.db
      .selectFrom('delivery_pacing')
      .selectAll()
      .where('workspace_id', '=', WORKSPACE_ID)
      .executeTakeFirstOrThrow();
    expect(pacing.paused_until?.getTime()).toBe(row.next_attempt_at.getTime());
    expect(backoffOf(row)).toBeGreaterThanOrEqual(2_000);

    clock.advance(1_500);
    expect(await delivery.runOnce()).toBe(0);
    clock.advance(1_000);
    await delivery.runOnce();
    expect(await outboxOf(personId)).toMatchObject({ status: 'sent', attempts: 1 });
    expect(postsTo(slackUserId)).toHaveLength(2);
  });

  it('holds back a send it had already planned when another replica records a Retry-After', async () => {
    const [first, second] = await dueReps(2);
    // One a second: the second prompt's slot is a second after the first's.
    const delivery = worker({ ratePerMinute: 60 });
    const round = delivery.runOnce();
    await standIn.waitForCalls('chat.postMessage', 1);
    // Meanwhile another replica got a 429 for this workspace, asking for 3 s.
    const pauseEnd = new Date(clock.now().getTime() + 3_000);
    await pauseWorkspaceSending(database.current.db, WORKSPACE_ID, pauseEnd);
    await round;

    expect(await outboxOf(first!.personId)).toMatchObject({ status: 'sent' });
    const heldBack = await outboxOf(second!.personId);
    expect(heldBack).toMatchObject({ status: 'pending', attempts: 0 });
    expect(heldBack.next_attempt_at.getTime()).toBe(pauseEnd.getTime());
    expect(postsTo(second!.slackUserId)).toEqual([]);

    clock.set(new Date(pauseEnd.getTime() + 100));
    await delivery.runOnce();
    expect(await outboxOf(second!.personId)).toMatchObject({ status: 'sent', attempts: 1 });
    expect(promptsIn(second!.slackUserId)).toHaveLength(1);
  });

  it('does not post a row whose lease ran out while it was being prepared, so no other replica posts it too', async () => {
    const [rep] = await dueReps(1);
    const { slackUserId, personId } = rep!;
    const real = coachingOutbox(database.current.db, clock);
    // A process stalled (CPU starved, paused, swapping) between claiming the row and posting it.
    const stalled = worker({
      content: {
        ...real,
        compose: async (message) => {
          clock.advance(LEASE_MS);
          return real.compose(message);
        },
      },
    });
    await stalled.runOnce();
    expect(postsTo(slackUserId)).toEqual([]);
    // Handed back untouched: another replica (or this one, later) sends it, once.
    expect(await outboxOf(personId)).toMatchObject({ status: 'pending', attempts: 0 });
    await worker().runOnce();
    expect(await outboxOf(personId)).toMatchObject({ status: 'sent', attempts: 1 });
    expect(promptsIn(slackUserId)).toHaveLength(1);
  });
});

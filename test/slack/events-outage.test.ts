import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { findWorkspace } from '../../src/db/queries/workspaces.js';
import { type TestBot, useBotBehindProxy } from '../support/bot.js';
import { eventually, seedPerson, WORKSPACE_ID } from '../support/coaching.js';

/**
 * Bolt sends Slack its 200 for an Events API request before any middleware or listener runs, so Slack
 * never redelivers an event whose handling failed. What a database hiccup interrupts must be retried in
 * the bot, or it is lost: these tests cut the bot's database connection (through a proxy; the test's
 * own connection stays) while events arrive.
 */
describe('Events API through database outages', () => {
  const fixture = useBotBehindProxy();
  let checkInPerson: number;
  let checkInDay = 0;

  beforeAll(async () => {
    checkInPerson = await seedPerson(fixture.database.db, { slackUserId: 'U0REP' });
  });
  afterEach(async () => {
    fixture.proxy.restore();
    await sql`drop trigger if exists refuse_reply on check_in_replies`.execute(fixture.database.db);
    await sql`drop trigger if exists refuse_release on processed_slack_events`.execute(fixture.database.db);
    await fixture.bot.bot.listenersIdle(15_000);
    fixture.standIn.reset();
  });

  /** A check-in whose prompt the bot posted at `promptTs` in the rep's DM. */
  const promptedCheckIn = async (promptTs: string): Promise<string> => {
    const row = await fixture.database.db
      .insertInto('check_ins')
      .values({
        workspace_id: WORKSPACE_ID,
        person_id: checkInPerson,
        // One check-in a day per person: each test's is on a day of its own.
        local_date: `2026-11-${String(10 + ++checkInDay)}`,
        about_date: '2026-11-09',
        question: null,
        prompt_channel_id: 'D0REP',
        prompt_ts: promptTs,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  };

  const threadReply = (promptTs: string, ts: string, text: string) => ({
    type: 'message',
    channel_type: 'im',
    channel: 'D0REP',
    user: 'U0REP',
    text,
    ts,
    thread_ts: promptTs,
  });

  const repliesTo = (checkInId: string) =>
    fixture.database.db
      .selectFrom('check_in_replies')
      .select('text')
      .where('check_in_id', '=', checkInId)
      .execute();

  const claimOf = (eventId: string) =>
    fixture.database.db
      .selectFrom('processed_slack_events')
      .selectAll()
      .where('event_id', '=', eventId)
      .executeTakeFirst();

  const errorsAbout = (logs: TestBot['logs'], eventId: string) =>
    logs.entries().filter((entry) => entry.level === 'error' && JSON.stringify(entry).includes(eventId));

  /** Every insert of a thread reply fails, and counts itself first (a sequence survives the rollback). */
  const refuseReplies = async (errcode: string) => {
    await sql`create sequence if not exists reply_attempts`.execute(fixture.database.db);
    await sql`select setval('reply_attempts', 1, false)`.execute(fixture.database.db);
    await sql
      .raw(`
        create or replace function refuse_reply() returns trigger language plpgsql as $$
        begin
          perform nextval('reply_attempts');
          raise exception 'reply refused by the test' using errcode = '${errcode}';
        end $$`)
      .execute(fixture.database.db);
    await sql`create trigger refuse_reply before insert on check_in_replies
      for each row execute function refuse_reply()`.execute(fixture.database.db);
  };
  const replyAttempts = async () => {
    const { rows } = await sql<{
      attempts: string;
    }>`select case when is_called then last_value else 0 end as attempts from reply_attempts`.execute(
      fixture.database.db,
    );
    return Number(rows[0]?.attempts);
  };

  it('keeps a check-in thread reply sent once while the database was unreachable, once it is back', async () => {
    const checkInId = await promptedCheckIn('1795000000.000001');
    const reply = threadReply('1795000000.000001', '1795000100.000100', 'Acme moved to Thursday');

    fixture.proxy.cut();
    expect((await fixture.bot.driver.event(reply, { eventId: 'Ev0OUTAGE' })).status).toBe(200);
    await sleep(1_500);
    fixture.proxy.restore();

    const stored = await eventually(async () => {
      const rows = await repliesTo(checkInId);
      return rows.length > 0 ? rows : undefined;
    }, 10_000);
    expect(stored.map((row) => row.text)).toEqual(['Acme moved to Thursday']);
    // The claim stays: a redelivery of the same event is skipped, not handled again.
    expect(await claimOf('Ev0OUTAGE')).toMatchObject({ event_type: 'message', workspace_id: WORKSPACE_ID });
    expect(errorsAbout(fixture.bot.logs, 'Ev0OUTAGE')).toEqual([]);
  });

  it('handles an event delivered twice during an outage once, when the database is back', async () => {
    const message = {
      type: 'message',
      channel_type: 'im',
      channel: 'D0REP',
      user: 'U0REP',
      text: 'hello coach',
      ts: '1795000200.000100',
    };
    fixture.proxy.cut();
    await fixture.bot.driver.event(message, { eventId: 'Ev0TWICE' });
    await fixture.bot.driver.event(message, {
      eventId: 'Ev0TWICE',
      retryNum: 1,
      retryReason: 'http_timeout',
    });
    await sleep(1_500);
    fixture.proxy.restore();

    await fixture.standIn.waitForCalls('chat.postMessage', 1, 10_000);
    expect(await fixture.bot.bot.listenersIdle(10_000)).toBe(true);
    expect(fixture.standIn.calls('chat.postMessage')).toHaveLength(1);
    // The delivery that lost the race found the claim taken after its own failed attempts, and says so.
    expect(
      fixture.bot.logs
        .entries()
        .filter((entry) => entry.eventId === 'Ev0TWICE' && String(entry.msg).includes('found claimed')),
    ).toHaveLength(1);
    expect(errorsAbout(fixture.bot.logs, 'Ev0TWICE')).toEqual([]);
  });

  it('logs an event that keeps failing once, with its id, type and team, and releases its claim', async () => {
    const checkInId = await promptedCheckIn('1795000000.000002');
    const reply = threadReply('1795000000.000002', '1795000300.000100', 'Still waiting on legal');
    await refuseReplies('40001');

    await fixture.bot.driver.event(reply, { eventId: 'Ev0KEEPSFAILING' });
    const [logged] = await eventually(() => {
      const errors = errorsAbout(fixture.bot.logs, 'Ev0KEEPSFAILING');
      return errors.length > 0 ? errors : undefined;
    }, 15_000);

    // Tried again after 1, 2 and 4 s: the error is one a moment's wait can cure.
    expect(await replyAttempts()).toBe(4);
    expect(logged?.err).toMatchObject({
      eventId: 'Ev0KEEPSFAILING',
      eventType: 'message',
      workspaceId: WORKSPACE_ID,
      attempts: 4,
      message: expect.stringContaining('reply refused by the test'),
    });
    expect(await claimOf('Ev0KEEPSFAILING')).toBeUndefined();
    await sleep(200);
    expect(errorsAbout(fixture.bot.logs, 'Ev0KEEPSFAILING')).toHaveLength(1);

    // Released, so a redelivery of it (Slack's, after an ack it did not see in time) is handled.
    await sql`drop trigger refuse_reply on check_in_replies`.execute(fixture.database.db);
    await fixture.bot.driver.event(reply, {
      eventId: 'Ev0KEEPSFAILING',
      retryNum: 1,
      retryReason: 'http_timeout',
    });
    await eventually(async () => ((await repliesTo(checkInId)).length > 0 ? true : undefined));
  }, 30_000);

  it('logs a failed release apart from the failure itself, which stays the one reported', async () => {
    await promptedCheckIn('1795000000.000003');
    const reply = threadReply('1795000000.000003', '1795000400.000100', 'Demo went well');
    // Not one a retry would cure: the failure is final at once.
    await refuseReplies('P0001');
    await sql
      .raw(`
        create or replace function refuse_release() returns trigger language plpgsql as $$
        begin raise exception 'release refused by the test'; end $$`)
      .execute(fixture.database.db);
    await sql`create trigger refuse_release before delete on processed_slack_events
      for each row when (old.event_id = 'Ev0NORELEASE') execute function refuse_release()`.execute(
      fixture.database.db,
    );

    await fixture.bot.driver.event(reply, { eventId: 'Ev0NORELEASE' });
    const errors = await eventually(() => {
      const found = errorsAbout(fixture.bot.logs, 'Ev0NORELEASE');
      return found.length >= 2 ? found : undefined;
    });

    expect(await replyAttempts()).toBe(1);
    const failure = errors.find((entry) => (entry.err as { eventId?: string }).eventId === 'Ev0NORELEASE');
    expect(failure?.err).toMatchObject({ attempts: 1, message: expect.stringContaining('reply refused') });
    expect(JSON.stringify(failure)).not.toContain('release refused');
    const release = errors.find((entry) => entry !== failure);
    expect(release).toMatchObject({
      eventId: 'Ev0NORELEASE',
      msg: expect.stringContaining('could not release'),
      err: { message: expect.stringContaining('release refused') },
    });
    expect(await claimOf('Ev0NORELEASE')).toBeDefined();
  });

  it('forgets the workspace credentials when app_uninstalled arrives during a database outage', async () => {
    fixture.proxy.cut();
    await fixture.bot.driver.event({ type: 'app_uninstalled' }, { eventId: 'Ev0UNINSTALLOUTAGE' });
    await sleep(1_500);
    fixture.proxy.restore();
    await eventually(
      async () => (await findWorkspace(fixture.database.db, WORKSPACE_ID))?.uninstalled_at ?? undefined,
      10_000,
    );
    await fixture.database.db.updateTable('workspaces').set({ uninstalled_at: null }).execute();
  });

  it('gives up retrying when the bot stops, so shutdown is not held, and releases the claim', async () => {
    // Its own bot, as this test stops it.
    const stopping = await fixture.startAnother();
    try {
      await promptedCheckIn('1795000000.000004');
      await refuseReplies('40001');
      await stopping.driver.event(threadReply('1795000000.000004', '1795000500.000100', 'Shutting down'), {
        eventId: 'Ev0SHUTDOWN',
      });
      // Two attempts (at 0 and 1 s) failed; the next would come 2 s later.
      await eventually(async () => ((await replyAttempts()) === 2 ? true : undefined));

      const started = performance.now();
      await stopping.stop();
      expect(performance.now() - started).toBeLessThan(1_500);

      expect(await replyAttempts()).toBe(2);
      expect(await claimOf('Ev0SHUTDOWN')).toBeUndefined();
      expect(errorsAbout(stopping.logs, 'Ev0SHUTDOWN')).toEqual([
        expect.objectContaining({ err: expect.objectContaining({ eventId: 'Ev0SHUTDOWN', attempts: 2 }) }),
      ]);
      expect(stopping.logs.text).not.toContain('stopped with listener work still running');
    } finally {
      await stopping.stop();
    }
  });
});

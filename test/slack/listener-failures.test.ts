import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  buildTriedModal,
  CHECK_IN_ACTIONS,
  CHECK_IN_FIELDS,
  CHECK_IN_MODALS,
} from '../../src/slack/views/check-in.js';
import { TOUR_OPEN_ACTION_ID } from '../../src/slack/views/tour.js';
import { startTestBot, type TestBot } from '../support/bot.js';
import { eventually, seedPerson, triedValues } from '../support/coaching.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { SlackStandIn } from '../support/slack-stand-in/index.js';
import { TcpProxy, viaProxy } from '../support/tcp-proxy.js';

/** The reference the person is shown, as it appears in the text they get. */
const REFERENCE = /\(reference `([0-9a-f]{8})`\)|\(Reference ([0-9a-f]{8})\)/;

describe('a request the bot fails on for a reason of its own', () => {
  let database: TestDatabase;
  let standIn: SlackStandIn;
  let proxy: TcpProxy;
  let bot: TestBot;
  let checkIn: { id: string; prompt_ts: string };

  beforeAll(async () => {
    database = await createTestDatabase();
    standIn = await SlackStandIn.start();
    const target = new URL(database.url);
    proxy = await TcpProxy.start({ host: target.hostname, port: Number(target.port || 5432) });
    bot = await startTestBot({ standIn, databaseUrl: viaProxy(database.url, proxy) });
    const personId = await seedPerson(database.db, { slackUserId: 'UREP' });
    checkIn = await database.db
      .insertInto('check_ins')
      .values({
        workspace_id: 'T0001',
        person_id: personId,
        local_date: '2026-12-04',
        about_date: '2026-12-03',
        question: null,
        prompt_channel_id: 'DUREP',
        prompt_ts: '1796400000.000100',
        prompted_at: new Date(),
        updated_at: new Date(),
      })
      .returning(['id', 'prompt_ts'])
      .executeTakeFirstOrThrow()
      .then((row) => ({ id: row.id, prompt_ts: row.prompt_ts as string }));
  });
  afterAll(async () => {
    await bot?.stop();
    await proxy?.stop();
    await standIn?.stop();
    await database?.drop();
  });
  beforeEach(async () => {
    proxy.restore();
    await bot.bot.listenersIdle(5_000);
    standIn.reset();
  });

  /** The one failure logged with this reference: what an operator finds from the person's screenshot. */
  function loggedFailure(reference: string) {
    return bot.logs.entries().filter((entry) => entry.reference === reference);
  }

  it('a click whose modal Slack refuses gets a private note with a reference that is in the log', async () => {
    standIn.fail('views.open', { kind: 'error', error: 'expired_trigger_id' });
    const response = await bot.driver.blockAction({
      userId: 'UREP',
      actionId: CHECK_IN_ACTIONS.tried,
      value: checkIn.id,
      channelId: 'DUREP',
      messageTs: checkIn.prompt_ts,
    });
    expect(response.status).toBe(200);

    const [note] = await standIn.waitForCalls('response_url', 1);
    expect(note?.args).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    const text = String(note?.args.text);
    expect(text).toMatch(/^Sorry, something went wrong on my side and that may not have gone through\./);
    const reference = text.match(REFERENCE)?.[1] as string;
    expect(loggedFailure(reference)).toMatchObject([
      {
        level: 'error',
        msg: 'a Slack listener failed; telling the person',
        request: { type: 'block_actions', slackUserId: 'UREP', actionId: CHECK_IN_ACTIONS.tried },
        err: { message: expect.stringContaining('expired_trigger_id') },
      },
    ]);
  });

  it('a form saved while the database is unreachable says so under its first field, stores nothing, and saves once when pressed again', async () => {
    const modal = buildTriedModal(checkIn.id);
    const submission = {
      userId: 'UREP',
      callbackId: CHECK_IN_MODALS.tried,
      privateMetadata: checkIn.id,
      viewId: 'VTRIED1',
      blocks: modal.blocks,
      values: triedValues({ whatHappened: 'Called three prospects', skill: 'knows' }),
    };
    proxy.cut();
    const failed = await bot.driver.viewSubmission(submission);
    proxy.restore();
    expect(failed.status).toBe(200);
    const answer = JSON.parse(failed.text) as { response_action: string; errors: Record<string, string> };
    expect(answer.response_action).toBe('errors');
    expect(Object.keys(answer.errors)).toEqual([CHECK_IN_FIELDS.triedWhatHappened.blockId]);
    const error = answer.errors[CHECK_IN_FIELDS.triedWhatHappened.blockId] as string;
    expect(error).toMatch(/^Something went wrong on my side and this was not saved\. Press Save again/);
    expect(loggedFailure(error.match(REFERENCE)?.[2] as string)).toHaveLength(1);
    expect(await database.db.selectFrom('answers').select('id').execute()).toEqual([]);

    // Save again, as the note says: the same view stores one answer.
    const saved = await bot.driver.viewSubmission(submission);
    expect(saved.text).toBe('');
    expect(await bot.driver.viewSubmission(submission)).toMatchObject({ text: '' });
    const answers = await database.db.selectFrom('answers').select('note').execute();
    expect(answers).toEqual([{ note: 'Called three prospects' }]);
  });

  it('a Home tab button that fails gets a DM, as there is no message to answer under', async () => {
    standIn.fail('views.open', { kind: 'error', error: 'internal_error' });
    await bot.driver.blockAction({
      userId: 'UREP',
      actionId: TOUR_OPEN_ACTION_ID,
      view: { type: 'home' },
    });
    const dm = await eventually(async () =>
      standIn.calls('chat.postMessage').find((call) => call.args.channel === 'UREP'),
    );
    expect(String(dm.args.text)).toMatch(/may not have gone through/);
    expect(standIn.calls('response_url')).toEqual([]);
  });

  it('/coach with the database unreachable answers with the same note, logged once', async () => {
    proxy.cut();
    const response = await bot.driver.slashCommand({ userId: 'UREP', command: '/coach', text: 'roster' });
    expect(response.status).toBe(200);
    const [note] = await standIn.waitForCalls('response_url', 1, 10_000);
    proxy.restore();
    const reference = String(note?.args.text).match(REFERENCE)?.[1] as string;
    expect(loggedFailure(reference)).toMatchObject([
      { request: { type: 'slash_command', command: '/coach' } },
    ]);
  });
});

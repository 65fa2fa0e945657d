import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  buildTriedModal,
  CHECK_IN_ACTIONS,
  CHECK_IN_FIELDS,
  CHECK_IN_MODALS,
} from '../../src/slack/views/check-in.js';
import { TOUR_OPEN_ACTION_ID } from '../../src/slack/views/tour.js';
import { useBotBehindProxy } from '../support/bot.js';
import { eventually, seedPerson, triedValues } from '../support/coaching.js';

/** The reference the person is shown, as it appears in the text they get. */
const REFERENCE = /\(reference `([0-9a-f]{8})`\)|\(Reference ([0-9a-f]{8})\)/;

describe('a request the bot fails on for a reason of its own', () => {
  const fixture = useBotBehindProxy();
  let checkIn: { id: string; prompt_ts: string };

  beforeAll(async () => {
    const personId = await seedPerson(fixture.database.db, { slackUserId: 'UREP' });
    checkIn = await fixture.database.db
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
  beforeEach(async () => {
    fixture.proxy.restore();
    await fixture.bot.bot.listenersIdle(5_000);
    fixture.standIn.reset();
  });

  /** The one failure logged with this reference: what an operator finds from the person's screenshot. */
  function loggedFailure(reference: string) {
    return fixture.bot.logs.entries().filter((entry) => entry.reference === reference);
  }

  it('a click whose modal Slack refuses gets a private note with a reference that is in the log', async () => {
    fixture.standIn.fail('views.open', { kind: 'error', error: 'expired_trigger_id' });
    const response = await fixture.bot.driver.blockAction({
      userId: 'UREP',
      actionId: CHECK_IN_ACTIONS.tried,
      value: checkIn.id,
      channelId: 'DUREP',
      messageTs: checkIn.prompt_ts,
    });
    expect(response.status).toBe(200);

    const [note] = await fixture.standIn.waitForCalls('response_url', 1);
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
    fixture.proxy.cut();
    const failed = await fixture.bot.driver.viewSubmission(submission);
    fixture.proxy.restore();
    expect(failed.status).toBe(200);
    const answer = JSON.parse(failed.text) as { response_action: string; errors: Record<string, string> };
    expect(answer.response_action).toBe('errors');
    expect(Object.keys(answer.errors)).toEqual([CHECK_IN_FIELDS.triedWhatHappened.blockId]);
    const error = answer.errors[CHECK_IN_FIELDS.triedWhatHappened.blockId] as string;
    expect(error).toMatch(/^Something went wrong on my side and this was not saved\. Press Save again/);
    expect(loggedFailure(error.match(REFERENCE)?.[2] as string)).toHaveLength(1);
    expect(await fixture.database.db.selectFrom('answers').select('id').execute()).toEqual([]);

    // Save again, as the note says: the same view stores one answer.
    const saved = await fixture.bot.driver.viewSubmission(submission);
    expect(saved.text).toBe('');
    expect(await fixture.bot.driver.viewSubmission(submission)).toMatchObject({ text: '' });
    const answers = await fixture.database.db.selectFrom('answers').select('note').execute();
    expect(answers).toEqual([{ note: 'Called three prospects' }]);
  });

  it('a Home tab button that fails gets a DM, as there is no message to answer under', async () => {
    fixture.standIn.fail('views.open', { kind: 'error', error: 'internal_error' });
    await fixture.bot.driver.blockAction({
      userId: 'UREP',
      actionId: TOUR_OPEN_ACTION_ID,
      view: { type: 'home' },
    });
    const dm = await eventually(async () =>
      fixture.standIn.calls('chat.postMessage').find((call) => call.args.channel === 'UREP'),
    );
    expect(String(dm.args.text)).toMatch(/may not have gone through/);
    expect(fixture.standIn.calls('response_url')).toEqual([]);
  });

  it('/coach with the database unreachable answers with the same note, logged once', async () => {
    fixture.proxy.cut();
    const response = await fixture.bot.driver.slashCommand({
      userId: 'UREP',
      command: '/coach',
      text: 'roster',
    });
    expect(response.status).toBe(200);
    const [note] = await fixture.standIn.waitForCalls('response_url', 1, 10_000);
    fixture.proxy.restore();
    const reference = String(note?.args.text).match(REFERENCE)?.[1] as string;
    expect(loggedFailure(reference)).toMatchObject([
      { request: { type: 'slash_command', command: '/coach' } },
    ]);
  });
});

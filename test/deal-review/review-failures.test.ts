import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEAL_REVIEW_MODALS } from '../../src/slack/views/deal-review.js';
import { useBotBehindProxy } from '../support/bot.js';
import { seedPerson, seedTeam } from '../support/coaching.js';

const MANAGER = 'UMGRFAIL1';
const REP = 'UREPFAIL1';
/** What pg says when its connection is cut. */
const DATABASE_GONE = /Connection terminated|ECONNRESET|ECONNREFUSED/;

/**
 * `/dealreview` when something fails after the modal already says "getting ready": the database goes
 * away (a proxy cuts it, for this file's bot only), or Slack refuses the notice too. The modal must not
 * wait for ever, and the failure that stopped the review is the one logged.
 */
describe('/dealreview when the review cannot be loaded', () => {
  const fixture = useBotBehindProxy();
  let logsBefore = 0;

  beforeAll(async () => {
    for (const [id, name] of [
      [MANAGER, 'Morgan'],
      [REP, 'Rita'],
    ] as const) {
      fixture.standIn.addUser({ id, real_name: name, profile: { display_name: name } });
    }
    const team = await seedTeam(fixture.database.db, { name: 'EMEA' });
    const managerId = await seedPerson(fixture.database.db, {
      slackUserId: MANAGER,
      name: 'Morgan',
      isRep: false,
      isManager: true,
      teamId: team,
    });
    await seedPerson(fixture.database.db, { slackUserId: REP, name: 'Rita', managerId, teamId: team });
  });
  beforeEach(async () => {
    await fixture.bot.bot.listenersIdle(5_000);
    fixture.standIn.reset();
    logsBefore = fixture.bot.logs.lines.length;
  });
  afterEach(() => fixture.proxy.restore());

  /** What the bot's Slack side logged at `level` since the test began. */
  const logged = (level: string) =>
    fixture.bot.logs
      .entries()
      .slice(logsBefore)
      .filter((entry) => entry.level === level && entry.component === 'slack');
  const messageOf = (entry: Record<string, unknown>) => String((entry.err as { message?: unknown })?.message);

  it('replaces the picker’s “getting ready” with a notice when the database is gone, and logs why', async () => {
    // The picker's own view, which Slack holds; the stand-in only knows views it opened.
    fixture.standIn.respond('views.update', (args) => ({
      view: { ...(args.view as object), id: args.view_id },
    }));
    fixture.proxy.cut();
    const picked = await fixture.bot.driver.viewSubmission({
      userId: MANAGER,
      callbackId: DEAL_REVIEW_MODALS.picker,
      viewId: 'VPICKER001',
      values: {
        deal_review_rep: {
          deal_review_rep_value: { type: 'static_select', selected_option: { value: REP } },
        },
      },
    });
    expect(picked.json).toMatchObject({
      response_action: 'update',
      view: { callback_id: DEAL_REVIEW_MODALS.loading },
    });

    const [notice] = await fixture.standIn.waitForCalls('views.update', 1, 10_000);
    expect(notice?.args).toMatchObject({
      view_id: 'VPICKER001',
      view: { callback_id: DEAL_REVIEW_MODALS.notice },
    });
    expect(JSON.stringify(notice?.args.view)).toContain(
      'the review could not be loaded. Try `/dealreview` again in a minute.',
    );
    await fixture.bot.bot.listenersIdle(10_000);
    expect(logged('error').map(messageOf)).toEqual([expect.stringMatching(DATABASE_GONE)]);
    // The notice was the answer: no second "something went wrong" by DM.
    expect(fixture.standIn.calls('chat.postMessage')).toEqual([]);
  });

  it('logs the database’s failure, not the notice’s, when Slack refuses the notice too', async () => {
    // The database goes away once the loading modal is open: the review's agenda cannot be read.
    fixture.standIn.respond('views.open', (args) => {
      fixture.proxy.cut();
      return { view: { ...(args.view as object), id: 'VLOADING01', hash: 'loading-hash' } };
    });
    fixture.standIn.fail('views.update', { kind: 'error', error: 'internal_error' });
    const response = await fixture.bot.driver.slashCommand({
      command: '/dealreview',
      text: `<@${REP}>`,
      userId: MANAGER,
    });
    expect(response.status).toBe(200);

    const [update] = await fixture.standIn.waitForCalls('views.update', 1, 10_000);
    expect(update?.args).toMatchObject({
      view_id: 'VLOADING01',
      view: { callback_id: DEAL_REVIEW_MODALS.notice },
    });
    await fixture.bot.bot.listenersIdle(10_000);
    expect(logged('error').map(messageOf)).toEqual([expect.stringMatching(DATABASE_GONE)]);
    expect(logged('warn')).toContainEqual(
      expect.objectContaining({
        msg: 'could not tell the manager their review did not load',
        err: expect.objectContaining({ message: expect.stringContaining('internal_error') }),
      }),
    );
  });
});

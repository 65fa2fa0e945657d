import { beforeAll, describe, expect, it } from 'vitest';
import { insertOpportunity } from '../../src/db/queries/opportunities.js';
import { HOME_NOTICE_BLOCK } from '../../src/slack/views/home.js';
import { OPPORTUNITY_ACTIONS } from '../../src/slack/views/opportunities.js';
import { publishedHomeView, setUpEmeaTeam, useBotFixture } from '../support/bot.js';
import { WORKSPACE_ID } from '../support/coaching.js';

/**
 * A click on the App Home that is refused has no reply of its own: the tab is drawn again with the
 * reason on top, over signed HTTP.
 */
describe('a refused Edit on a Home opportunity row', () => {
  const fixture = useBotFixture({ env: { DEFAULT_CURRENCY: 'EUR' } });
  const db = () => fixture.database.db;
  let ritasDeal: string;

  const click = (userId: string, actionId: string, value: string) =>
    fixture.bot.driver.blockAction({ userId, actionId, value, view: { type: 'home' } });

  /** The refusal under the tab's title, once the tab was drawn again. */
  async function noticeOnRedraw(userId: string): Promise<string | undefined> {
    const view = await publishedHomeView(fixture, userId, 1);
    const index = view.blocks.findIndex((block) => block.block_id === HOME_NOTICE_BLOCK);
    if (index === -1) return undefined;
    expect(index).toBe(1);
    return (view.blocks[index]?.text as { text: string } | undefined)?.text;
  }

  beforeAll(async () => {
    await setUpEmeaTeam(fixture);
    const rita = await db()
      .selectFrom('people')
      .select('id')
      .where('slack_user_id', '=', 'UREP1')
      .executeTakeFirstOrThrow();
    const row = await insertOpportunity(
      db(),
      {
        workspaceId: WORKSPACE_ID,
        personId: rita.id,
        externalId: null,
        account: 'Acme',
        name: '40 seats',
        amount: '12000.00',
        currency: 'EUR',
        stage: 'discovery',
        expectedCloseOn: '2026-12-15',
        probability: 40,
        decisionMakers: [],
        problem: null,
        customerTimeline: null,
        buyerActions: [],
        buyerActionsNote: null,
      },
      { source: 'home', recordedById: rita.id, now: new Date() },
    );
    ritasDeal = row.id;
  });

  it('tells a deal that is gone, instead of redrawing the tab unchanged', async () => {
    await click('UREP1', OPPORTUNITY_ACTIONS.edit, '999999');
    expect(await noticeOnRedraw('UREP1')).toBe(':warning: That opportunity no longer exists.');
    expect(fixture.standIn.calls('views.open')).toEqual([]);
  });

  it('tells another rep who may edit the deal', async () => {
    await click('UREP2', OPPORTUNITY_ACTIONS.edit, ritasDeal);
    expect(await noticeOnRedraw('UREP2')).toMatch(/^:warning: Only their manager <@UMGR> or an admin can/);
    expect(fixture.standIn.calls('views.open')).toEqual([]);
    // A refusal is an answer, not a failure: no "something went wrong" besides it.
    await fixture.bot.bot.listenersIdle(2_000);
    expect(fixture.standIn.calls('chat.postMessage')).toEqual([]);
  });

  it('opens the form for the deal’s owner', async () => {
    await click('UREP1', OPPORTUNITY_ACTIONS.edit, ritasDeal);
    const [open] = await fixture.standIn.waitForCalls('views.open', 1);
    const form = open?.args.view as { private_metadata?: string } | undefined;
    expect(JSON.parse(form?.private_metadata ?? '{}')).toMatchObject({ opportunityId: ritasDeal });
    await fixture.bot.bot.listenersIdle(2_000);
    expect(fixture.standIn.calls('views.publish')).toEqual([]);
  });
});

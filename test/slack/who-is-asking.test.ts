import { beforeAll, describe, expect, it } from 'vitest';
import { HOME_ACTIONS } from '../../src/slack/views/home.js';
import { coachCommand, publishedHomeView, setUpEmeaTeam, useBotFixture } from '../support/bot.js';

const HOUR = 60 * 60 * 1000;

/**
 * What finding out who clicked or typed costs in Slack calls. It runs before a listener may ack a
 * form or open a modal, both due within Slack's 3 seconds, so a users.info there is one a slow or
 * rate-limited Slack can turn into a failed request.
 */
describe('who is asking', () => {
  const fixture = useBotFixture();
  const db = () => fixture.database.db;
  const person = (slackUserId: string) =>
    db().selectFrom('people').selectAll().where('slack_user_id', '=', slackUserId).executeTakeFirst();
  const usersInfoAbout = (slackUserId: string) =>
    fixture.standIn.calls('users.info').filter((call) => call.args.user === slackUserId);
  const coach = (userId: string, text: string) => coachCommand(fixture, userId, text);

  beforeAll(async () => {
    await setUpEmeaTeam(fixture, [{ id: 'USTRANGER', real_name: 'Stranger' }]);
  });

  it('answers people whose Slack profile was looked at lately from the roster alone', async () => {
    // Adding them looked at their profiles a moment ago.
    expect(await coach('UREP1', 'roster')).toContain('*Your settings*');
    expect(
      (
        await fixture.bot.driver.blockAction({
          userId: 'UREP1',
          actionId: HOME_ACTIONS.pause,
          view: { type: 'home' },
        })
      ).status,
    ).toBe(200);
    await publishedHomeView(fixture, 'UREP1');
    expect((await person('UREP1'))?.paused_at).not.toBeNull();

    // A modal opened with the command's trigger id, whose 3 seconds no Slack look-up eats into.
    const response = await fixture.bot.driver.slashCommand({
      command: '/dealreview',
      text: '<@UREP1>',
      userId: 'UMGR',
    });
    expect(response.status).toBe(200);
    await fixture.standIn.waitForCalls('views.open', 1, 5_000);

    await fixture.bot.bot.listenersIdle(2_000);
    expect(fixture.standIn.calls('users.info')).toEqual([]);
  });

  it.each([
    ['never', null],
    ['21 hours ago', new Date(Date.now() - 21 * HOUR)],
  ])('asks Slack once about someone whose profile was checked %s, and keeps the answer', async (_, at) => {
    await db()
      .updateTable('people')
      .set({ profile_checked_at: at, display_name: 'old name' })
      .where('slack_user_id', '=', 'UREP2')
      .execute();

    expect(await coach('UREP2', 'roster')).toContain('*Your settings*');
    expect(usersInfoAbout('UREP2')).toHaveLength(1);
    const recorded = await person('UREP2');
    expect(recorded?.display_name).toBe('Sam Rep');
    expect(recorded?.is_admin).toBe(false);
    expect(Date.now() - (recorded?.profile_checked_at?.getTime() ?? 0)).toBeLessThan(60_000);

    await coach('UREP2', 'roster');
    expect(usersInfoAbout('UREP2')).toHaveLength(1);
  });

  it('keeps no row for a stranger who merely ran a command, so each of their requests asks Slack', async () => {
    expect(await coach('USTRANGER', 'roster')).toContain('not on the roster');
    expect(await coach('USTRANGER', 'roster')).toContain('not on the roster');
    expect(await person('USTRANGER')).toBeUndefined();
    expect(usersInfoAbout('USTRANGER')).toHaveLength(2);
  });
});

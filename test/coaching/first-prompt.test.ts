import { describe, expect, it } from 'vitest';
import { CHECK_IN_ACTIONS, CHECK_IN_MESSAGE_BLOCKS } from '../../src/slack/views/check-in.js';
import { blockIds, blockText } from '../support/blocks.js';
import { useBotFixture } from '../support/bot.js';
import { MovableClock } from '../support/clock.js';
import { eventually, seedPerson, seedTeam, tick } from '../support/coaching.js';

// New York is on EST (UTC−5) all these days; the team's prompt time is 09:00 with the default grace
// of three hours.
const TUESDAY_9AM = '2026-11-24T14:00:30Z';
const WEDNESDAY_9AM = '2026-11-25T14:00:30Z';

describe("a rep's first days with the bot", () => {
  const clock = new MovableClock(TUESDAY_9AM);
  const fixture = useBotFixture({ clock, env: { DELIVERY_RATE_PER_MINUTE: '60000' } });
  const db = () => fixture.database.db;

  async function seedRep(slackUserId: string, fields: Omit<Parameters<typeof seedPerson>[1], 'slackUserId'>) {
    // Slack must know everyone, or the bot's daily profile refresh would mark them gone.
    fixture.standIn.addUser({ id: slackUserId, tz: 'America/New_York' });
    return seedPerson(db(), { ...fields, slackUserId });
  }

  function promptOf(personId: number, localDate: string) {
    return eventually(() =>
      db()
        .selectFrom('check_ins')
        .selectAll()
        .where('person_id', '=', personId)
        .where('local_date', '=', localDate)
        .where('prompt_ts', 'is not', null)
        .executeTakeFirst(),
    );
  }

  it('introduces itself in the first prompt only: who it is, who coaches from it, who sees the answers, where to pause', async () => {
    const teamId = await seedTeam(db(), { name: 'East', timezone: 'America/New_York' });
    const managerId = await seedRep('UMANAGER1', { isRep: false, isManager: true, teamId });
    const goneManagerId = await seedRep('UMANAGER2', { isRep: false, isManager: true, teamId });
    await db()
      .updateTable('people')
      .set({ slack_deactivated_at: new Date('2026-11-01T00:00:00Z') })
      .where('id', '=', goneManagerId)
      .execute();
    const managed = await seedRep('UFIRST1', { teamId, managerId });
    const unmanaged = await seedRep('UFIRST2', { teamId });
    const managerGone = await seedRep('UFIRST3', { teamId, managerId: goneManagerId });

    clock.set(TUESDAY_9AM);
    await tick(db(), clock);
    const checkIn = await promptOf(managed, '2026-11-24');
    await promptOf(unmanaged, '2026-11-24');
    await promptOf(managerGone, '2026-11-24');

    const [first] = fixture.standIn.messages('DUFIRST1');
    expect(first?.text).toBe("Hi, I'm Sales Coach. Did you sell anything yesterday?");
    expect(blockIds(first?.blocks).slice(0, 3)).toEqual([
      CHECK_IN_MESSAGE_BLOCKS.introduction,
      CHECK_IN_MESSAGE_BLOCKS.introductionPrivacy,
      CHECK_IN_MESSAGE_BLOCKS.question,
    ]);
    expect(blockText(first?.blocks, CHECK_IN_MESSAGE_BLOCKS.introduction)).toMatch(
      /^:wave: I'm \*Sales Coach\*, set up here so your manager <@UMANAGER1> can coach you a little every day\./,
    );
    expect(blockText(first?.blocks, CHECK_IN_MESSAGE_BLOCKS.introductionPrivacy)).toBe(
      "Your answers are seen only by you, your manager and the bot's admins; teammates see only the " +
        'weekly standings. Pause me or change your time from my *Home* tab.',
    );
    // Without a manager, or with one Slack has deactivated, nobody is named and admins are who reads.
    for (const channel of ['DUFIRST2', 'DUFIRST3']) {
      const [prompt] = fixture.standIn.messages(channel);
      expect(JSON.stringify(prompt?.blocks)).not.toContain('<@');
      expect(blockText(prompt?.blocks, CHECK_IN_MESSAGE_BLOCKS.introductionPrivacy)).toMatch(
        /^Your answers are seen only by you and the bot's admins \(and your manager, once you have one\)/,
      );
    }

    // "No" redraws the DM in place with the next question: a valid message without the introduction.
    await fixture.bot.driver.blockAction({
      userId: 'UFIRST1',
      actionId: CHECK_IN_ACTIONS.notSold,
      value: checkIn.id,
      channelId: checkIn.prompt_channel_id as string,
      messageTs: checkIn.prompt_ts as string,
    });
    const [redrawn] = await fixture.standIn.waitForCalls('chat.update', 1);
    await eventually(() => (redrawn?.status === 0 ? undefined : true));
    expect(redrawn).toMatchObject({ ok: true });
    expect(fixture.standIn.messages('DUFIRST1')[0]?.text).toBe('Did you try?');
    expect(JSON.stringify(redrawn?.args.blocks)).not.toContain(CHECK_IN_MESSAGE_BLOCKS.introduction);

    // The next workday's prompt is the bare question.
    clock.set(WEDNESDAY_9AM);
    await tick(db(), clock);
    await promptOf(managed, '2026-11-25');
    const second = fixture.standIn.messages('DUFIRST1')[1];
    expect(second?.text).toBe('Did you sell anything yesterday?');
    expect(blockIds(second?.blocks)[0]).toBe(CHECK_IN_MESSAGE_BLOCKS.question);
    expect(JSON.stringify(second?.blocks)).not.toContain('Sales Coach');
  });

  it("starts a rep added after today's prompt time on their next workday, at the prompt time", async () => {
    const teamId = await seedTeam(db(), { name: 'Latecomers', timezone: 'America/New_York' });
    // Added on Tuesday 1 December at 10:15 in New York: after 09:00, inside the grace until 12:00.
    const personId = await seedRep('ULATE1', { teamId, createdAt: '2026-12-01T15:15:00Z' });
    const promptsOfRep = () =>
      db().selectFrom('outbox_messages').select('local_date').where('person_id', '=', personId).execute();

    for (const instant of ['2026-12-01T15:16:00Z', '2026-12-01T16:59:00Z', '2026-12-02T13:59:00Z']) {
      clock.set(instant);
      await tick(db(), clock);
    }
    expect(await promptsOfRep()).toEqual([]);
    expect(
      await db().selectFrom('check_ins').select('id').where('person_id', '=', personId).execute(),
    ).toEqual([]);

    // Wednesday 09:00 in New York: the first prompt, with the introduction, about Tuesday.
    clock.set('2026-12-02T14:00:30Z');
    await tick(db(), clock);
    const checkIn = await promptOf(personId, '2026-12-02');
    expect(checkIn.about_date).toBe('2026-12-01');
    expect(await promptsOfRep()).toEqual([{ local_date: '2026-12-02' }]);
    const dm = fixture.standIn.messages('DULATE1');
    expect(dm).toHaveLength(1);
    expect(dm[0]?.text).toBe("Hi, I'm Sales Coach. Did you sell anything yesterday?");
  });
});

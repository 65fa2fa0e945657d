import { describe, expect, it } from 'vitest';
import { DIGEST_BLOCKS } from '../../src/slack/views/digest.js';
import { blockIds, blockText } from '../support/blocks.js';
import { useBotFixture } from '../support/bot.js';
import { MovableClock } from '../support/clock.js';
import { eventually, seedPerson, seedTeam, tick } from '../support/coaching.js';

// Chicago is on CST (UTC−6) all these days; the managers' digest time is 12:00 (one at 16:00).
const TUESDAY = '2026-11-24';
const WEDNESDAY = '2026-11-25';
const at = (date: string, localTime: string) => new Date(`${date}T${localTime}-06:00`);

const FOOTER =
  "My *Home* tab shows today so far, any time · `/dealreview @rep` runs a rep's monthly deal review";

describe("a manager's first digests", () => {
  const clock = new MovableClock(at(TUESDAY, '08:00:00'));
  const fixture = useBotFixture({ clock, env: { DELIVERY_RATE_PER_MINUTE: '60000' } });
  const db = () => fixture.database.db;

  async function seed(slackUserId: string, fields: Omit<Parameters<typeof seedPerson>[1], 'slackUserId'>) {
    // Slack must know everyone, or the bot's daily profile refresh would mark them gone.
    fixture.standIn.addUser({ id: slackUserId, tz: 'America/Chicago' });
    return seedPerson(db(), { timezone: 'America/Chicago', ...fields, slackUserId });
  }

  function digestSettled(personId: number, localDate: string) {
    return eventually(async () => {
      const row = await db()
        .selectFrom('outbox_messages')
        .select('status')
        .where('person_id', '=', personId)
        .where('kind', '=', 'digest')
        .where('local_date', '=', localDate)
        .executeTakeFirst();
      return row === undefined || row.status === 'pending' || row.status === 'sending' ? undefined : row;
    });
  }

  it('introduces the bot in the first digest Slack took, and ends every digest with the footer', async () => {
    const teamId = await seedTeam(db(), { name: 'Central', timezone: 'America/Chicago' });
    const maria = await seed('UMARIA', { isRep: false, isManager: true, teamId, digestTime: '12:00' });
    const nils = await seed('UNILS', { isRep: false, isManager: true, teamId, digestTime: '12:00' });
    const olga = await seed('UOLGA', { isRep: false, isManager: true, teamId, digestTime: '16:00' });
    for (const [rep, managerId] of [
      ['UREP1', maria],
      ['UREP2', nils],
      ['UREP3', olga],
    ] as const) {
      await seed(rep, { teamId, managerId });
    }
    // Nils's first digest never reaches him: Slack refuses it for good.
    fixture.standIn.fail(
      'chat.postMessage',
      { kind: 'error', error: 'channel_not_found' },
      { when: (call) => call.args.channel === 'UNILS' },
    );

    clock.set(at(TUESDAY, '12:00:30'));
    await tick(db(), clock);
    expect(await digestSettled(maria, TUESDAY)).toEqual({ status: 'sent' });
    expect(await digestSettled(nils, TUESDAY)).toEqual({ status: 'failed' });
    clock.set(at(TUESDAY, '16:00:30'));
    await tick(db(), clock);
    expect(await digestSettled(olga, TUESDAY)).toEqual({ status: 'sent' });

    const [first] = fixture.standIn.messages('DUMARIA');
    expect(first?.text).toMatch(/^Hi, I'm Sales Coach\. Check-ins for Tue 24 Nov 2026: /);
    expect(blockIds(first?.blocks).slice(0, 3)).toEqual([
      DIGEST_BLOCKS.introduction,
      DIGEST_BLOCKS.introductionPrivacy,
      DIGEST_BLOCKS.header,
    ]);
    expect(blockText(first?.blocks, DIGEST_BLOCKS.introduction)).toBe(
      ":wave: I'm *Sales Coach*. Each workday at 12:00 your time I send you how your reps' check-ins " +
        'went: who sold, who tried, who is stuck and who has not answered.',
    );
    expect(blockText(first?.blocks, DIGEST_BLOCKS.introductionPrivacy)).toBe(
      "Each rep's answers are seen only by them, you and the bot's admins; their teammates see only the " +
        'weekly standings. Change the time with `/coach digest 16:00`.',
    );
    expect(blockIds(first?.blocks).at(-1)).toBe(DIGEST_BLOCKS.footer);
    expect(blockText(first?.blocks, DIGEST_BLOCKS.footer)).toBe(FOOTER);
    // The introduction names the manager's own digest time.
    const [olgasFirst] = fixture.standIn.messages('DUOLGA');
    expect(blockText(olgasFirst?.blocks, DIGEST_BLOCKS.introduction)).toContain(
      'Each workday at 16:00 your time',
    );
    expect(blockText(olgasFirst?.blocks, DIGEST_BLOCKS.introductionPrivacy)).toContain(
      '`/coach digest 12:00`',
    );

    // The next workday: Maria's digest is the usual one; Nils's is the first he gets, so it introduces.
    clock.set(at(WEDNESDAY, '12:00:30'));
    await tick(db(), clock);
    expect(await digestSettled(maria, WEDNESDAY)).toEqual({ status: 'sent' });
    expect(await digestSettled(nils, WEDNESDAY)).toEqual({ status: 'sent' });

    const second = fixture.standIn.messages('DUMARIA')[1];
    expect(second?.text).toMatch(/^Check-ins for Wed 25 Nov 2026: /);
    expect(blockIds(second?.blocks)[0]).toBe(DIGEST_BLOCKS.header);
    expect(JSON.stringify(second?.blocks)).not.toContain('Sales Coach');
    expect(blockIds(second?.blocks).at(-1)).toBe(DIGEST_BLOCKS.footer);
    expect(blockText(second?.blocks, DIGEST_BLOCKS.footer)).toBe(FOOTER);

    const nilsDigests = fixture.standIn.messages('DUNILS');
    expect(nilsDigests).toHaveLength(1);
    expect(nilsDigests[0]?.text).toMatch(/^Hi, I'm Sales Coach\. Check-ins for Wed 25 Nov 2026: /);
    expect(blockIds(nilsDigests[0]?.blocks)[0]).toBe(DIGEST_BLOCKS.introduction);
  });
});

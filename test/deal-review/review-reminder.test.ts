import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot, useBotFixture } from '../support/bot.js';
import { MovableClock } from '../support/clock.js';
import { eventually, seedPerson, seedTeam, tick } from '../support/coaching.js';
import { seedReview } from '../support/commitments.js';

// August 2026 in London (BST, UTC+1): the 1st is a Saturday, so Monday the 3rd is the first workday.
const at = (date: string, time: string) => new Date(`${date}T${time}+01:00`);
const ENV = { DELIVERY_RATE_PER_MINUTE: '60000', DELIVERY_POLL_MS: '20' };

describe('the monthly review reminder', () => {
  const clock = new MovableClock(at('2026-08-01', '08:00:00'));
  const fixture = useBotFixture({ clock, env: ENV });
  const replicas: TestBot[] = [];
  let behind: number;
  let upToDate: number;

  async function person(slackUserId: string, details: Parameters<typeof seedPerson>[1]) {
    // Slack must know everyone, or the bot's profile refresh would mark them gone.
    fixture.standIn.addUser({ id: slackUserId, tz: 'Europe/London' });
    return seedPerson(fixture.database.db, { ...details, slackUserId, timezone: 'Europe/London' });
  }

  beforeAll(async () => {
    const db = fixture.database.db;
    const manager = { isRep: false, isManager: true, digestTime: '09:30' };
    behind = await person('UMGRBEHIND', { slackUserId: 'UMGRBEHIND', ...manager });
    upToDate = await person('UMGRDONE', { slackUserId: 'UMGRDONE', ...manager });
    const north = await seedTeam(db, { name: 'North', timezone: 'Europe/London', managerId: behind });
    const south = await seedTeam(db, { name: 'South', timezone: 'Europe/London', managerId: upToDate });
    const rep = (slackUserId: string, teamId: number, managerId: number) =>
      person(slackUserId, { slackUserId, name: slackUserId.slice(1), teamId, managerId });
    const reviewedInJuly = await rep('UJULY', north, behind);
    const reviewedBeforeAndAfter = await rep('UJUNEAUG', north, behind);
    await rep('UNEVER', north, behind);
    const southRep = await rep('USOUTH', south, upToDate);

    await seedReview(db, { repId: reviewedInJuly, managerId: behind, reviewedOn: '2026-07-15' });
    // June and August do not count for July.
    await seedReview(db, { repId: reviewedBeforeAndAfter, managerId: behind, reviewedOn: '2026-06-30' });
    await seedReview(db, { repId: reviewedBeforeAndAfter, managerId: behind, reviewedOn: '2026-08-03' });
    await seedReview(db, { repId: southRep, managerId: upToDate, reviewedOn: '2026-07-31' });
  });

  afterAll(async () => {
    for (const replica of replicas) await replica.stop();
  });

  function reminderRows() {
    return fixture.database.db
      .selectFrom('outbox_messages')
      .select(['person_id', 'local_date', 'status', 'failure_reason'])
      .where('kind', '=', 'review_reminder')
      .orderBy('person_id')
      .execute();
  }

  async function settled() {
    await eventually(async () => {
      const open = await fixture.database.db
        .selectFrom('outbox_messages')
        .select('id')
        .where('status', 'in', ['pending', 'sending'])
        .limit(1)
        .executeTakeFirst();
      return open === undefined ? true : undefined;
    });
  }

  it('is not sent on the 1st when it is a Saturday, nor on Monday before digest time', async () => {
    clock.set(at('2026-08-01', '09:31:00'));
    await tick(fixture.database.db, clock);
    clock.set(at('2026-08-03', '09:29:00'));
    await tick(fixture.database.db, clock);
    expect(await reminderRows()).toEqual([]);
  });

  it('goes out once on the first workday at digest time, naming only the reps without a review, with three replicas ticking', async () => {
    clock.set(at('2026-08-03', '09:30:30'));
    // Two more replicas on the same database and Slack: each ticks as it starts, and delivers.
    replicas.push(
      ...(await Promise.all(
        [1, 2].map(() =>
          startTestBot({
            standIn: fixture.standIn,
            databaseUrl: fixture.database.url,
            clock,
            env: ENV,
          }),
        ),
      )),
    );
    await Promise.all([1, 2, 3].map(() => tick(fixture.database.db, clock)));
    await settled();

    expect(await reminderRows()).toEqual([
      { person_id: behind, local_date: '2026-08-03', status: 'sent', failure_reason: null },
      {
        person_id: upToDate,
        local_date: '2026-08-03',
        status: 'dropped',
        failure_reason: 'every rep has a review for 2026-07',
      },
    ]);
    const reminders = fixture.standIn
      .messages('DUMGRBEHIND')
      .filter((message) => /no deal review/i.test(message.text ?? ''));
    expect(reminders).toHaveLength(1);
    const listed = JSON.stringify(reminders[0]?.blocks);
    expect(reminders[0]?.text).toBe('2 of your reps have no deal review for July 2026 yet.');
    expect(listed).toContain('<@UJUNEAUG>');
    expect(listed).toContain('<@UNEVER>');
    expect(listed).not.toContain('<@UJULY>');
    expect(
      fixture.standIn.messages('DUMGRDONE').filter((message) => /no deal review/i.test(message.text ?? '')),
    ).toEqual([]);

    // Later ticks the same day add nothing.
    clock.set(at('2026-08-03', '10:15:00'));
    await Promise.all([1, 2, 3].map(() => tick(fixture.database.db, clock)));
    await settled();
    expect(await reminderRows()).toHaveLength(2);
  });

  it('is not sent on the other days of the month', async () => {
    for (const date of ['2026-08-04', '2026-08-10', '2026-08-31']) {
      clock.set(at(date, '09:31:00'));
      await tick(fixture.database.db, clock);
    }
    expect((await reminderRows()).map((row) => row.local_date)).toEqual(['2026-08-03', '2026-08-03']);
  });
});

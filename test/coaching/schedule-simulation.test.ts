import { DateTime } from 'luxon';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/database.js';
import { OUTBOX_METADATA_EVENT } from '../../src/slack/notifier.js';
import { useBotFixture } from '../support/bot.js';
import { MovableClock } from '../support/clock.js';
import { DUE_POLICY, eventually, seedPerson, seedTeam, tick, WORKSPACE_ID } from '../support/coaching.js';

/**
 * 1,000 reps in teams around the world, walked minute-tick by minute-tick (30-minute steps) from
 * Friday 30 October to Monday 2 November 2026: New York and Los Angeles leave DST on Sunday 1
 * November, Brazil has a public holiday on Monday 2 November, Chatham and Kiritimati sit near the
 * date line, Kathmandu is +05:45. The expectation is computed here, independently of the bot's
 * schedule code, with luxon and a hand-written holiday list.
 */

const START = DateTime.fromISO('2026-10-30T00:00:00Z').toUTC();
const END = DateTime.fromISO('2026-11-02T23:40:00Z').toUTC();
const STEP_MINUTES = 30;
const GRACE_MINUTES = DUE_POLICY.promptGraceMinutes;

interface TeamPlan {
  name: string;
  zone: string;
  promptTime: string;
  workdays: number[];
  holidayCountry: string | null;
  holidays: string[];
  reps: number;
}

const TEAMS: TeamPlan[] = [
  {
    name: 'Kathmandu',
    zone: 'Asia/Kathmandu',
    promptTime: '09:00',
    workdays: [1, 2, 3, 4, 5],
    holidayCountry: null,
    holidays: [],
    reps: 100,
  },
  {
    name: 'Chatham',
    zone: 'Pacific/Chatham',
    promptTime: '08:30',
    workdays: [1, 2, 3, 4, 5],
    holidayCountry: null,
    holidays: [],
    reps: 80,
  },
  // Seven workdays so the DST change day (a Sunday) has prompts; 01:30 happens twice that night.
  {
    name: 'New York',
    zone: 'America/New_York',
    promptTime: '09:00',
    workdays: [1, 2, 3, 4, 5, 6, 7],
    holidayCountry: null,
    holidays: [],
    reps: 120,
  },
  {
    name: 'New York night',
    zone: 'America/New_York',
    promptTime: '01:30',
    workdays: [1, 2, 3, 4, 5, 6, 7],
    holidayCountry: null,
    holidays: [],
    reps: 40,
  },
  {
    name: 'Kiritimati',
    zone: 'Pacific/Kiritimati',
    promptTime: '09:00',
    workdays: [1, 2, 3, 4, 5],
    holidayCountry: null,
    holidays: [],
    reps: 80,
  },
  {
    name: 'Sao Paulo',
    zone: 'America/Sao_Paulo',
    promptTime: '09:00',
    workdays: [1, 2, 3, 4, 5],
    holidayCountry: 'BR',
    holidays: ['2026-11-02'],
    reps: 100,
  },
  {
    name: 'London',
    zone: 'Europe/London',
    promptTime: '09:00',
    workdays: [1, 2, 3, 4, 5],
    holidayCountry: 'GB',
    holidays: [],
    reps: 100,
  },
  {
    name: 'Sydney',
    zone: 'Australia/Sydney',
    promptTime: '09:00',
    workdays: [1, 2, 3, 4, 5],
    holidayCountry: null,
    holidays: [],
    reps: 80,
  },
  {
    name: 'Los Angeles',
    zone: 'America/Los_Angeles',
    promptTime: '08:00',
    workdays: [1, 2, 3, 4, 5, 6, 7],
    holidayCountry: 'US',
    holidays: [],
    reps: 100,
  },
  {
    name: 'Pago Pago',
    zone: 'Pacific/Pago_Pago',
    promptTime: '09:00',
    workdays: [1, 2, 3, 4, 5],
    holidayCountry: null,
    holidays: [],
    reps: 80,
  },
  // Sunday to Thursday.
  {
    name: 'Kolkata',
    zone: 'Asia/Kolkata',
    promptTime: '10:00',
    workdays: [7, 1, 2, 3, 4],
    holidayCountry: null,
    holidays: [],
    reps: 100,
  },
];

interface RepPlan {
  slackUserId: string;
  zone: string;
  promptTime: string;
  team: TeamPlan;
  paused: boolean;
  outOfOffice: [string, string] | null;
  personId?: number;
}

function planReps(): RepPlan[] {
  const reps: RepPlan[] = [];
  let n = 0;
  for (const team of TEAMS) {
    for (let i = 0; i < team.reps; i++) {
      n++;
      reps.push({
        slackUserId: `USIM${String(n).padStart(5, '0')}`,
        // Every tenth rep's own Slack zone differs from the team's: the person's zone wins.
        zone: i % 10 === 3 ? 'Asia/Kathmandu' : team.zone,
        // Every seventh rep chose an earlier prompt time of their own.
        promptTime: i % 7 === 5 ? '07:45' : team.promptTime,
        team,
        paused: i % 25 === 0,
        outOfOffice:
          i % 20 === 1 ? ['2026-10-29', '2026-11-02'] : i % 20 === 2 ? ['2026-11-02', '2026-11-06'] : null,
      });
    }
  }
  return reps;
}

/** The local dates each rep must be prompted on inside the walk, computed without the bot's code. */
function expectedPrompts(rep: RepPlan): Map<string, DateTime> {
  const expected = new Map<string, DateTime>();
  for (let day = START.minus({ days: 1 }); day <= END.plus({ days: 1 }); day = day.plus({ days: 1 })) {
    const date = day.toISODate() as string;
    let local = DateTime.fromISO(`${date}T${rep.promptTime}`, { zone: rep.zone });
    // A wall time that happens twice (the night DST ends) means its first occurrence.
    const hourEarlier = local.minus({ hours: 1 });
    if (hourEarlier.toFormat('yyyy-MM-dd HH:mm') === local.toFormat('yyyy-MM-dd HH:mm')) local = hourEarlier;
    if (!rep.team.workdays.includes(local.weekday)) continue;
    if (rep.team.holidays.includes(date)) continue;
    if (rep.paused) continue;
    if (rep.outOfOffice && rep.outOfOffice[0] <= date && date <= rep.outOfOffice[1]) continue;
    const instant = local.toUTC();
    // The first tick at or after the prompt time must fall inside the walk and inside the grace.
    const firstTick =
      instant <= START
        ? START
        : START.plus({
            minutes: Math.ceil(instant.diff(START, 'minutes').minutes / STEP_MINUTES) * STEP_MINUTES,
          });
    if (firstTick > END) continue;
    const workdayEnd = DateTime.fromISO(`${date}T18:00`, { zone: rep.zone }).toUTC();
    const graceEnd = instant.plus({ minutes: GRACE_MINUTES });
    const expires = workdayEnd > instant && workdayEnd < graceEnd ? workdayEnd : graceEnd;
    if (firstTick >= expires) continue;
    expected.set(date, instant);
  }
  return expected;
}

async function settled(db: Db): Promise<void> {
  await eventually(async () => {
    const open = await db
      .selectFrom('outbox_messages')
      .select('id')
      .where('status', 'in', ['pending', 'sending'])
      .limit(1)
      .executeTakeFirst();
    return open === undefined ? true : undefined;
  }, 20_000);
}

describe('a three-day walk of 1,000 reps in 11 time zones', () => {
  const clock = new MovableClock(START.toJSDate());
  const fixture = useBotFixture({
    clock,
    env: { DELIVERY_RATE_PER_MINUTE: '60000', DELIVERY_CONCURRENCY: '32', DELIVERY_POLL_MS: '20' },
  });
  const reps = planReps();

  beforeAll(async () => {
    const db = fixture.database.db;
    const teamIds = new Map<string, number>();
    for (const team of TEAMS) {
      teamIds.set(
        team.name,
        await seedTeam(db, {
          name: team.name,
          timezone: team.zone,
          promptTime: team.promptTime,
          workdays: team.workdays,
          holidayCountry: team.holidayCountry,
          // No reminders in this walk: only prompts are counted.
          reminderDelayMinutes: 24 * 60,
        }),
      );
    }
    for (const rep of reps) {
      // Slack knows them (the bot's daily profile refresh would otherwise mark them gone), with their zone.
      fixture.standIn.addUser({ id: rep.slackUserId, tz: rep.zone });
      rep.personId = await seedPerson(db, {
        slackUserId: rep.slackUserId,
        teamId: teamIds.get(rep.team.name) ?? null,
        timezone: rep.zone === rep.team.zone ? null : rep.zone,
        promptTime: rep.promptTime === rep.team.promptTime ? null : rep.promptTime,
      });
    }
    await db
      .updateTable('people')
      .set({ paused_at: START.toJSDate() })
      .where(
        'slack_user_id',
        'in',
        reps.filter((rep) => rep.paused).map((rep) => rep.slackUserId),
      )
      .execute();
    await db
      .insertInto('out_of_office')
      .values(
        reps
          .filter((rep) => rep.outOfOffice)
          .map((rep) => ({
            person_id: rep.personId as number,
            first_day: rep.outOfOffice?.[0] as string,
            last_day: rep.outOfOffice?.[1] as string,
          })),
      )
      .execute();
  }, 60_000);

  it('prompts every rep exactly once per local workday, at their local time, and never otherwise', async () => {
    const db = fixture.database.db;
    for (let at = START; at <= END; at = at.plus({ minutes: STEP_MINUTES })) {
      clock.set(at.toJSDate());
      await tick(db, clock);
      // Let delivery catch up before the clock jumps on, as real time would. (The bot's own minute
      // tick may have queued the rows a moment earlier, so wait whatever this tick reported.)
      await settled(db);
    }
    const expectedTotal = reps.reduce((sum, rep) => sum + expectedPrompts(rep).size, 0);
    expect(expectedTotal).toBeGreaterThan(2000);
    await settled(db);

    const rows = await db
      .selectFrom('outbox_messages as o')
      .innerJoin('people as p', 'p.id', 'o.person_id')
      .select(['p.slack_user_id', 'o.local_date', 'o.due_at', 'o.status', 'o.id'])
      .where('o.kind', '=', 'prompt')
      .where('o.workspace_id', '=', WORKSPACE_ID)
      .execute();
    const actual = new Map<string, Map<string, (typeof rows)[number]>>();
    for (const row of rows) {
      const byDate = actual.get(row.slack_user_id) ?? new Map();
      byDate.set(row.local_date, row);
      actual.set(row.slack_user_id, byDate);
    }

    const problems: string[] = [];
    for (const rep of reps) {
      const expected = expectedPrompts(rep);
      const got = actual.get(rep.slackUserId) ?? new Map();
      for (const [date, instant] of expected) {
        const row = got.get(date);
        if (row === undefined) problems.push(`${rep.slackUserId} (${rep.zone}) not prompted on ${date}`);
        else if (row.due_at.getTime() !== instant.toMillis())
          problems.push(
            `${rep.slackUserId} on ${date}: due ${row.due_at.toISOString()}, expected ${instant.toISO()}`,
          );
        else if (row.status !== 'sent') problems.push(`${rep.slackUserId} on ${date}: ${row.status}`);
      }
      for (const [date, row] of got) {
        // A prompt whose whole window lies before the walk began is recorded as dropped, never sent.
        if (!expected.has(date) && row.status !== 'dropped') {
          problems.push(`${rep.slackUserId} (${rep.zone}) prompted on ${date} unexpectedly (${row.status})`);
        }
      }
      // What Slack received: one post per expected day, no more.
      const posts = fixture.standIn
        .messages(`D${rep.slackUserId}`)
        .filter((message) => message.metadata?.event_type === OUTBOX_METADATA_EVENT);
      if (posts.length !== expected.size) {
        problems.push(`${rep.slackUserId} received ${posts.length} prompts, expected ${expected.size}`);
      }
    }
    expect(problems.slice(0, 20)).toEqual([]);

    // Spot checks of the hard cases, by hand.
    const newYorkNight = reps.find(
      (rep) =>
        rep.team.name === 'New York night' &&
        rep.zone === 'America/New_York' &&
        !rep.paused &&
        rep.outOfOffice === null &&
        rep.promptTime === '01:30',
    );
    const dstNight = actual.get(newYorkNight?.slackUserId as string)?.get('2026-11-01');
    // 01:30 happens twice on 1 November in New York; the earlier one (EDT, UTC−4) is the prompt.
    expect(dstNight?.due_at.toISOString()).toBe('2026-11-01T05:30:00.000Z');
    const saoPaulo = reps.find(
      (rep) =>
        rep.team.name === 'Sao Paulo' &&
        rep.zone === 'America/Sao_Paulo' &&
        !rep.paused &&
        rep.outOfOffice === null,
    );
    const saoPauloDays = [...(actual.get(saoPaulo?.slackUserId as string)?.entries() ?? [])];
    expect(saoPauloDays.filter(([, row]) => row.status === 'sent').map(([date]) => date)).toEqual([
      '2026-10-30',
    ]);
  }, 150_000);
});

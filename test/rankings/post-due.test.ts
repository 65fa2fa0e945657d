import { describe, expect, it } from 'vitest';
import type { Team } from '../../src/db/schema.js';
import {
  postOfThisWeek,
  STANDINGS_ANSWER_MARGIN_MINUTES,
  usualStandingsPostTime,
} from '../../src/domain/rankings/posting.js';
import { currentWeek, weekToPost } from '../../src/domain/rankings/weeks.js';

type Schedule = Parameters<typeof postOfThisWeek>[0];

/** A team as the migrations create it (Monday 09:00 post, 09:00 prompt, reminder after 120 min, Mon–Fri). */
function team(overrides: Partial<Pick<Team, keyof Schedule>> = {}): Schedule {
  return {
    timezone: 'America/New_York',
    standings_weekday: 1,
    standings_time: '09:00:00',
    prompt_time: '09:00:00',
    reminder_delay_minutes: 120,
    workdays: [1, 2, 3, 4, 5],
    holiday_country: null,
    ...overrides,
  };
}

/** The post due in the local week of `now`, as an instant, with the week it covers. */
const due = (schedule: Schedule, now: string) => {
  const post = postOfThisWeek(schedule, new Date(now), 'UTC');
  return { weekStart: post.weekStart, dueAt: post.dueAt.toISOString() };
};

describe("the weekly post's due time", () => {
  it("waits, with the defaults, for Monday's prompt about Friday, its reminder and the margin: 12:00", () => {
    expect(STANDINGS_ANSWER_MARGIN_MINUTES).toBe(60);
    // Monday 23 November 2026, EST (UTC−5).
    expect(due(team(), '2026-11-23T14:00:00Z')).toEqual({
      weekStart: '2026-11-16',
      dueAt: '2026-11-23T17:00:00.000Z',
    });
  });

  it('keeps a standings time already past the answers', () => {
    expect(due(team({ standings_time: '15:45:00' }), '2026-11-23T14:00:00Z').dueAt).toBe(
      '2026-11-23T20:45:00.000Z',
    );
    // A later standings day is past the Monday prompt anyway: the time chosen stands.
    expect(due(team({ standings_weekday: 3 }), '2026-11-23T14:00:00Z').dueAt).toBe(
      '2026-11-25T14:00:00.000Z',
    );
  });

  it("follows a team's late prompt time and longer reminder delay", () => {
    // Prompt 11:30, reminder after 240 minutes: 15:30, and an hour more.
    expect(
      due(team({ prompt_time: '11:30:00', reminder_delay_minutes: 240 }), '2026-11-23T14:00:00Z').dueAt,
    ).toBe('2026-11-23T21:30:00.000Z');
    // A prompt late enough pushes the post past midnight into Tuesday, still inside the week.
    expect(
      due(team({ prompt_time: '22:00:00', reminder_delay_minutes: 480 }), '2026-11-23T14:00:00Z').dueAt,
    ).toBe('2026-11-24T12:00:00.000Z');
  });

  it('after a holiday Monday, waits for Tuesday, when Friday is asked about', () => {
    // Memorial Day, Monday 25 May 2026 (EDT, UTC−4): no prompt, so Friday is asked on Tuesday.
    expect(due(team({ holiday_country: 'US' }), '2026-05-25T13:00:00Z')).toEqual({
      weekStart: '2026-05-18',
      dueAt: '2026-05-26T16:00:00.000Z',
    });
    // A Sunday-to-Thursday team's Monday prompt asks about the Sunday that ended the week.
    expect(due(team({ workdays: [7, 1, 2, 3, 4] }), '2026-05-25T13:00:00Z').dueAt).toBe(
      '2026-05-25T16:00:00.000Z',
    );
  });

  it("stays at 12:00 local on both sides of a DST change, in the team's zone", () => {
    // New York springs forward on Sunday 8 March 2026 and falls back on Sunday 1 November 2026.
    expect(due(team(), '2026-03-02T15:00:00Z').dueAt).toBe('2026-03-02T17:00:00.000Z');
    expect(due(team(), '2026-03-09T15:00:00Z').dueAt).toBe('2026-03-09T16:00:00.000Z');
    expect(due(team(), '2026-10-26T15:00:00Z').dueAt).toBe('2026-10-26T16:00:00.000Z');
    expect(due(team(), '2026-11-02T15:00:00Z').dueAt).toBe('2026-11-02T17:00:00.000Z');
    // Paris, the Monday after the change of Sunday 29 March 2026 (CEST, UTC+2).
    expect(due(team({ timezone: 'Europe/Paris' }), '2026-03-30T06:00:00Z').dueAt).toBe(
      '2026-03-30T10:00:00.000Z',
    );
  });

  it('still covers the last full week, and /ranking still shows the week under way', () => {
    // Monday 10:00, before the post: the week being posted is last week, /ranking's is this one.
    const now = new Date('2026-11-23T15:00:00Z');
    expect(weekToPost(team(), now, 'UTC')).toEqual({ weekStart: '2026-11-16', weekEnd: '2026-11-22' });
    expect(currentWeek(team(), now, 'UTC')).toEqual({ weekStart: '2026-11-23', weekEnd: '2026-11-29' });
  });

  it('tells the settings when the post usually goes out, and whether the answers held it back', () => {
    const usual = (overrides: Partial<Pick<Team, keyof Schedule>> = {}) =>
      usualStandingsPostTime(team(overrides));
    expect(usual()).toEqual({ weekday: 1, time: '12:00', heldBack: true });
    expect(usual({ standings_time: '12:00:00' })).toEqual({ weekday: 1, time: '12:00', heldBack: false });
    expect(usual({ standings_weekday: 5, standings_time: '16:30:00' })).toEqual({
      weekday: 5,
      time: '16:30',
      heldBack: false,
    });
    // A Tuesday-to-Saturday team posting on Mondays: its first prompt of the week is Tuesday's.
    expect(usual({ workdays: [2, 3, 4, 5, 6] })).toEqual({ weekday: 2, time: '12:00', heldBack: true });
  });
});

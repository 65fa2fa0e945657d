import { describe, expect, it } from 'vitest';
import type { FollowUpCandidate } from '../../src/db/queries/commitment-follow-ups.js';
import { isFirstWorkdayOfMonth, nextWorkday, type WorkSchedule } from '../../src/domain/coaching/schedule.js';
import { FOLLOW_UP_CAP, selectFollowUps } from '../../src/domain/deal-review/follow-ups.js';
import { previousMonth } from '../../src/domain/deal-review/review-reminders.js';

const weekdays: WorkSchedule = { workdays: [1, 2, 3, 4, 5], holidayCountry: null };
const usWeek: WorkSchedule = { workdays: [1, 2, 3, 4, 5], holidayCountry: 'US' };
const FRIDAY = '2026-11-27';

let nextId = 1;
function commitment(dueOn: string, changes: Partial<FollowUpCandidate> = {}): FollowUpCandidate {
  return {
    id: String(nextId++),
    owner_id: 1,
    text: `step due ${dueOn}`,
    due_on: dueOn,
    status: 'open',
    last_followed_up_on: null,
    not_yet_on: null,
    workdays: null,
    holiday_country: null,
    ...changes,
  };
}

describe('selectFollowUps', () => {
  it('asks on Friday about what is due by Monday, the next workday, and keeps asking about overdue ones', () => {
    const overdue = commitment('2026-11-20');
    const monday = commitment('2026-11-30');
    const tuesday = commitment('2026-12-01');
    const followUps = selectFollowUps([tuesday, monday, overdue], FRIDAY, weekdays);
    expect(followUps).toEqual({
      today: FRIDAY,
      askAgainOn: '2026-11-30',
      items: [
        { commitmentId: overdue.id, text: overdue.text, dueOn: '2026-11-20', answer: null },
        { commitmentId: monday.id, text: monday.text, dueOn: '2026-11-30', answer: null },
      ],
      more: 0,
    });
  });

  it('leaves out done commitments, unless this day already asked about them, and shows the answers given', () => {
    const doneEarlier = commitment('2026-11-26', { status: 'done', last_followed_up_on: '2026-11-26' });
    const doneToday = commitment('2026-11-27', { status: 'done', last_followed_up_on: FRIDAY });
    const notYetToday = commitment('2026-11-25', { last_followed_up_on: FRIDAY, not_yet_on: FRIDAY });
    const notYetYesterday = commitment('2026-11-24', { not_yet_on: '2026-11-26' });
    const items = selectFollowUps(
      [doneEarlier, doneToday, notYetToday, notYetYesterday],
      FRIDAY,
      weekdays,
    )?.items;
    expect(items?.map((item) => [item.commitmentId, item.answer])).toEqual([
      [notYetToday.id, 'not_yet'],
      [doneToday.id, 'done'],
      [notYetYesterday.id, null],
    ]);
  });

  it(`asks about ${FOLLOW_UP_CAP} at most, those already asked today first, and counts the rest`, () => {
    const due = ['2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23'].map((date) => commitment(date));
    const askedToday = commitment('2026-11-27', { last_followed_up_on: FRIDAY });
    const followUps = selectFollowUps([...due, askedToday], FRIDAY, weekdays);
    expect(followUps?.items.map((item) => item.commitmentId)).toEqual([
      askedToday.id,
      due[0]?.id,
      due[1]?.id,
    ]);
    expect(followUps?.more).toBe(2);
  });

  it('has nothing to ask when nothing is coming due', () => {
    expect(selectFollowUps([commitment('2026-12-15')], FRIDAY, weekdays)).toBeUndefined();
    expect(selectFollowUps([], FRIDAY, weekdays)).toBeUndefined();
  });
});

describe('the schedule of follow-ups and reminders', () => {
  it('finds the next workday past weekends and public holidays', () => {
    expect(nextWorkday('2026-11-24', usWeek)).toBe('2026-11-25');
    // Thanksgiving (Thursday 26 November) is a US public holiday.
    expect(nextWorkday('2026-11-25', usWeek)).toBe('2026-11-27');
    expect(nextWorkday(FRIDAY, usWeek)).toBe('2026-11-30');
  });

  it('knows the first workday of a month', () => {
    // 1 August 2026 is a Saturday.
    expect(isFirstWorkdayOfMonth('2026-08-01', weekdays)).toBe(false);
    expect(isFirstWorkdayOfMonth('2026-08-03', weekdays)).toBe(true);
    expect(isFirstWorkdayOfMonth('2026-08-04', weekdays)).toBe(false);
    // 1 January 2027 is a Friday and a US holiday: the first workday is Monday the 4th.
    expect(isFirstWorkdayOfMonth('2027-01-01', usWeek)).toBe(false);
    expect(isFirstWorkdayOfMonth('2027-01-04', usWeek)).toBe(true);
    expect(isFirstWorkdayOfMonth('2027-01-04', weekdays)).toBe(false);
    // A team that works Sundays only.
    expect(isFirstWorkdayOfMonth('2026-08-02', { workdays: [7], holidayCountry: null })).toBe(true);
  });

  it('names the month a review reminder is about', () => {
    expect(previousMonth('2026-08-03')).toEqual({ first: '2026-07-01', last: '2026-07-31' });
    expect(previousMonth('2026-01-05')).toEqual({ first: '2025-12-01', last: '2025-12-31' });
    expect(previousMonth('2028-03-01')).toEqual({ first: '2028-02-01', last: '2028-02-29' });
  });
});

import { describe, expect, it } from 'vitest';
import {
  composeDigest,
  type DayStatus,
  type DigestInput,
  type DigestRep,
  type RepDay,
} from '../../src/domain/coaching/digest.js';
import { addDays } from '../../src/domain/coaching/schedule.js';
import type { Obstacle, Skill } from '../../src/domain/coaching/vocabulary.js';

const TODAY = '2026-11-25';

const sold: DayStatus = {
  kind: 'sold',
  description: '40 seats',
  amount: '12000.00',
  currency: 'USD',
  account: 'Acme',
};
const tried = (skill: Skill | null = 'knows'): DayStatus => ({ kind: 'tried', skill, note: null });
const didNotTry = (obstacle: Exclude<Obstacle, 'none'>): DayStatus => ({
  kind: 'did_not_try',
  obstacle,
  note: null,
});
const noAnswer: DayStatus = { kind: 'no_answer' };
const notPrompted = (reason: string): DayStatus => ({ kind: 'not_prompted', reason });

/** Days given as [days before TODAY, status], written oldest first like the loader returns them. */
function days(...entries: Array<[number, DayStatus]>): RepDay[] {
  return entries.map(([daysAgo, status]) => ({ localDate: addDays(TODAY, -daysAgo), status }));
}

let nextId = 1;
function rep(name: string, repDays: RepDay[]): DigestInput['reps'][number] {
  const personId = nextId++;
  return { personId, name, slackUserId: `U${personId}`, days: repDays };
}

const fixture: DigestInput = {
  managerName: 'Morgan',
  localDate: TODAY,
  reps: [
    // Sold today after an ordinary fortnight: nothing to flag.
    rep('alice', days([6, tried()], [5, didNotTry('admin_work')], [1, tried('unsure')], [0, sold])),
    // Three workdays running without trying; 'No pipeline' only twice.
    rep(
      'Bob',
      days(
        [7, tried()],
        [2, didNotTry('no_pipeline')],
        [1, didNotTry('admin_work')],
        [0, didNotTry('no_pipeline')],
      ),
    ),
    // A 'tried' day breaks the streak: two before it, one after.
    rep(
      'Carol',
      days(
        [3, didNotTry('other')],
        [2, didNotTry('other')],
        [1, tried()],
        [0, didNotTry('waiting_on_customer')],
      ),
    ),
    // Out of office in the middle of a streak: neither breaks nor counts.
    rep(
      'Dan',
      days([2, didNotTry('admin_work')], [1, notPrompted('out of office')], [0, didNotTry('other')]),
    ),
    // 'No pipeline' three times within the window (not running), and today she did not know what to do.
    rep(
      'Erin',
      days(
        [13, didNotTry('no_pipeline')],
        [9, tried()],
        [6, didNotTry('no_pipeline')],
        [5, sold],
        [2, didNotTry('no_pipeline')],
        [0, tried('does_not_know')],
      ),
    ),
    // Has not answered today yet: the streak behind it still shows.
    rep('Frank', days([2, didNotTry('admin_work')], [1, didNotTry('admin_work')], [0, noAnswer])),
    // A day left unanswered in the past ends the streak.
    rep('Gina', days([2, didNotTry('other')], [1, noAnswer], [0, didNotTry('other')])),
    // No check-in row for today (e.g. joined the team after the prompt went out).
    rep('Hank', days([2, tried()], [1, sold])),
    // Did not try today because they did not know how; yesterday was a sale.
    rep('ivy', days([1, sold], [0, didNotTry('did_not_know_how')])),
    // Two obstacles repeated, one of them a fourth time, and a streak on top.
    rep(
      'Jack',
      days(
        [12, didNotTry('admin_work')],
        [11, didNotTry('no_pipeline')],
        [10, didNotTry('admin_work')],
        [9, tried()],
        [8, didNotTry('no_pipeline')],
        [7, didNotTry('admin_work')],
        [6, tried()],
        [2, didNotTry('no_pipeline')],
        [1, didNotTry('no_pipeline')],
        [0, notPrompted('public holiday')],
      ),
    ),
    // The third 'No pipeline' is 14 days back, outside the window.
    rep(
      'Kim',
      days(
        [14, didNotTry('no_pipeline')],
        [8, didNotTry('no_pipeline')],
        [4, tried()],
        [3, didNotTry('no_pipeline')],
        [0, sold],
      ),
    ),
  ],
};

const digest = composeDigest(fixture);
const byName = (name: string): DigestRep => {
  const found = digest.reps.find((r) => r.name === name);
  if (!found) throw new Error(`no rep ${name}`);
  return found;
};
const kinds = (name: string) => byName(name).flags.map((flag) => flag.kind);

describe('composeDigest', () => {
  it("takes today's status from the day with the digest's date", () => {
    expect(byName('alice').today).toEqual(sold);
    expect(byName('Frank').today).toEqual({ kind: 'no_answer' });
    expect(byName('Jack').today).toEqual({ kind: 'not_prompted', reason: 'public holiday' });
    expect(byName('Hank').today).toEqual({ kind: 'not_prompted', reason: 'no check-in today' });
    expect(byName('Erin')).toMatchObject({ personId: 5, slackUserId: 'U5' });
  });

  it('flags did-not-try streaks of two or more workdays', () => {
    expect(byName('Bob').flags).toEqual([
      { kind: 'did_not_try_streak', text: "didn't try 3 workdays running" },
    ]);
    expect(byName('Dan').flags).toEqual([
      { kind: 'did_not_try_streak', text: "didn't try 2 workdays running" },
    ]);
    expect(byName('Frank').flags).toEqual([
      { kind: 'did_not_try_streak', text: "didn't try 2 workdays running" },
    ]);
    expect(byName('Jack').flags[0]).toEqual({
      kind: 'did_not_try_streak',
      text: "didn't try 2 workdays running",
    });
  });

  it('does not flag a streak that a tried day or a past unanswered day broke', () => {
    expect(kinds('Carol')).toEqual([]);
    expect(kinds('Gina')).toEqual([]);
    expect(kinds('alice')).toEqual([]);
    expect(kinds('Hank')).toEqual([]);
  });

  it('flags an obstacle given three or more times in the window, once per obstacle', () => {
    expect(byName('Erin').flags).toContainEqual({
      kind: 'repeated_obstacle',
      text: "'No pipeline' 3 times in two weeks",
    });
    expect(byName('Jack').flags.filter((flag) => flag.kind === 'repeated_obstacle')).toEqual([
      { kind: 'repeated_obstacle', text: "'No pipeline' 4 times in two weeks" },
      { kind: 'repeated_obstacle', text: "'Admin or internal work' 3 times in two weeks" },
    ]);
    expect(kinds('Bob')).not.toContain('repeated_obstacle'); // 'No pipeline' twice
    expect(kinds('Kim')).toEqual([]); // the third time is outside the 14 days
  });

  it("flags not knowing what to do from today's answer only", () => {
    expect(byName('Erin').flags).toContainEqual({
      kind: 'did_not_know',
      text: "didn't know what to do next",
    });
    expect(byName('ivy').flags).toEqual([{ kind: 'did_not_know', text: "didn't know what to do next" }]);
    expect(kinds('alice')).not.toContain('did_not_know'); // 'unsure' yesterday is not a flag
  });

  it('orders flagged reps first by number of flags, then everyone by name', () => {
    expect(digest.reps.map((r) => [r.name, r.flags.length])).toEqual([
      ['Jack', 3],
      ['Erin', 2],
      ['Bob', 1],
      ['Dan', 1],
      ['Frank', 1],
      ['ivy', 1],
      ['alice', 0],
      ['Carol', 0],
      ['Gina', 0],
      ['Hank', 0],
      ['Kim', 0],
    ]);
    expect(digest.flagged).toBe(6);
  });

  it("counts today's statuses", () => {
    expect(digest.counts).toEqual({
      sold: 2,
      tried: 1,
      didNotTry: 5,
      noAnswer: 1,
      notPromptedYet: 0,
      notPrompted: 2,
    });
    expect(digest).toMatchObject({ managerName: 'Morgan', localDate: TODAY });
  });

  it('counts a prompt still to come apart from the reps not prompted, and keeps the streak behind it', () => {
    const result = composeDigest({
      managerName: 'Morgan',
      localDate: TODAY,
      reps: [
        rep(
          'Nell',
          days(
            [2, didNotTry('admin_work')],
            [1, didNotTry('other')],
            [0, { kind: 'not_prompted_yet', promptTime: '09:00' }],
          ),
        ),
        rep('Otto', days([0, notPrompted('not a workday')])),
      ],
    });
    expect(result.counts).toEqual({
      sold: 0,
      tried: 0,
      didNotTry: 0,
      noAnswer: 0,
      notPromptedYet: 1,
      notPrompted: 1,
    });
    expect(result.reps.find((r) => r.name === 'Nell')?.flags).toEqual([
      { kind: 'did_not_try_streak', text: "didn't try 2 workdays running" },
    ]);
  });

  it('ignores days outside the window and copes with days out of order', () => {
    const result = composeDigest({
      managerName: 'Morgan',
      localDate: TODAY,
      reps: [
        {
          personId: 99,
          name: 'Lee',
          slackUserId: 'U99',
          days: [
            { localDate: TODAY, status: didNotTry('other') },
            { localDate: addDays(TODAY, 1), status: sold },
            { localDate: addDays(TODAY, -1), status: didNotTry('other') },
            { localDate: addDays(TODAY, -20), status: didNotTry('other') },
          ],
        },
      ],
    });
    expect(result.reps[0]!.today).toEqual(didNotTry('other'));
    expect(result.reps[0]!.flags).toEqual([
      { kind: 'did_not_try_streak', text: "didn't try 2 workdays running" },
    ]);
  });

  it('handles a manager without reps', () => {
    expect(composeDigest({ managerName: 'Morgan', localDate: TODAY, reps: [] })).toEqual({
      managerName: 'Morgan',
      localDate: TODAY,
      reps: [],
      counts: { sold: 0, tried: 0, didNotTry: 0, noAnswer: 0, notPromptedYet: 0, notPrompted: 0 },
      flagged: 0,
      overdue: [],
    });
  });

  it('lists overdue commitments with their days overdue, longest first, and drops any not overdue', () => {
    const digest = composeDigest({
      managerName: 'Morgan',
      localDate: TODAY,
      reps: [],
      overdue: [
        { name: 'Bob', slackUserId: 'UBOB', text: 'Call the CFO', dueOn: '2026-11-24' },
        { name: 'alice', slackUserId: 'UALICE', text: 'Send the proposal', dueOn: '2026-11-18' },
        { name: 'Carol', slackUserId: 'UCAROL', text: 'Due today, not late', dueOn: TODAY },
      ],
    });
    expect(digest.overdue).toEqual([
      {
        name: 'alice',
        slackUserId: 'UALICE',
        text: 'Send the proposal',
        dueOn: '2026-11-18',
        daysOverdue: 7,
      },
      { name: 'Bob', slackUserId: 'UBOB', text: 'Call the CFO', dueOn: '2026-11-24', daysOverdue: 1 },
    ]);
  });
});

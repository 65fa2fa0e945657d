import type { FollowUps } from '../deal-review/follow-ups.js';
import { addDays, daysBetween } from './schedule.js';
import { OBSTACLE_LABELS, type Obstacle, SKILL_LABELS, type Skill } from './vocabulary.js';

/** What one check-in day amounts to, as a manager reads it. */
export type DayStatus =
  | { kind: 'sold'; description: string; amount: string; currency: string; account: string }
  | { kind: 'tried'; skill: Skill | null; note: string | null }
  | { kind: 'did_not_try'; obstacle: Exclude<Obstacle, 'none'>; note: string | null }
  /** Prompted, not answered (yet). */
  | { kind: 'no_answer' }
  /** The prompt is still to come: its time (HH:MM, in the rep's zone) is later today, or it is on its way. */
  | { kind: 'not_prompted_yet'; promptTime: string }
  /** Out of office, holiday, not a workday, paused, deactivated in Slack, prompt dropped… */
  | { kind: 'not_prompted'; reason: string };

export interface RepDay {
  localDate: string;
  status: DayStatus;
}

export interface DigestInput {
  managerName: string;
  /** The digest's date, in the manager's time zone. */
  localDate: string;
  /**
   * Per rep, the days that had (or should have had) a check-in among the 14 calendar days up to and
   * including `localDate`, oldest first.
   */
  reps: Array<{ personId: number; name: string; slackUserId: string; days: RepDay[] }>;
  /** Open commitments of the manager's reps that were due before `localDate`. */
  overdue?: Array<{ name: string; slackUserId: string; text: string; dueOn: string }>;
  /** What the manager took on in reviews, coming due or overdue: asked about like a rep's. */
  followUps?: FollowUps;
}

/** A rep's commitment past its due date, as the manager reads it. */
export interface OverdueCommitment {
  name: string;
  slackUserId: string;
  text: string;
  dueOn: string;
  daysOverdue: number;
}

export type FlagKind = 'did_not_try_streak' | 'repeated_obstacle' | 'did_not_know';

export interface DigestFlag {
  kind: FlagKind;
  /** Short English for the manager, e.g. "didn't try 3 workdays running". */
  text: string;
}

export interface DigestRep {
  personId: number;
  name: string;
  slackUserId: string;
  today: DayStatus;
  flags: DigestFlag[];
}

export interface Digest {
  managerName: string;
  localDate: string;
  reps: DigestRep[];
  counts: {
    sold: number;
    tried: number;
    didNotTry: number;
    noAnswer: number;
    notPromptedYet: number;
    notPrompted: number;
  };
  /** How many reps carry at least one flag. */
  flagged: number;
  /** Longest overdue first. */
  overdue: OverdueCommitment[];
  followUps?: FollowUps;
  /** Only on a manager's first digest: the bot has never written to them, so it says what this is. */
  introduction?: DigestIntroduction;
}

/** What a manager's first digest tells them besides the day: when it comes, so they can move it. */
export interface DigestIntroduction {
  /** The manager's digest time, HH:MM in their own zone. */
  digestTime: string;
}

/** The window the digest looks back over, today included. */
const WINDOW_DAYS = 14;
const STREAK_THRESHOLD = 2;
const REPEATED_OBSTACLE_THRESHOLD = 3;
const OBSTACLE_ORDER = Object.keys(OBSTACLE_LABELS) as Array<Exclude<Obstacle, 'none'>>;
const byName = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

const NO_CHECK_IN_TODAY: DayStatus = { kind: 'not_prompted', reason: 'no check-in today' };

/** Which reps a manager should look at today, and why. Pure: the caller loads the days. */
export function composeDigest(input: DigestInput): Digest {
  const firstDay = addDays(input.localDate, -(WINDOW_DAYS - 1));
  const counts = { sold: 0, tried: 0, didNotTry: 0, noAnswer: 0, notPromptedYet: 0, notPrompted: 0 };

  const reps = input.reps.map((rep): DigestRep => {
    // The loader promises the window, oldest first; holding to it here keeps the flags honest if not.
    const days = rep.days
      .filter((day) => day.localDate >= firstDay && day.localDate <= input.localDate)
      .sort((a, b) => (a.localDate < b.localDate ? -1 : a.localDate > b.localDate ? 1 : 0));
    const today = days.find((day) => day.localDate === input.localDate)?.status ?? NO_CHECK_IN_TODAY;
    countToday(counts, today);
    return {
      personId: rep.personId,
      name: rep.name,
      slackUserId: rep.slackUserId,
      today,
      flags: flagsFor(days, input.localDate, today),
    };
  });

  reps.sort(
    (a, b) => b.flags.length - a.flags.length || byName.compare(a.name, b.name) || a.personId - b.personId,
  );

  const overdue = (input.overdue ?? [])
    .map((commitment) => ({ ...commitment, daysOverdue: daysBetween(commitment.dueOn, input.localDate) }))
    .filter((commitment) => commitment.daysOverdue > 0)
    .sort((a, b) => b.daysOverdue - a.daysOverdue || byName.compare(a.name, b.name));

  return {
    managerName: input.managerName,
    localDate: input.localDate,
    reps,
    counts,
    flagged: reps.filter((rep) => rep.flags.length > 0).length,
    overdue,
    ...(input.followUps ? { followUps: input.followUps } : {}),
  };
}

function countToday(counts: Digest['counts'], today: DayStatus): void {
  switch (today.kind) {
    case 'sold':
      counts.sold++;
      break;
    case 'tried':
      counts.tried++;
      break;
    case 'did_not_try':
      counts.didNotTry++;
      break;
    case 'no_answer':
      counts.noAnswer++;
      break;
    case 'not_prompted_yet':
      counts.notPromptedYet++;
      break;
    case 'not_prompted':
      counts.notPrompted++;
      break;
  }
}

function flagsFor(days: readonly RepDay[], localDate: string, today: DayStatus): DigestFlag[] {
  const flags: DigestFlag[] = [];

  const streak = didNotTryStreak(days, localDate);
  if (streak >= STREAK_THRESHOLD) {
    flags.push({ kind: 'did_not_try_streak', text: `didn't try ${streak} workdays running` });
  }

  const obstacleCounts = new Map<Exclude<Obstacle, 'none'>, number>();
  for (const { status } of days) {
    if (status.kind === 'did_not_try') {
      obstacleCounts.set(status.obstacle, (obstacleCounts.get(status.obstacle) ?? 0) + 1);
    }
  }
  const repeated = OBSTACLE_ORDER.filter(
    (obstacle) => (obstacleCounts.get(obstacle) ?? 0) >= REPEATED_OBSTACLE_THRESHOLD,
  ).sort((a, b) => obstacleCounts.get(b)! - obstacleCounts.get(a)!);
  for (const obstacle of repeated) {
    flags.push({
      kind: 'repeated_obstacle',
      text: `'${OBSTACLE_LABELS[obstacle]}' ${obstacleCounts.get(obstacle)} times in two weeks`,
    });
  }

  const didNotKnow =
    (today.kind === 'tried' && today.skill === 'does_not_know') ||
    (today.kind === 'did_not_try' && today.obstacle === 'did_not_know_how');
  if (didNotKnow) flags.push({ kind: 'did_not_know', text: SKILL_LABELS.does_not_know });

  return flags;
}

/**
 * Consecutive `did_not_try` days counting back from the most recent one. A day without a prompt says
 * nothing about effort, so it is passed over; so is today's missing answer, because at digest time
 * the rep may simply not have answered yet, and hiding a streak until they do would defeat the flag.
 * Any other day ends the streak.
 */
function didNotTryStreak(days: readonly RepDay[], localDate: string): number {
  let streak = 0;
  for (let i = days.length - 1; i >= 0; i--) {
    const { status, localDate: date } = days[i]!;
    if (status.kind === 'not_prompted' || status.kind === 'not_prompted_yet') continue;
    if (status.kind === 'no_answer' && date === localDate) continue;
    if (status.kind !== 'did_not_try') break;
    streak++;
  }
  return streak;
}

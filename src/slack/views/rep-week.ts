import type { KnownBlock } from '@slack/types';
import type { CheckInStreaks } from '../../domain/coaching/streaks.js';
import type { RepWeek } from '../../domain/rankings/rep-week.js';
import type { Movement, WeeklyStandings } from '../../domain/rankings/standings.js';
import { escapeMrkdwn, mrkdwn, oneLine, plain } from './mrkdwn.js';
import { plural } from './plural.js';
import { formatFigure } from './standings.js';

/** "1st", "2nd", "3rd", "4th", "11th", "22nd". */
export function ordinal(rank: number): string {
  const lastTwo = rank % 100;
  if (lastTwo >= 11 && lastTwo <= 13) return `${rank}th`;
  const suffix = ['th', 'st', 'nd', 'rd'][rank % 10] ?? 'th';
  return `${rank}${suffix}`;
}

function movementSinceLastWeek(movement: Movement): string | undefined {
  switch (movement.kind) {
    case 'up':
      return `up ${plural(movement.places, 'place')} on last week`;
    case 'down':
      return `down ${plural(movement.places, 'place')} on last week`;
    case 'same':
      return 'same place as last week';
    case 'new':
      return undefined;
  }
}

/** Where the rep stands in their team's week so far; undefined when the standings do not list them. */
function standingLines(standings: WeeklyStandings, slackUserId: string): string[] {
  const team = `*${oneLine(standings.teamName, 80)}*`;
  if (standings.outOfOffice.some((rep) => rep.slackUserId === slackUserId)) {
    return [`Out of office or paused all week, so not ranked in ${team} this week.`];
  }
  const lines: string[] = [];
  const entry = standings.entries.find((candidate) => candidate.slackUserId === slackUserId);
  if (entry !== undefined) {
    const tied = standings.entries.some(
      (other) => other.rank === entry.rank && other.slackUserId !== slackUserId,
    );
    const parts = [
      `*${ordinal(entry.rank)}*${tied ? ' (tied)' : ''} of ${standings.entries.length} in ${team} so far`,
      `*${escapeMrkdwn(formatFigure(entry.figure, standings.metric, standings.currency))}*`,
    ];
    const movement = movementSinceLastWeek(entry.movement);
    if (movement !== undefined) parts.push(movement);
    if (entry.personalBest) parts.push(':star2: personal best');
    lines.push(parts.join(' · '));
  }
  const effort = standings.effort.find((candidate) => candidate.slackUserId === slackUserId);
  if (effort !== undefined) {
    lines.push(
      `Tried on ${plural(effort.daysTried, 'day')} and answered on ${plural(effort.daysAnswered, 'day')} this week.`,
    );
  }
  return lines;
}

function streakLine({ tried, answered }: CheckInStreaks): string {
  const parts: string[] = [];
  if (tried > 0) parts.push(`:fire: Tried ${plural(tried, 'workday')} in a row`);
  if (answered > 0)
    parts.push(`${parts.length > 0 ? 'answered' : 'Answered'} ${plural(answered, 'workday')} in a row`);
  return parts.length > 0 ? parts.join(' · ') : 'No streak running: answer your next prompt to start one.';
}

/** The Home's "Your week" for a rep: their standing so far, their effort this week, their streaks. */
export function repWeekBlocks(week: RepWeek): KnownBlock[] {
  const lines = week.standings ? standingLines(week.standings, week.slackUserId) : [];
  return [
    { type: 'header', block_id: 'home_week_header', text: plain('Your week') },
    ...(lines.length > 0
      ? [{ type: 'section', block_id: 'home_week_standing', text: mrkdwn(lines.join('\n')) } as KnownBlock]
      : []),
    { type: 'context', block_id: 'home_week_streak', elements: [mrkdwn(streakLine(week.streaks))] },
  ];
}

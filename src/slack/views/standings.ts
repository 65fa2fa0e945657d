import type { KnownBlock } from '@slack/types';
import type { StandingsFailure } from '../../domain/rankings/posting.js';
import { compareDecimals } from '../../domain/rankings/ranking.js';
import type { FinalStandingsPost, RerunResult } from '../../domain/rankings/requests.js';
import type {
  EffortEntry,
  Movement,
  StandingsEntry,
  StandingsMetric,
  WeeklyStandings,
} from '../../domain/rankings/standings.js';
import { formatDate, formatDateRange } from './dates.js';
import { formatMoney } from './money.js';
import { escapeMrkdwn, mrkdwn, plain, plainLine } from './mrkdwn.js';
import { plural } from './plural.js';

/** The weekly standings as Block Kit: the channel post and the `/ranking` answer share one layout. */

/** Slack refuses a section over 3,000 characters; lines are packed under this. */
const SECTION_CHARACTERS = 2_900;
/** The effort board is the shorter one: the top of it is what gives the bottom of the sales board a way up. */
export const EFFORT_BOARD_SIZE = 10;
/**
 * A tie is never cut, so the board runs past its size to the end of the tie at the cut, up to this;
 * a tie too big for that is shown as one line with its count rather than named in part.
 */
export const EFFORT_BOARD_MOST = 2 * EFFORT_BOARD_SIZE;
/** The fallback text (notifications, screen readers) names this many leaders. */
const FALLBACK_LEADERS = 3;

/** A figure as people read it, as plain text: money in the team's currency, or a count of deals. */
export function formatFigure(figure: string, metric: StandingsMetric, currency: string): string {
  if (metric === 'deals') {
    return plural(Number(figure), 'deal');
  }
  return formatMoney(figure, currency);
}

/** formatFigure for mrkdwn: the post, the `/ranking` answer and the notification text of both. */
function mrkdwnFigure(figure: string, { metric, currency }: WeeklyStandings): string {
  return escapeMrkdwn(formatFigure(figure, metric, currency));
}

/** "the week of Mon 16 Nov 2026": how messages name a week they report on. */
export function weekOf(weekStart: string): string {
  return `the week of ${formatDate(weekStart)}`;
}

export function formatMovement(movement: Movement): string {
  switch (movement.kind) {
    case 'up':
      return `↑${movement.places}`;
    case 'down':
      return `↓${movement.places}`;
    case 'same':
      // Not "=", which marks a tie.
      return '–';
    case 'new':
      return 'new';
  }
}

/** Ranks shared by more than one rep, so a tie reads as a tie ("=2") and not as an arbitrary order. */
export function tiedRanks(ranks: readonly number[]): Set<number> {
  const seen = new Set<number>();
  const tied = new Set<number>();
  for (const rank of ranks) {
    if (seen.has(rank)) tied.add(rank);
    seen.add(rank);
  }
  return tied;
}

export function rankLabel(rank: number, tied: Set<number>): string {
  return tied.has(rank) ? `=${rank}` : `${rank}.`;
}

/** Zero this week: such reps are listed together, since a rank and a movement among zeros say nothing. */
function isZero(figure: string): boolean {
  return compareDecimals(figure, '0') === 0;
}

/** `prefix` then as many of `items` as fit in `max` characters, and a count of the rest. */
function listWithin(prefix: string, items: readonly string[], max: number): string {
  const text = (shown: number) => {
    const rest = items.length - shown;
    return `${prefix}${items.slice(0, shown).join(', ')}${rest > 0 ? `${shown > 0 ? ' and' : ''} ${rest} more` : ''}`;
  };
  let shown = items.length;
  while (shown > 0 && text(shown).length > max) shown--;
  return text(shown);
}

function standingsLine(entry: StandingsEntry, tied: Set<number>, standings: WeeklyStandings): string {
  const parts = [
    `*${rankLabel(entry.rank, tied)}* <@${entry.slackUserId}>`,
    `*${mrkdwnFigure(entry.figure, standings)}*`,
    formatMovement(entry.movement),
  ];
  if (entry.personalBest) parts.push(':star2: personal best');
  return parts.join(' · ');
}

function totalLine(standings: WeeklyStandings, soFar: boolean): string {
  const { total, previousTotal } = standings;
  const now = `*Team total${soFar ? ' so far' : ''}:* ${mrkdwnFigure(total, standings)}`;
  if (previousTotal === null) return `${now} (no earlier week to compare with)`;
  const before = mrkdwnFigure(previousTotal, standings);
  // Part of a week against a whole one is no trend: on a Monday morning it read "↓100%".
  if (soFar) return `${now} (all of last week: ${before})`;
  const change = Number(total) - Number(previousTotal);
  if (change === 0) return `${now}, the same as last week`;
  const direction = change > 0 ? '↑' : '↓';
  const percent =
    Number(previousTotal) > 0
      ? ` ${direction}${Math.round((Math.abs(change) / Number(previousTotal)) * 100)}%`
      : '';
  return `${now}${percent} against ${before} last week`;
}

/** Lines packed into as few sections as Slack's per-section limit allows. */
function packedSections(prefix: string, lines: readonly string[]): KnownBlock[] {
  const texts: string[] = [];
  let current = '';
  for (const line of lines) {
    if (current !== '' && current.length + line.length + 1 > SECTION_CHARACTERS) {
      texts.push(current);
      current = '';
    }
    current = current === '' ? line : `${current}\n${line}`;
  }
  if (current !== '') texts.push(current);
  return texts.map((text, index) => ({
    type: 'section',
    block_id: `${prefix}_${index}`,
    text: mrkdwn(text),
  }));
}

function effortLine(entry: EffortEntry, tied: Set<number>): string {
  const who = `*${rankLabel(entry.rank, tied)}* <@${entry.slackUserId}>`;
  // A post retried from a snapshot saved before days asked were counted has none.
  const asked = entry.daysAsked as number | undefined;
  if (asked === undefined)
    return `${who} · tried ${plural(entry.daysTried, 'day')} · answered ${entry.daysAnswered}`;
  if (asked === 0) return `${who} · not asked this week`;
  return `${who} · tried ${entry.daysTried} of ${plural(asked, 'day')} asked · answered ${entry.daysAnswered}`;
}

function effortLines(standings: WeeklyStandings): string[] {
  const { effort } = standings;
  const tied = tiedRanks(effort.map((entry) => entry.rank));
  const atCut = effort[EFFORT_BOARD_SIZE - 1];
  let shown: EffortEntry[] = effort;
  let collapsed: EffortEntry[] = [];
  if (atCut !== undefined) {
    const above = effort.filter((entry) => entry.rank < atCut.rank);
    const tie = effort.filter((entry) => entry.rank === atCut.rank);
    if (above.length + tie.length <= EFFORT_BOARD_MOST) shown = [...above, ...tie];
    else [shown, collapsed] = [above, tie];
  }
  const lines = shown.map((entry) => effortLine(entry, tied));
  const [first] = collapsed;
  if (first !== undefined) {
    lines.push(
      `*${rankLabel(first.rank, tied)}* ${plural(collapsed.length, 'teammate')} · tried ${plural(first.daysTried, 'day')} · answered ${first.daysAnswered} each`,
    );
  }
  const hidden = effort.length - shown.length - collapsed.length;
  if (hidden > 0) lines.push(`_…and ${hidden} more_`);
  return lines;
}

function noSaleLine(reps: readonly StandingsEntry[], standings: WeeklyStandings, soFar: boolean): string {
  const prefix = `${standings.metric === 'deals' ? 'No deal' : 'No sale'} this week${soFar ? ' yet' : ''}: `;
  return listWithin(
    prefix,
    reps.map((entry) => `<@${entry.slackUserId}>`),
    SECTION_CHARACTERS,
  );
}

/**
 * Revenue counts only sales in the team's currency: say how many of the week's sales that left out,
 * and in which currencies, so a big sale in another currency does not vanish silently. A count, never
 * whose; nothing for deals (counted in any currency), for a week with nothing left out, or for a
 * snapshot saved before this was computed.
 */
function uncountedLine(standings: WeeklyStandings): string | null {
  const { uncounted } = standings;
  if (standings.metric !== 'revenue' || uncounted === undefined || uncounted.sales <= 0) return null;
  const other = uncounted.currencies.length === 1 ? 'another currency' : 'other currencies';
  const verb = uncounted.sales === 1 ? 'is' : 'are';
  const which = uncounted.currencies.length > 0 ? ` (${escapeMrkdwn(uncounted.currencies.join(', '))})` : '';
  return `${plural(uncounted.sales, 'sale')} in ${other} ${verb} not counted${which}.`;
}

function boardBlocks(standings: WeeklyStandings, soFar: boolean): KnownBlock[] {
  const tied = tiedRanks(standings.entries.map((entry) => entry.rank));
  const blocks: KnownBlock[] = [
    { type: 'section', block_id: 'standings_total', text: mrkdwn(totalLine(standings, soFar)) },
    { type: 'divider' },
  ];
  if (standings.entries.length === 0) {
    // As the chart says it; the week shown so far may still get some.
    const nothing = `No ${standings.metric === 'deals' ? 'deals' : 'sales'} this week${soFar ? ' yet' : ''}.`;
    blocks.push({ type: 'section', block_id: 'standings_board_0', text: mrkdwn(nothing) });
  } else {
    const sold = standings.entries.filter((entry) => !isZero(entry.figure));
    const none = standings.entries.filter((entry) => isZero(entry.figure));
    blocks.push(
      ...packedSections(
        'standings_board',
        sold.map((entry) => standingsLine(entry, tied, standings)),
      ),
    );
    if (none.length > 0) {
      blocks.push({
        type: 'section',
        block_id: 'standings_no_sale',
        text: mrkdwn(noSaleLine(none, standings, soFar)),
      });
    }
  }
  const uncounted = uncountedLine(standings);
  if (uncounted !== null) {
    blocks.push({ type: 'context', block_id: 'standings_uncounted', elements: [mrkdwn(uncounted)] });
  }
  if (standings.effort.length > 0) {
    blocks.push(
      { type: 'divider' },
      {
        type: 'section',
        block_id: 'standings_effort',
        text: mrkdwn('*Effort* · days tried and days answered of the days asked, so every rep has a way up'),
      },
      ...packedSections('standings_effort', effortLines(standings)),
    );
  }
  if (standings.outOfOffice.length > 0) {
    // A count, never names: an absence is personal, and only the standings are public.
    const away = `:palm_tree: ${plural(standings.outOfOffice.length, 'teammate')} away all week, not ranked`;
    blocks.push({ type: 'section', block_id: 'standings_away', text: mrkdwn(away) });
  }
  return blocks;
}

function fallbackText(standings: WeeklyStandings, title: string, soFar: boolean): string {
  const tied = tiedRanks(standings.entries.map((entry) => entry.rank));
  // Someone at zero leads nothing, even when nobody sold.
  const leaders = standings.entries
    .filter((entry) => !isZero(entry.figure))
    .slice(0, FALLBACK_LEADERS)
    .map(
      (entry) =>
        `${rankLabel(entry.rank, tied)} ${escapeMrkdwn(entry.name)} ${mrkdwnFigure(entry.figure, standings)}`,
    );
  const board =
    leaders.length > 0
      ? leaders.join(', ')
      : `no ${standings.metric === 'deals' ? 'deals' : 'sales'} this week${soFar ? ' yet' : ''}`;
  return `${escapeMrkdwn(title)}: ${board}; team total ${mrkdwnFigure(standings.total, standings)}`;
}

export interface StandingsMessage {
  text: string;
  blocks: KnownBlock[];
}

/** The weekly post in the team channel. */
export function buildStandingsPost(standings: WeeklyStandings): StandingsMessage {
  const week = formatDateRange(standings.weekStart, standings.weekEnd);
  const title = `Weekly standings · ${standings.teamName} · ${week}`;
  return {
    text: fallbackText(standings, title, false),
    blocks: [
      // Headers are plain text and take 150 characters at most; team names stop at 80.
      { type: 'header', block_id: 'standings_title', text: plain(`:trophy: ${title}`.slice(0, 150)) },
      ...boardBlocks(standings, false),
    ],
  };
}

/** Where the week shown so far goes when it is over: the team's standings day and time, or nowhere. */
function finalPostNote(finalPost: FinalStandingsPost): string {
  if (finalPost.channelId === null) {
    return 'The team has no standings channel, so the final standings are posted nowhere until an admin picks one.';
  }
  return `The final standings go to <#${finalPost.channelId}> on ${formatDate(finalPost.on)} at ${finalPost.at} (${escapeMrkdwn(finalPost.timeZone)}).`;
}

/**
 * `/ranking`: the current week as it stands, for one person's eyes; `finalPost` says when and where
 * the week will be posted.
 */
export function buildStandingsSoFar(
  standings: WeeklyStandings,
  finalPost: FinalStandingsPost,
): StandingsMessage {
  const title = `${standings.teamName} so far this week (${formatDateRange(standings.weekStart, standings.weekEnd)})`;
  return {
    text: fallbackText(standings, title, true),
    blocks: [
      { type: 'section', block_id: 'standings_title', text: mrkdwn(`*${escapeMrkdwn(title)}*`) },
      ...boardBlocks(standings, true),
      {
        type: 'context',
        block_id: 'standings_note',
        elements: [mrkdwn(`Only you see this. ${finalPostNote(finalPost)}`)],
      },
    ],
  };
}

/** What the chart upload is called in the thread. */
export function chartTitle(standings: WeeklyStandings): string {
  return `Standings chart · ${standings.teamName} · ${formatDateRange(standings.weekStart, standings.weekEnd)}`;
}

/**
 * Slack documents no limit for an upload's alt text; 1,000 characters stays inside the Block Kit
 * image limit and is about what a screen reader user will sit through.
 */
export const CHART_ALT_TEXT_CHARACTERS = 1_000;
/** A long display name would otherwise crowd the other rows out of the alt text. */
const ALT_TEXT_NAME_CHARACTERS = 40;

/**
 * What a screen reader says about the chart: what the bars measure, then the ranked rows as the post
 * shows them (ties "=2", reps at zero only counted), as many as fit, then how many reps there are.
 * Plain text, not mrkdwn: nothing renders it.
 */
export function chartAltText(standings: WeeklyStandings): string {
  const { metric, currency, entries } = standings;
  const what = metric === 'deals' ? 'deals closed' : `revenue in ${currency}`;
  const prefix = `Bar chart of ${what} this week: `;
  const tied = tiedRanks(entries.map((entry) => entry.rank));
  const rows = entries
    .filter((entry) => !isZero(entry.figure))
    .map(
      (entry) =>
        `${rankLabel(entry.rank, tied)} ${plainLine(entry.name, ALT_TEXT_NAME_CHARACTERS)} ${formatFigure(entry.figure, metric, currency)}`,
    );
  const zeros = entries.length - rows.length;
  const counts = [plural(entries.length, 'rep')];
  if (zeros > 0) counts.push(`${zeros} with no ${metric === 'deals' ? 'deal' : 'sale'}`);
  if (standings.outOfOffice.length > 0) counts.push(`${standings.outOfOffice.length} away all week`);
  const summary = `${counts.join(', ')}.`;
  if (rows.length === 0) return `${prefix}no ${metric === 'deals' ? 'deals' : 'sales'}. ${summary}`;
  // Whole rows only, so a figure is never cut to a smaller one.
  const text = (shown: number) =>
    `${prefix}${rows.slice(0, shown).join('; ')}${shown < rows.length ? '; …' : ''}. ${summary}`;
  let shown = rows.length;
  while (shown > 1 && text(shown).length > CHART_ALT_TEXT_CHARACTERS) shown--;
  return text(shown).slice(0, CHART_ALT_TEXT_CHARACTERS);
}

// ------------------------------------------------------------------------------- failures and replies

function teamCommand(teamName: string): string {
  return /\s/.test(teamName) ? `"${teamName}"` : teamName;
}

/**
 * What went wrong with a team's post and what to do about it, in one or two sentences. Picking a
 * channel and `/ranking post` are for admins: `viewerIsAdmin` false (a team's manager who is not an
 * admin) gets the part they can do themselves and is told to ask an admin for the rest.
 */
export function describeStandingsFailure(
  failure: Pick<StandingsFailure, 'teamName' | 'channelId' | 'reason'>,
  viewerIsAdmin: boolean,
): string {
  const team = teamCommand(escapeMrkdwn(failure.teamName));
  const post = `\`/ranking post ${team}\``;
  const rerun = viewerIsAdmin ? `then run ${post}` : `then ask an admin to run ${post}`;
  const again = viewerIsAdmin ? `run ${post}` : `ask an admin to run ${post}`;
  const channel = failure.channelId ? `<#${failure.channelId}>` : 'the channel';
  const pickChannel = `\`/coach team ${team} channel #channel\``;
  switch (failure.reason) {
    case 'not_in_channel':
      return `I am not a member of ${channel}. Invite me there (type \`/invite\` in the channel and pick me), ${rerun}.`;
    case 'channel_not_found':
      return viewerIsAdmin
        ? `I cannot find ${channel} any more: it was deleted, or it is private and I am not in it. Pick a channel with ${pickChannel}, ${rerun}.`
        : `I cannot find ${channel} any more: it was deleted, or it is private and I am not in it. Invite me if it is private, or ask an admin to pick another channel (${pickChannel}); ${rerun}.`;
    case 'is_archived':
      return viewerIsAdmin
        ? `${channel} is archived. Unarchive it or pick another with ${pickChannel}, ${rerun}.`
        : `${channel} is archived. Unarchive it, or ask an admin to pick another channel (${pickChannel}); ${rerun}.`;
    case 'no_channel':
      return viewerIsAdmin
        ? `The team has no standings channel. Pick one with ${pickChannel}, ${rerun}.`
        : `The team has no standings channel. Ask an admin to pick one (${pickChannel}) and to run ${post}.`;
    case 'expired':
      return `It was not out within a day of its time (the bot was down or Slack did not answer), so I dropped it rather than post it late. To post it now, ${again}.`;
    default:
      return `Slack did not take it (${escapeMrkdwn(failure.reason)}). To try again, ${again}.`;
  }
}

/**
 * The direct message to the team's manager and the admins when a weekly post fails; `recipientIsAdmin`
 * as describeStandingsFailure's `viewerIsAdmin`.
 */
export function buildStandingsFailureNotice(
  failure: StandingsFailure,
  recipientIsAdmin: boolean,
): StandingsMessage {
  const what = `The weekly standings of *${escapeMrkdwn(failure.teamName)}* for ${weekOf(failure.weekStart)} were not posted.`;
  const text = `${what} ${describeStandingsFailure(failure, recipientIsAdmin)}`;
  return { text, blocks: [{ type: 'section', block_id: 'standings_failure', text: mrkdwn(text) }] };
}

/** The answer to `/ranking post`. */
export function buildRerunReply(result: RerunResult): string {
  const team = `*${escapeMrkdwn(result.team.name)}*`;
  const week = weekOf(result.weekStart);
  switch (result.kind) {
    case 'posted':
      return `Posted the standings of ${team} for ${week} in <#${result.channelId}>.${result.chartProblem ? ' The chart could not follow it.' : ''}`;
    case 'already_posted':
      return `The standings of ${team} for ${week} are already posted${result.channelId ? ` in <#${result.channelId}>` : ''}. I won't post them twice.`;
    case 'in_progress':
      return `The standings of ${team} for ${week} are being posted right now.`;
    case 'retrying':
      return `Slack did not answer in time (${escapeMrkdwn(result.reason)}). I will try again in a minute.`;
    case 'lost':
      return `The standings of ${team} for ${week} are being posted right now.`;
    case 'failed':
      return `The standings of ${team} for ${week} could not be posted. ${describeStandingsFailure(
        {
          teamName: result.team.name,
          channelId: result.team.standings_channel_id,
          reason: result.reason,
        },
        true,
      )}`;
  }
}

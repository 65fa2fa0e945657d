import type { KnownBlock, SectionBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import type { RerunResult } from '../../../src/domain/rankings/requests.js';
import type { StandingsEntry, WeeklyStandings } from '../../../src/domain/rankings/standings.js';
import {
  buildRerunReply,
  buildStandingsFailureNotice,
  buildStandingsPost,
  buildStandingsSoFar,
  describeStandingsFailure,
  EFFORT_BOARD_SIZE,
  formatFigure,
  formatMovement,
} from '../../../src/slack/views/standings.js';

function rep(n: number): Pick<StandingsEntry, 'personId' | 'slackUserId' | 'name'> {
  return { personId: n, slackUserId: `U${String(n).padStart(6, '0')}`, name: `Rep ${n}` };
}

const WEEK: WeeklyStandings = {
  teamId: 7,
  teamName: 'East',
  metric: 'revenue',
  currency: 'EUR',
  weekStart: '2026-11-16',
  weekEnd: '2026-11-22',
  entries: [
    { ...rep(1), rank: 1, figure: '5000.00', movement: { kind: 'up', places: 2 }, personalBest: true },
    { ...rep(2), rank: 2, figure: '2500.00', movement: { kind: 'down', places: 1 }, personalBest: false },
    { ...rep(3), rank: 2, figure: '2500.00', movement: { kind: 'same' }, personalBest: false },
    { ...rep(4), rank: 4, figure: '100.50', movement: { kind: 'new' }, personalBest: false },
  ],
  effort: [
    { ...rep(5), rank: 1, daysTried: 5, daysAnswered: 5 },
    { ...rep(1), rank: 2, daysTried: 4, daysAnswered: 5 },
    { ...rep(2), rank: 2, daysTried: 4, daysAnswered: 5 },
  ],
  outOfOffice: [{ ...rep(9) }],
  total: '10100.50',
  previousTotal: '8080.40',
};

/** Where the week shown so far will be posted, for the tests that are about something else. */
const FINAL_POST = { channelId: 'C0STAND', on: '2026-11-23', at: '09:00', timeZone: 'America/New_York' };

function sectionTexts(blocks: KnownBlock[], prefix: string): string[] {
  return blocks
    .filter(
      (block): block is SectionBlock => block.type === 'section' && (block.block_id ?? '').startsWith(prefix),
    )
    .map((block) => block.text?.text ?? '');
}

describe('formatting', () => {
  it('shows money in the team currency and deals as a count', () => {
    expect(formatFigure('1234.5', 'revenue', 'EUR')).toBe('EUR 1,234.50');
    expect(formatFigure('1234.00', 'revenue', 'EUR')).toBe('EUR 1,234');
    expect(formatFigure('90071992547409.93', 'revenue', 'USD')).toBe('USD 90,071,992,547,409.93');
    expect(formatFigure('1', 'deals', 'EUR')).toBe('1 deal');
    expect(formatFigure('3', 'deals', 'EUR')).toBe('3 deals');
  });

  it('shows movement as arrows, = and new', () => {
    expect(formatMovement({ kind: 'up', places: 2 })).toBe('↑2');
    expect(formatMovement({ kind: 'down', places: 1 })).toBe('↓1');
    expect(formatMovement({ kind: 'same' })).toBe('=');
    expect(formatMovement({ kind: 'new' })).toBe('new');
  });
});

describe('the weekly post', () => {
  const post = buildStandingsPost(WEEK);

  it('has a title with the team and the week, and a fallback text naming the leaders', () => {
    expect(post.blocks[0]).toMatchObject({
      type: 'header',
      text: { text: ':trophy: Weekly standings · East · 16–22 Nov 2026' },
    });
    expect(post.text).toBe(
      'Weekly standings · East · 16–22 Nov 2026: 1. Rep 1 EUR 5,000, 2. Rep 2 EUR 2,500, 2. Rep 3 EUR 2,500; team total EUR 10,100.50',
    );
  });

  it('lists rank, mention, figure, movement and personal best, with ties shown as ties', () => {
    expect(sectionTexts(post.blocks, 'standings_board')).toEqual([
      [
        '*1.* <@U000001> · *EUR 5,000* · ↑2 · :star2: personal best',
        '*2=* <@U000002> · *EUR 2,500* · ↓1',
        '*2=* <@U000003> · *EUR 2,500* · =',
        '*4.* <@U000004> · *EUR 100.50* · new',
      ].join('\n'),
    ]);
  });

  it('puts the team total against last week', () => {
    expect(sectionTexts(post.blocks, 'standings_total')).toEqual([
      '*Team total:* EUR 10,100.50 ↑25% against EUR 8,080.40 last week',
    ]);
    const first = buildStandingsPost({ ...WEEK, previousTotal: null });
    expect(sectionTexts(first.blocks, 'standings_total')[0]).toBe(
      '*Team total:* EUR 10,100.50 (no earlier week to compare with)',
    );
  });

  it('has a shorter effort board and lists reps out of office apart', () => {
    expect(sectionTexts(post.blocks, 'standings_effort_0')).toEqual([
      [
        '*1.* <@U000005> · tried 5 days · answered 5',
        '*2=* <@U000001> · tried 4 days · answered 5',
        '*2=* <@U000002> · tried 4 days · answered 5',
      ].join('\n'),
    ]);
    expect(sectionTexts(post.blocks, 'standings_away')).toEqual([
      ':palm_tree: Out of office all week, not ranked: <@U000009>',
    ]);
    expect(JSON.stringify(sectionTexts(post.blocks, 'standings_board'))).not.toContain('U000009');
  });

  it('says so when nobody sold', () => {
    const empty = buildStandingsPost({
      ...WEEK,
      metric: 'deals',
      entries: [],
      total: '0',
      previousTotal: '0',
    });
    // As the chart says it.
    expect(sectionTexts(empty.blocks, 'standings_board')).toEqual(['No deals this week.']);
    const none = { ...WEEK, entries: [], total: '0', previousTotal: '0' };
    expect(sectionTexts(buildStandingsPost(none).blocks, 'standings_board')).toEqual(['No sales this week.']);
    expect(sectionTexts(buildStandingsSoFar(none, FINAL_POST).blocks, 'standings_board')).toEqual([
      'No sales this week yet.',
    ]);
    expect(sectionTexts(empty.blocks, 'standings_total')).toEqual([
      '*Team total:* 0 deals, the same as last week',
    ]);
  });

  it('stays inside Slack limits for a team of 100 reps', () => {
    const hundred: WeeklyStandings = {
      ...WEEK,
      teamName: 'X'.repeat(80),
      entries: Array.from({ length: 100 }, (_, i) => ({
        ...rep(i + 1),
        rank: i + 1,
        figure: String(1_000_000 - i),
        movement: { kind: 'down', places: 99 },
        personalBest: true,
      })),
      effort: Array.from({ length: 100 }, (_, i) => ({
        ...rep(i + 1),
        rank: i + 1,
        daysTried: 7,
        daysAnswered: 7,
      })),
      outOfOffice: Array.from({ length: 100 }, (_, i) => rep(200 + i)),
    };
    for (const message of [buildStandingsPost(hundred), buildStandingsSoFar(hundred, FINAL_POST)]) {
      expect(message.blocks.length).toBeLessThan(50);
      for (const block of message.blocks) {
        if (block.type === 'section') expect(block.text?.text.length).toBeLessThanOrEqual(3000);
        if (block.type === 'header') expect(block.text.text.length).toBeLessThanOrEqual(150);
      }
      expect(message.text.length).toBeLessThan(4000);
      const board = sectionTexts(message.blocks, 'standings_board').join('\n');
      expect(board.split('\n')).toHaveLength(100);
      const effort = sectionTexts(message.blocks, 'standings_effort_').join('\n').split('\n');
      expect(effort).toHaveLength(EFFORT_BOARD_SIZE + 1);
      expect(effort.at(-1)).toBe(`_…and ${100 - EFFORT_BOARD_SIZE} more_`);
    }
  });
});

describe('the standings so far (/ranking)', () => {
  it('names the week as in progress and says only the viewer sees it', () => {
    const message = buildStandingsSoFar(WEEK, FINAL_POST);
    expect(sectionTexts(message.blocks, 'standings_title')).toEqual([
      '*East so far this week (16–22 Nov 2026)*',
    ]);
    expect(JSON.stringify(message.blocks.at(-1))).toContain('Only you see this');
    expect(sectionTexts(message.blocks, 'standings_board')[0]).toContain('*1.* <@U000001>');
  });

  it('says when and where the final standings go: the team’s day and time, or nowhere without a channel', () => {
    const note = (message: ReturnType<typeof buildStandingsSoFar>) => JSON.stringify(message.blocks.at(-1));
    const finalPost = { channelId: 'C0STAND', on: '2026-11-24', at: '16:30', timeZone: 'Europe/Paris' };
    expect(note(buildStandingsSoFar(WEEK, finalPost))).toContain(
      'Only you see this. The final standings go to <#C0STAND> on Tue 24 Nov 2026 at 16:30 (Europe/Paris).',
    );
    const nowhere = note(buildStandingsSoFar(WEEK, { ...finalPost, channelId: null }));
    expect(nowhere).toContain('The team has no standings channel, so the final standings are posted nowhere');
    expect(nowhere).not.toContain('after the week ends');
  });
});

describe('failures and /ranking post replies', () => {
  const failure = { teamName: 'North America', channelId: 'C0STAND', reason: 'not_in_channel' };

  it('says what went wrong and what to do, with the exact command', () => {
    expect(describeStandingsFailure(failure, true)).toBe(
      'I am not a member of <#C0STAND>. Invite me there (type `/invite` in the channel and pick me), then run `/ranking post "North America"`.',
    );
    expect(describeStandingsFailure({ ...failure, reason: 'is_archived' }, true)).toContain(
      '<#C0STAND> is archived',
    );
    expect(describeStandingsFailure({ ...failure, channelId: null, reason: 'no_channel' }, true)).toContain(
      'The team has no standings channel. Pick one with `/coach team "North America" channel #channel`',
    );
    expect(describeStandingsFailure({ ...failure, reason: 'expired' }, true)).toContain(
      'rather than post it late',
    );
    expect(describeStandingsFailure({ ...failure, reason: 'invalid_<blocks>' }, true)).toContain(
      '(invalid_&lt;blocks&gt;)',
    );
  });

  it('tells a viewer who is not an admin to ask one for what only admins can do', () => {
    expect(describeStandingsFailure(failure, false)).toBe(
      'I am not a member of <#C0STAND>. Invite me there (type `/invite` in the channel and pick me), then ask an admin to run `/ranking post "North America"`.',
    );
    for (const reason of ['channel_not_found', 'is_archived', 'no_channel', 'expired', 'slack_unavailable']) {
      const text = describeStandingsFailure({ ...failure, reason }, false);
      expect(text).toMatch(/ask an admin to/i);
      // Every command in the text is one the admin is asked to run, never one for the viewer.
      expect(text).not.toMatch(/(?:then run|Pick (?:one|a channel) with|, run|pick another with) `/);
    }
    expect(describeStandingsFailure({ ...failure, channelId: null, reason: 'no_channel' }, false)).toBe(
      'The team has no standings channel. Ask an admin to pick one (`/coach team "North America" channel #channel`) and to run `/ranking post "North America"`.',
    );
    const notice = buildStandingsFailureNotice(
      { ...failure, workspaceId: 'T1', weekStart: '2026-11-16' },
      false,
    );
    expect(notice.text).toContain('then ask an admin to run `/ranking post "North America"`');
  });

  it('tells the manager and admins which team and week', () => {
    const notice = buildStandingsFailureNotice(
      { ...failure, workspaceId: 'T1', weekStart: '2026-11-16' },
      true,
    );
    expect(notice.text).toMatch(
      /^The weekly standings of \*North America\* for the week of Mon 16 Nov 2026 were not posted\. I am not/,
    );
    expect(notice.blocks).toHaveLength(1);
  });

  it('answers /ranking post for each outcome', () => {
    const team = { name: 'EMEA', standings_channel_id: 'C0STAND' } as RerunResult['team'];
    const base = { team, weekStart: '2026-11-16' };
    expect(
      buildRerunReply({ ...base, kind: 'posted', channelId: 'C0STAND', ts: '1.2', chartProblem: null }),
    ).toBe('Posted the standings of *EMEA* for the week of Mon 16 Nov 2026 in <#C0STAND>.');
    expect(buildRerunReply({ ...base, kind: 'already_posted', channelId: 'C0STAND', ts: '1.2' })).toBe(
      "The standings of *EMEA* for the week of Mon 16 Nov 2026 are already posted in <#C0STAND>. I won't post them twice.",
    );
    expect(buildRerunReply({ ...base, kind: 'failed', reason: 'channel_not_found' })).toContain(
      'could not be posted. I cannot find <#C0STAND> any more',
    );
    expect(buildRerunReply({ ...base, kind: 'in_progress' })).toContain('being posted right now');
  });
});

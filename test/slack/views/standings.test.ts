import type { KnownBlock, SectionBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import type { RerunResult } from '../../../src/domain/rankings/requests.js';
import type { EffortEntry, StandingsEntry, WeeklyStandings } from '../../../src/domain/rankings/standings.js';
import {
  buildRerunReply,
  buildStandingsFailureNotice,
  buildStandingsPost,
  buildStandingsSoFar,
  CHART_ALT_TEXT_CHARACTERS,
  chartAltText,
  describeStandingsFailure,
  EFFORT_BOARD_MOST,
  EFFORT_BOARD_SIZE,
  formatFigure,
  formatMovement,
} from '../../../src/slack/views/standings.js';
import { buildStandingsSvg } from '../../../src/slack/views/standings-chart.js';

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
    { ...rep(5), rank: 1, daysTried: 5, daysAnswered: 5, daysAsked: 5 },
    { ...rep(1), rank: 2, daysTried: 4, daysAnswered: 5, daysAsked: 5 },
    { ...rep(2), rank: 2, daysTried: 4, daysAnswered: 5, daysAsked: 5 },
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

  it('shows movement as arrows, – and new; "=" is for ties only', () => {
    expect(formatMovement({ kind: 'up', places: 2 })).toBe('↑2');
    expect(formatMovement({ kind: 'down', places: 1 })).toBe('↓1');
    expect(formatMovement({ kind: 'same' })).toBe('–');
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
      'Weekly standings · East · 16–22 Nov 2026: 1. Rep 1 EUR 5,000, =2 Rep 2 EUR 2,500, =2 Rep 3 EUR 2,500; team total EUR 10,100.50',
    );
  });

  it('lists rank, mention, figure, movement and personal best, with ties shown as ties', () => {
    expect(sectionTexts(post.blocks, 'standings_board')).toEqual([
      [
        '*1.* <@U000001> · *EUR 5,000* · ↑2 · :star2: personal best',
        '*=2* <@U000002> · *EUR 2,500* · ↓1',
        '*=2* <@U000003> · *EUR 2,500* · –',
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

  it('does not call a week so far up or down against the whole of last week', () => {
    const monday = buildStandingsSoFar({ ...WEEK, total: '0.00' }, FINAL_POST);
    expect(sectionTexts(monday.blocks, 'standings_total')).toEqual([
      '*Team total so far:* EUR 0 (all of last week: EUR 8,080.40)',
    ]);
  });

  it('has a shorter effort board, each count out of the days the rep was asked', () => {
    expect(sectionTexts(post.blocks, 'standings_effort_0')).toEqual([
      [
        '*1.* <@U000005> · tried 5 of 5 days asked · answered 5',
        '*=2* <@U000001> · tried 4 of 5 days asked · answered 5',
        '*=2* <@U000002> · tried 4 of 5 days asked · answered 5',
      ].join('\n'),
    ]);
    const joined = buildStandingsPost({
      ...WEEK,
      effort: [
        { ...rep(6), rank: 1, daysTried: 2, daysAnswered: 2, daysAsked: 2 },
        { ...rep(7), rank: 2, daysTried: 0, daysAnswered: 0, daysAsked: 1 },
        { ...rep(8), rank: 2, daysTried: 0, daysAnswered: 0, daysAsked: 0 },
      ],
    });
    expect(sectionTexts(joined.blocks, 'standings_effort_0')).toEqual([
      [
        '*1.* <@U000006> · tried 2 of 2 days asked · answered 2',
        '*=2* <@U000007> · tried 0 of 1 day asked · answered 0',
        '*=2* <@U000008> · not asked this week',
      ].join('\n'),
    ]);
    // A snapshot saved before the upgrade, retried after it.
    const saved = { ...rep(6), rank: 1, daysTried: 2, daysAnswered: 2 } as EffortEntry;
    expect(
      sectionTexts(buildStandingsPost({ ...WEEK, effort: [saved] }).blocks, 'standings_effort_0'),
    ).toEqual(['*1.* <@U000006> · tried 2 days · answered 2']);
  });

  it('counts the reps out of office all week without naming them, in the post and in /ranking', () => {
    for (const message of [buildStandingsPost(WEEK), buildStandingsSoFar(WEEK, FINAL_POST)]) {
      expect(sectionTexts(message.blocks, 'standings_away')).toEqual([
        ':palm_tree: 1 teammate away all week, not ranked',
      ]);
      expect(JSON.stringify(message)).not.toContain('U000009');
    }
    const three = { ...WEEK, outOfOffice: [rep(9), rep(10), rep(11)] };
    expect(sectionTexts(buildStandingsPost(three).blocks, 'standings_away')).toEqual([
      ':palm_tree: 3 teammates away all week, not ranked',
    ]);
    expect(sectionTexts(buildStandingsPost({ ...WEEK, outOfOffice: [] }).blocks, 'standings_away')).toEqual(
      [],
    );
  });

  it('says how many sales in other currencies the revenue leaves out, in the post and in /ranking, naming nobody', () => {
    const contextTexts = (blocks: KnownBlock[]) =>
      blocks
        .filter((block) => block.type === 'context' && block.block_id === 'standings_uncounted')
        .map((block) => JSON.stringify(block));
    const uncounted = (
      value: WeeklyStandings['uncounted'],
      metric: WeeklyStandings['metric'] = 'revenue',
    ) => {
      const week = { ...WEEK, metric, uncounted: value };
      return [buildStandingsPost(week), buildStandingsSoFar(week, FINAL_POST)].map((message) =>
        contextTexts(message.blocks),
      );
    };
    for (const texts of uncounted({ sales: 2, currencies: ['GBP', 'USD'] })) {
      expect(texts).toHaveLength(1);
      expect(texts[0]).toContain('2 sales in other currencies are not counted (GBP, USD).');
      expect(texts[0]).not.toMatch(/<@|Rep \d/);
    }
    for (const texts of uncounted({ sales: 1, currencies: ['USD'] })) {
      expect(texts[0]).toContain('1 sale in another currency is not counted (USD).');
    }
    for (const texts of uncounted({ sales: 3, currencies: ['USD'] })) {
      expect(texts[0]).toContain('3 sales in another currency are not counted (USD).');
    }
    // Nothing left out, a count of deals (any currency counts), or a snapshot saved before the count.
    for (const texts of [
      ...uncounted({ sales: 0, currencies: [] }),
      ...uncounted({ sales: 2, currencies: ['USD'] }, 'deals'),
      ...uncounted(undefined),
    ]) {
      expect(texts).toEqual([]);
    }
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
        daysAsked: 7,
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

describe('ties and zeros', () => {
  const entry = (
    n: number,
    rank: number,
    figure: string,
    movement: StandingsEntry['movement'] = { kind: 'same' },
  ): StandingsEntry => ({ ...rep(n), rank, figure, movement, personalBest: false });

  it('marks a tie "=2" in the blocks, the notification text and the chart alike', () => {
    const post = buildStandingsPost(WEEK);
    expect(sectionTexts(post.blocks, 'standings_board')[0]).toContain('*=2* <@U000002>');
    expect(post.text).toContain('=2 Rep 2 EUR 2,500, =2 Rep 3 EUR 2,500');
    expect(buildStandingsSvg(WEEK)).toContain('>=2</text>');
    expect(buildStandingsSvg(WEEK)).not.toContain('>2=</text>');
  });

  it('lists the reps at zero together on one line, with no rank and no movement', () => {
    const week: WeeklyStandings = {
      ...WEEK,
      entries: [
        entry(1, 1, '900.00'),
        entry(2, 2, '500.00', { kind: 'up', places: 1 }),
        entry(3, 2, '500.00'),
        // Rank 4 shared by three zeros: Rep 4 "rose" from 5th by falling into the tie.
        entry(4, 4, '0.00', { kind: 'up', places: 1 }),
        entry(5, 4, '0.00', { kind: 'new' }),
        entry(6, 4, '0.00', { kind: 'down', places: 2 }),
      ],
      total: '1900.00',
    };
    const post = buildStandingsPost(week);
    expect(sectionTexts(post.blocks, 'standings_board')).toEqual([
      [
        '*1.* <@U000001> · *EUR 900* · –',
        '*=2* <@U000002> · *EUR 500* · ↑1',
        '*=2* <@U000003> · *EUR 500* · –',
      ].join('\n'),
    ]);
    expect(sectionTexts(post.blocks, 'standings_no_sale')).toEqual([
      'No sale this week: <@U000004>, <@U000005>, <@U000006>',
    ]);
    expect(JSON.stringify(post.blocks)).not.toContain('=4');
    expect(post.text).toBe(
      'Weekly standings · East · 16–22 Nov 2026: 1. Rep 1 EUR 900, =2 Rep 2 EUR 500, =2 Rep 3 EUR 500; team total EUR 1,900',
    );
    const deals = buildStandingsSoFar({ ...week, metric: 'deals' }, FINAL_POST);
    expect(sectionTexts(deals.blocks, 'standings_no_sale')).toEqual([
      'No deal this week yet: <@U000004>, <@U000005>, <@U000006>',
    ]);
  });

  it('names no leaders when nobody sold', () => {
    const week: WeeklyStandings = {
      ...WEEK,
      entries: [1, 2, 3].map((n) => entry(n, 1, '0.00', { kind: 'up', places: n })),
      total: '0.00',
      previousTotal: '5000.00',
    };
    const post = buildStandingsPost(week);
    expect(post.text).toBe('Weekly standings · East · 16–22 Nov 2026: no sales this week; team total EUR 0');
    expect(sectionTexts(post.blocks, 'standings_board')).toEqual([]);
    expect(sectionTexts(post.blocks, 'standings_no_sale')).toEqual([
      'No sale this week: <@U000001>, <@U000002>, <@U000003>',
    ]);
    expect(JSON.stringify(post.blocks)).not.toMatch(/=1|↑/);
    const soFar = buildStandingsSoFar(week, FINAL_POST);
    expect(soFar.text).toBe(
      'East so far this week (16–22 Nov 2026): no sales this week yet; team total EUR 0',
    );
  });

  it('keeps the zero line inside one section, counting the reps that do not fit', () => {
    const many = (zeros: number): WeeklyStandings => ({
      ...WEEK,
      entries: [
        ...Array.from({ length: 30 }, (_, i) => entry(i + 1, i + 1, String(1_000 - i))),
        ...Array.from({ length: zeros }, (_, i) => entry(31 + i, 31, '0', { kind: 'down', places: 3 })),
      ],
    });
    const hundred = buildStandingsPost(many(70));
    const [line] = sectionTexts(hundred.blocks, 'standings_no_sale');
    expect(line?.match(/<@U\d+>/g)).toHaveLength(70);
    expect(sectionTexts(hundred.blocks, 'standings_board').join('\n').split('\n')).toHaveLength(30);
    expect(JSON.stringify(hundred.blocks)).not.toMatch(/=31|↓3/);

    const crowd = buildStandingsPost(many(400));
    const zeroLines = sectionTexts(crowd.blocks, 'standings_no_sale');
    expect(zeroLines).toHaveLength(1);
    expect(zeroLines[0]!.length).toBeLessThanOrEqual(3000);
    const named = zeroLines[0]!.match(/<@U\d+>/g)?.length ?? 0;
    expect(named).toBeGreaterThan(100);
    expect(zeroLines[0]).toMatch(new RegExp(`<@U\\d+> and ${400 - named} more$`));
  });
});

describe('the chart alt text', () => {
  const entry = (n: number, rank: number, figure: string, name = `Rep ${n}`): StandingsEntry => ({
    ...rep(n),
    name,
    rank,
    figure,
    movement: { kind: 'same' },
    personalBest: false,
  });

  it('reads the board out: metric and currency, rank labels as posted, the zeros and the away counted', () => {
    const week: WeeklyStandings = {
      ...WEEK,
      currency: 'USD',
      entries: [
        entry(1, 1, '900.00', 'Ann'),
        entry(2, 2, '500.00', 'Bob'),
        entry(3, 2, '500.00', 'Cat'),
        entry(4, 4, '0.00', 'Dee'),
        entry(5, 4, '0.00', 'Eli'),
      ],
    };
    expect(chartAltText(week)).toBe(
      'Bar chart of revenue in USD this week: 1. Ann USD 900; =2 Bob USD 500; =2 Cat USD 500. 5 reps, 2 with no sale, 1 away all week.',
    );
    expect(
      chartAltText({ ...week, metric: 'deals', outOfOffice: [], entries: [entry(1, 1, '3', 'Ann')] }),
    ).toBe('Bar chart of deals closed this week: 1. Ann 3 deals. 1 rep.');
  });

  it('says nobody sold rather than ranking zeros', () => {
    const week: WeeklyStandings = {
      ...WEEK,
      outOfOffice: [],
      entries: [entry(1, 1, '0.00'), entry(2, 1, '0.00')],
    };
    expect(chartAltText(week)).toBe(
      'Bar chart of revenue in EUR this week: no sales. 2 reps, 2 with no sale.',
    );
  });

  it('stops at whole rows inside the limit for a team of 100 reps with long names, and keeps the counts', () => {
    const week: WeeklyStandings = {
      ...WEEK,
      entries: Array.from({ length: 100 }, (_, i) =>
        entry(i + 1, i + 1, String(100_000 - i), `${'Bartholomew-Maximilian '.repeat(4)}${i + 1}`),
      ),
    };
    const alt = chartAltText(week);
    expect(alt.length).toBeLessThanOrEqual(CHART_ALT_TEXT_CHARACTERS);
    expect(alt).toMatch(
      /^Bar chart of revenue in EUR this week: 1\. Bartholomew-Maximilian .{16}… EUR 100,000; 2\. /,
    );
    expect(alt).toMatch(/ EUR [\d,]+; …\. 100 reps, 1 away all week\.$/);
  });
});

describe('the effort board never cuts inside a tie', () => {
  const effort = (n: number, rank: number, daysTried: number): EffortEntry => ({
    ...rep(n),
    rank,
    daysTried,
    daysAnswered: daysTried,
    daysAsked: 5,
  });
  const lines = (entries: EffortEntry[]) =>
    sectionTexts(buildStandingsPost({ ...WEEK, effort: entries }).blocks, 'standings_effort_')
      .join('\n')
      .split('\n');

  it('shows the whole tie at the cut', () => {
    // 17 reps tried all five days, 3 tried fewer.
    const board = lines([
      ...Array.from({ length: 17 }, (_, i) => effort(i + 1, 1, 5)),
      ...[18, 19, 20].map((n) => effort(n, 18, 2)),
    ]);
    expect(board).toHaveLength(18);
    expect(board.filter((line) => line.startsWith('*=1*'))).toHaveLength(17);
    expect(board.at(-1)).toBe('_…and 3 more_');

    // Nine places, then five tied 10th: all five shown, the three behind them not.
    const tenth = lines([
      ...Array.from({ length: 9 }, (_, i) => effort(i + 1, i + 1, 5)),
      ...Array.from({ length: 5 }, (_, i) => effort(10 + i, 10, 1)),
      ...[15, 16, 17].map((n) => effort(n, 15, 0)),
    ]);
    expect(tenth.filter((line) => line.startsWith('*=10*'))).toHaveLength(5);
    expect(tenth.at(-1)).toBe('_…and 3 more_');
  });

  it(`shows a tie too big to list (past ${EFFORT_BOARD_MOST} lines) as one counted line, never in part`, () => {
    const board = lines([
      ...Array.from({ length: 5 }, (_, i) => effort(i + 1, i + 1, 5)),
      ...Array.from({ length: 30 }, (_, i) => effort(6 + i, 6, 3)),
      ...[36, 37].map((n) => effort(n, 36, 0)),
    ]);
    expect(board).toEqual([
      '*1.* <@U000001> · tried 5 of 5 days asked · answered 5',
      '*2.* <@U000002> · tried 5 of 5 days asked · answered 5',
      '*3.* <@U000003> · tried 5 of 5 days asked · answered 5',
      '*4.* <@U000004> · tried 5 of 5 days asked · answered 5',
      '*5.* <@U000005> · tried 5 of 5 days asked · answered 5',
      '*=6* 30 teammates · tried 3 days · answered 3 each',
      '_…and 2 more_',
    ]);
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

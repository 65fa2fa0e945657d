import { describe, expect, it } from 'vitest';
import type { RepWeek } from '../../../src/domain/rankings/rep-week.js';
import type { WeeklyStandings } from '../../../src/domain/rankings/standings.js';
import { ordinal, repWeekBlocks } from '../../../src/slack/views/rep-week.js';

const standings = (overrides: Partial<WeeklyStandings> = {}): WeeklyStandings => ({
  teamId: 1,
  teamName: 'Sales & Co',
  metric: 'revenue',
  currency: 'EUR',
  weekStart: '2026-12-07',
  weekEnd: '2026-12-13',
  entries: [
    {
      personId: 1,
      slackUserId: 'UA',
      name: 'A',
      rank: 1,
      figure: '900.00',
      movement: { kind: 'up', places: 2 },
      personalBest: true,
    },
    {
      personId: 2,
      slackUserId: 'UB',
      name: 'B',
      rank: 2,
      figure: '500.00',
      movement: { kind: 'same' },
      personalBest: false,
    },
    {
      personId: 3,
      slackUserId: 'UC',
      name: 'C',
      rank: 2,
      figure: '500.00',
      movement: { kind: 'new' },
      personalBest: false,
    },
  ],
  effort: [
    { personId: 2, slackUserId: 'UB', name: 'B', rank: 1, daysTried: 1, daysAnswered: 3, daysAsked: 4 },
  ],
  outOfOffice: [{ personId: 4, slackUserId: 'UD', name: 'D' }],
  total: '1900.00',
  previousTotal: null,
  ...overrides,
});

const week = (slackUserId: string, overrides: Partial<RepWeek> = {}): RepWeek => ({
  slackUserId,
  standings: standings(),
  streaks: { tried: 0, answered: 0 },
  ...overrides,
});

const texts = (blocks: unknown[]) => JSON.stringify(blocks);

describe('repWeekBlocks', () => {
  it('names the rank in words, the figure in the team’s currency, the movement and a personal best', () => {
    const json = texts(repWeekBlocks(week('UA', { streaks: { tried: 3, answered: 3 } })));
    expect(json).toContain(
      '*1st* of 3 in *Sales &amp; Co* so far · *EUR 900* · up 2 places on last week · :star2: personal best',
    );
    expect(json).toContain(':fire: Tried 3 workdays in a row · answered 3 workdays in a row');
  });

  it('says a shared rank is tied, and the effort with singular and plural days', () => {
    const json = texts(repWeekBlocks(week('UB', { streaks: { tried: 0, answered: 1 } })));
    expect(json).toContain(
      '*2nd* (tied) of 3 in *Sales &amp; Co* so far · *EUR 500* · same place as last week',
    );
    expect(json).toContain('Tried on 1 day and answered on 3 days this week.');
    expect(json).toContain('Answered 1 workday in a row');
    // A rep new to the board has no movement to show.
    expect(texts(repWeekBlocks(week('UC')))).not.toContain('last week');
  });

  it('says a rep away all week is not ranked, and counts deals for a team ranked by deals', () => {
    expect(texts(repWeekBlocks(week('UD')))).toContain(
      'Out of office or paused all week, so not ranked in *Sales &amp; Co* this week.',
    );
    const byDeals = standings({
      metric: 'deals',
      entries: [
        {
          personId: 1,
          slackUserId: 'UA',
          name: 'A',
          rank: 1,
          figure: '1',
          movement: { kind: 'new' },
          personalBest: false,
        },
      ],
    });
    expect(texts(repWeekBlocks(week('UA', { standings: byDeals })))).toContain(
      '*1st* of 1 in *Sales &amp; Co* so far · *1 deal*',
    );
  });

  it('shows only the streak for a rep on no team', () => {
    const blocks = repWeekBlocks(week('UA', { standings: undefined })) as Array<{ block_id?: string }>;
    expect(blocks.map((block) => block.block_id)).toEqual(['home_week_header', 'home_week_streak']);
    expect(texts(blocks)).toContain('No streak running: answer your next prompt to start one.');
  });

  it('writes ordinals as people read them', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111, 112].map(ordinal)).toEqual([
      '1st',
      '2nd',
      '3rd',
      '4th',
      '11th',
      '12th',
      '13th',
      '21st',
      '22nd',
      '23rd',
      '101st',
      '111th',
      '112th',
    ]);
  });
});

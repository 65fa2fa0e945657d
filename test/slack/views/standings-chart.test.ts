import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import type { StandingsEntry, WeeklyStandings } from '../../../src/domain/rankings/standings.js';
import {
  buildStandingsSvg,
  CHART_LAYOUT,
  chartHeight,
  renderStandingsChart,
} from '../../../src/slack/views/standings-chart.js';

function entry(rank: number, name: string, figure: string): StandingsEntry {
  return {
    personId: rank * 10 + name.length,
    slackUserId: `U${name.toUpperCase().replace(/\W/g, '')}`,
    name,
    rank,
    figure,
    movement: { kind: 'same' },
    personalBest: false,
  };
}

function standings(entries: StandingsEntry[]): WeeklyStandings {
  return {
    teamId: 1,
    teamName: 'East <& Co>',
    metric: 'revenue',
    currency: 'EUR',
    weekStart: '2026-11-16',
    weekEnd: '2026-11-22',
    entries,
    effort: [],
    outOfOffice: [],
    total: entries.reduce((sum, e) => sum + Number(e.figure), 0).toFixed(2),
    previousTotal: null,
  };
}

const BAR = {
  r: Number.parseInt(CHART_LAYOUT.barColor.slice(1, 3), 16),
  g: Number.parseInt(CHART_LAYOUT.barColor.slice(3, 5), 16),
  b: Number.parseInt(CHART_LAYOUT.barColor.slice(5, 7), 16),
};

/** Bar-coloured pixels along the middle line of each row, counted from the left edge of the bars. */
function measuredBars(png: PNG, rows: number): number[] {
  return Array.from({ length: rows }, (_, row) => {
    const y = CHART_LAYOUT.headerHeight + row * CHART_LAYOUT.rowHeight + CHART_LAYOUT.rowHeight / 2;
    let count = 0;
    for (let x = 0; x < png.width; x++) {
      const at = (png.width * y + x) * 4;
      if (png.data[at] === BAR.r && png.data[at + 1] === BAR.g && png.data[at + 2] === BAR.b) count++;
    }
    return count;
  });
}

describe('the standings chart', () => {
  const team = standings([
    entry(1, 'Ana García', '5000.00'),
    entry(2, 'Bob', '2500.00'),
    entry(2, 'Chidi Anagonye with a very long name indeed', '2500.00'),
    entry(4, 'Dee', '1250.50'),
    entry(5, 'Eve', '0.00'),
  ]);

  it('is a PNG of the designed size', () => {
    const bytes = renderStandingsChart(team);
    expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const png = PNG.sync.read(bytes);
    expect(png.width).toBe(CHART_LAYOUT.width);
    expect(png.height).toBe(chartHeight(5));
  });

  it('draws bars in proportion to the figures, the leader at full length, nothing for zero', () => {
    const png = PNG.sync.read(renderStandingsChart(team));
    const bars = measuredBars(png, 5);
    expect(bars[0]).toBe(CHART_LAYOUT.barMaxWidth);
    const expected = team.entries.map((e) => (Number(e.figure) / 5000) * CHART_LAYOUT.barMaxWidth);
    for (const [index, length] of bars.entries()) {
      expect(Math.abs(length - expected[index]!)).toBeLessThanOrEqual(1);
    }
    expect(bars[4]).toBe(0);
  });

  it('grows one row per rep up to the top ten, then one line says how many more the post lists', () => {
    const reps = (count: number) =>
      standings(Array.from({ length: count }, (_, i) => entry(i + 1, `Rep ${i + 1}`, String(1000 - i * 10))));
    const two = PNG.sync.read(renderStandingsChart(reps(2)));
    const ten = PNG.sync.read(renderStandingsChart(reps(10)));
    const hundred = PNG.sync.read(renderStandingsChart(reps(100)));
    expect(CHART_LAYOUT.maxRows).toBe(10);
    expect(ten.height - two.height).toBe(8 * CHART_LAYOUT.rowHeight);
    expect(hundred.height - ten.height).toBe(CHART_LAYOUT.rowHeight);
    // The tenth bar is drawn to scale; the row under it holds text, no bar.
    const bars = measuredBars(hundred, 11);
    expect(bars[9]).toBe(Math.round((910 / 1000) * CHART_LAYOUT.barMaxWidth));
    expect(bars[10]).toBe(0);
    const y = CHART_LAYOUT.headerHeight + 10 * CHART_LAYOUT.rowHeight + CHART_LAYOUT.rowHeight / 2;
    let ink = 0;
    for (let x = 0; x < CHART_LAYOUT.barLeft; x++) {
      const at = (hundred.width * y + x) * 4;
      if (hundred.data[at]! < 200) ink++;
    }
    expect(ink).toBeGreaterThan(10);
  });

  it('writes text: the rows hold dark pixels left of the bars (rank and name)', () => {
    const png = PNG.sync.read(renderStandingsChart(team));
    const y = CHART_LAYOUT.headerHeight + CHART_LAYOUT.rowHeight / 2;
    let dark = 0;
    for (let x = 0; x < CHART_LAYOUT.barLeft; x++) {
      const at = (png.width * y + x) * 4;
      if (png.data[at]! < 128 && png.data[at + 1]! < 128 && png.data[at + 2]! < 128) dark++;
    }
    expect(dark).toBeGreaterThan(10);
  });

  it('labels the week and each bar as the post does, escaped for SVG and never for mrkdwn', () => {
    const texts = [...buildStandingsSvg(team).matchAll(/<text [^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(texts.slice(0, 2)).toEqual([
      'East &lt;&amp; Co&gt; · weekly standings',
      '16–22 Nov 2026 · Revenue (EUR)',
    ]);
    expect(texts.filter((text) => text?.startsWith('EUR '))).toEqual([
      'EUR 5,000',
      'EUR 2,500',
      'EUR 2,500',
      'EUR 1,250.50',
      'EUR 0',
    ]);
  });

  it('gives the same bytes for the same standings', () => {
    expect(renderStandingsChart(team).equals(renderStandingsChart(team))).toBe(true);
  });

  it('says so when nobody sold, in a one-row chart', () => {
    const png = PNG.sync.read(renderStandingsChart(standings([])));
    expect(png.height).toBe(chartHeight(0));
    expect(measuredBars(png, 1)).toEqual([0]);
  });
});

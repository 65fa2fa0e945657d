import { fileURLToPath } from 'node:url';
import { Resvg } from '@resvg/resvg-js';
import type { WeeklyStandings } from '../../domain/rankings/standings.js';
import { formatDateRange } from './dates.js';
import { formatFigure, rankLabel, tiedRanks } from './standings.js';

/**
 * The weekly standings as a horizontal bar chart, drawn as SVG and rasterised to PNG by resvg, with
 * no browser. The font ships in assets/fonts and system fonts are never loaded, so the same
 * standings give the same bytes on any machine.
 */

/** Where everything sits, in pixels; the test measures the PNG against these. */
export const CHART_LAYOUT = {
  width: 880,
  /** Title and subtitle above the first bar. */
  headerHeight: 72,
  rowHeight: 30,
  footerHeight: 16,
  /** Bars start here; rank and name are drawn left of it. */
  barLeft: 300,
  /** The leader's bar; every other bar is in proportion to its figure. */
  barMaxWidth: 440,
  barHeight: 20,
  barColor: '#2f6fd6',
  background: '#ffffff',
  /**
   * The chart draws the top of the standings; the post lists everyone. Past a dozen rows Slack shows
   * a tall image as an unreadable strip, and every row costs about 2 ms of rendering (100 teams of
   * 100 reps: 19 s of charts against 2.4 s at 10 rows; bench/RESULTS.md, "Rankings").
   */
  maxRows: 10,
} as const;

const FONT_FAMILY = 'DejaVu Sans';
/** Resolved from this module, so the font is found from src/ (tsx) and from dist/src/ alike. */
const FONT_FILE = fileURLToPath(new URL('../../../assets/fonts/DejaVuSans.ttf', import.meta.url));
/** Longer names are cut so they never run into the bars. */
const NAME_CHARACTERS = 26;

function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function clipName(name: string): string {
  const characters = [...name];
  return characters.length <= NAME_CHARACTERS
    ? name
    : `${characters.slice(0, NAME_CHARACTERS - 1).join('')}…`;
}

/**
 * Height grows with the reps up to maxRows: one row each (one empty row saying so when nobody is
 * ranked), and one more naming how many the post lists beyond them.
 */
export function chartHeight(entries: number): number {
  const { headerHeight, rowHeight, footerHeight, maxRows } = CHART_LAYOUT;
  const rows = Math.max(1, Math.min(entries, maxRows)) + (entries > maxRows ? 1 : 0);
  return headerHeight + rows * rowHeight + footerHeight;
}

/** Whole pixels, so a bar's edge is crisp and its length is what the figure says. */
export function barWidth(figure: number, leader: number): number {
  if (!(leader > 0) || !(figure > 0)) return 0;
  return Math.round((figure / leader) * CHART_LAYOUT.barMaxWidth);
}

export function buildStandingsSvg(standings: WeeklyStandings): string {
  const L = CHART_LAYOUT;
  const height = chartHeight(standings.entries.length);
  const leader = Math.max(0, ...standings.entries.map((entry) => Number(entry.figure)));
  const tied = tiedRanks(standings.entries.map((entry) => entry.rank));
  const what = standings.metric === 'deals' ? 'Deals closed' : `Revenue (${standings.currency})`;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${L.width}" height="${height}" viewBox="0 0 ${L.width} ${height}" font-family="${FONT_FAMILY}">`,
    `<rect x="0" y="0" width="${L.width}" height="${height}" fill="${L.background}"/>`,
    `<text x="20" y="32" font-size="20" fill="#1d1c1d">${escapeXml(`${standings.teamName} · weekly standings`)}</text>`,
    `<text x="20" y="56" font-size="13" fill="#616061">${escapeXml(`${formatDateRange(standings.weekStart, standings.weekEnd)} · ${what}`)}</text>`,
  ];
  if (standings.entries.length === 0) {
    parts.push(
      `<text x="20" y="${L.headerHeight + 20}" font-size="14" fill="#616061">No ${standings.metric === 'deals' ? 'deals' : 'sales'} this week.</text>`,
    );
  }
  const drawn = standings.entries.slice(0, L.maxRows);
  drawn.forEach((entry, index) => {
    const top = L.headerHeight + index * L.rowHeight;
    const barTop = top + Math.round((L.rowHeight - L.barHeight) / 2);
    const baseline = top + L.rowHeight / 2 + 5;
    const width = barWidth(Number(entry.figure), leader);
    const label = formatFigure(entry.figure, standings.metric, standings.currency);
    parts.push(
      `<text x="20" y="${baseline}" font-size="14" fill="#1d1c1d">${escapeXml(rankLabel(entry.rank, tied))}</text>`,
      `<text x="56" y="${baseline}" font-size="14" fill="#1d1c1d">${escapeXml(clipName(entry.name))}</text>`,
    );
    if (width > 0) {
      parts.push(
        `<rect x="${L.barLeft}" y="${barTop}" width="${width}" height="${L.barHeight}" fill="${L.barColor}" shape-rendering="crispEdges"/>`,
      );
    }
    parts.push(
      `<text x="${L.barLeft + width + 8}" y="${baseline}" font-size="13" fill="#1d1c1d">${escapeXml(label)}</text>`,
    );
  });
  const more = standings.entries.length - drawn.length;
  if (more > 0) {
    parts.push(
      `<text x="20" y="${L.headerHeight + drawn.length * L.rowHeight + L.rowHeight / 2 + 5}" font-size="13" fill="#616061">…and ${more} more: the post lists everyone.</text>`,
    );
  }
  parts.push('</svg>');
  return parts.join('\n');
}

/** The chart as PNG bytes. */
export function renderStandingsChart(standings: WeeklyStandings): Buffer {
  const resvg = new Resvg(buildStandingsSvg(standings), {
    font: { fontFiles: [FONT_FILE], loadSystemFonts: false, defaultFontFamily: FONT_FAMILY },
    fitTo: { mode: 'original' },
  });
  return resvg.render().asPng();
}

import { describe, expect, it } from 'vitest';
import {
  buildTourView,
  nextTourStep,
  parseTourPage,
  TOUR_CALLBACK_ID,
  TOUR_PAGE_COUNT,
  tourViewJson,
} from '../../../src/slack/views/tour.js';

describe('tour view builder and parser', () => {
  const pages = Array.from({ length: TOUR_PAGE_COUNT }, (_, page) => buildTourView(page));

  it('builds one modal per page that carries its page number', () => {
    expect(TOUR_PAGE_COUNT).toBe(3);
    for (const [page, view] of pages.entries()) {
      expect(view).toMatchObject({ type: 'modal', callback_id: TOUR_CALLBACK_ID });
      expect(parseTourPage(view.private_metadata ?? '')).toBe(page);
    }
  });

  it('calls the weekly board the standings, in the team’s metric, not revenue alone', () => {
    const week = JSON.stringify(pages.at(-1)?.blocks);
    expect(week).toContain("on your team's day, your team channel gets the standings: revenue or deals won");
    expect(week).not.toContain('scoreboard');
    // The standings are the one thing the team sees.
    expect(week).toContain('only the standings are shown to the team');
  });

  it('labels the button Next until the last page, which says Done', () => {
    expect(pages.map((view) => view.submit?.text)).toEqual(['Next', 'Next', 'Done']);
  });

  it('stays within Slack’s modal limits', () => {
    for (const view of pages) {
      expect(view.title.text.length).toBeLessThanOrEqual(24);
      expect(view.blocks.length).toBeLessThanOrEqual(100);
      expect(JSON.stringify(view.blocks)).not.toMatch(/"text":"[^"]{3001,}"/);
    }
  });

  it('refuses pages that do not exist', () => {
    expect(() => buildTourView(TOUR_PAGE_COUNT)).toThrow(RangeError);
  });

  it.each(['', 'not json', '{"page":-1}', '{"page":3}', '{"page":"1"}', '{"page":1.5}', 'null'])(
    'parses %j as no page',
    (metadata) => {
      expect(parseTourPage(metadata)).toBeUndefined();
    },
  );

  it('still reads page metadata written differently from ours', () => {
    expect(parseTourPage('{ "page": 1 }')).toBe(1);
  });

  it('shares one frozen view per page', () => {
    expect(buildTourView(1)).toBe(pages[1]);
    expect(Object.isFrozen(pages[1]?.blocks[0])).toBe(true);
  });

  it('gives each page as JSON text for Web API calls', () => {
    for (const [page, view] of pages.entries()) expect(JSON.parse(tourViewJson(page))).toEqual(view);
    expect(() => tourViewJson(TOUR_PAGE_COUNT)).toThrow(RangeError);
  });

  it('steps from each page to the next and closes after the last', () => {
    expect(nextTourStep('{"page":0}')).toEqual({ next: 'page', view: pages[1] });
    expect(nextTourStep('{"page":1}')).toEqual({ next: 'page', view: pages[2] });
    expect(nextTourStep('{"page":2}')).toEqual({ next: 'close' });
    expect(nextTourStep('garbage')).toEqual({ next: 'close' });
  });
});

import type { KnownBlock, ModalView } from '@slack/types';
import { z } from 'zod';
import { constant } from './constant.js';
import { readJsonMetadata } from './metadata.js';

export const TOUR_OPEN_ACTION_ID = 'tour_open';
export const TOUR_CALLBACK_ID = 'tour_step';

const TOUR_PAGES: ReadonlyArray<{ title: string; body: string }> = [
  {
    title: 'Every workday',
    body:
      'Each workday morning, in your own time zone, I ask one question: *Did you sell anything yesterday?* ' +
      'Yes → what, how much, and what the customer did that made them decide. No → *Did you try?* and what ' +
      'happened or what got in the way. It takes a minute.',
  },
  {
    title: 'Once a month',
    body:
      'Your manager runs `/dealreview` with you: results next to the team, new and moving opportunities, ' +
      'deals closing in the next 30 days (what has the *customer* done?), and next steps you both agree on. ' +
      'I follow those next steps up with you.',
  },
  {
    title: 'Every week',
    body:
      "Once a week, on your team's day, your team channel gets the standings: revenue or deals won, as your " +
      'team counts them, with movement and personal bests, and an effort board (days tried, days answered), ' +
      'so everyone has a way up. Your answers stay private to you, your manager and admins; only the ' +
      'standings are shown to the team.',
  },
];

export const TOUR_PAGE_COUNT = TOUR_PAGES.length;

const tourMetadata = z.object({
  page: z
    .number()
    .int()
    .min(0)
    .max(TOUR_PAGES.length - 1),
});

/** One page of the tour modal; "Next" submits to the next page, the last page's "Done" closes it. */
function tourPage(page: number, content: { title: string; body: string }): ModalView {
  const isLast = page === TOUR_PAGES.length - 1;
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: content.body } },
    {
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `${page + 1} of ${TOUR_PAGES.length} · ${content.title}` }],
    },
  ];
  return {
    type: 'modal',
    callback_id: TOUR_CALLBACK_ID,
    title: { type: 'plain_text', text: 'Sales Coach tour' },
    submit: { type: 'plain_text', text: isLast ? 'Done' : 'Next' },
    close: { type: 'plain_text', text: 'Close' },
    private_metadata: JSON.stringify({ page }),
    blocks,
  };
}

// The pages depend on nothing but their number, and every click or submission answers with one of them:
// built once instead of per request. Web API calls get the JSON text: WebClient sends a string argument
// as it is, where it would walk an object twice (once for a debug line it builds even when debug logging
// is off, once to serialize it).
const TOUR_VIEWS: readonly ModalView[] = constant(TOUR_PAGES.map((content, page) => tourPage(page, content)));
const TOUR_VIEW_JSON: readonly string[] = TOUR_VIEWS.map((view) => JSON.stringify(view));
const PAGE_BY_METADATA = new Map(TOUR_VIEWS.map((view, page) => [view.private_metadata, page]));

export function buildTourView(page: number): ModalView {
  const view = TOUR_VIEWS[page];
  if (view === undefined) throw new RangeError(`tour page ${page} does not exist`);
  return view;
}

/** The same page as JSON text, for a Web API `view` argument. */
export function tourViewJson(page: number): string {
  const json = TOUR_VIEW_JSON[page];
  if (json === undefined) throw new RangeError(`tour page ${page} does not exist`);
  return json;
}

/** The page a submitted tour view was showing, or undefined for metadata we did not write. */
export function parseTourPage(privateMetadata: string): number | undefined {
  // Submissions carry back exactly what we wrote; anything else goes through the schema.
  const known = PAGE_BY_METADATA.get(privateMetadata);
  if (known !== undefined) return known;
  return readJsonMetadata(tourMetadata, privateMetadata)?.page;
}

export type TourSubmission = { next: 'close' } | { next: 'page'; view: ModalView };

/** What submitting a tour page leads to. */
export function nextTourStep(privateMetadata: string): TourSubmission {
  const page = parseTourPage(privateMetadata);
  if (page === undefined || page >= TOUR_PAGES.length - 1) return { next: 'close' };
  return { next: 'page', view: buildTourView(page + 1) };
}

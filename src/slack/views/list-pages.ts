import type { Button, KnownBlock } from '@slack/types';
import { mrkdwn, plain } from './mrkdwn.js';

/**
 * Rows a page of a list modal shows; Previous and Next reach the others. A modal holds 100 blocks:
 * this leaves room for the header, the count and the buttons, and keeps a page readable.
 */
export const LIST_PAGE_ROWS = 40;

/**
 * What a list longer than a page adds around its rows: above them, which ones are shown ("Showing
 * 41–80 of 93, closing soonest first"); below them, ‹ Previous and Next N ›. Nothing for a list that
 * fits on one page.
 */
export function listPageBlocks(page: {
  offset: number;
  shown: number;
  total: number;
  /** How the rows are ordered, as the count line says it: "closing soonest first". */
  order: string;
  blockIds: { showing: string; pages: string };
  actions: { previous: string; next: string };
}): { showing: KnownBlock[]; pages: KnownBlock[] } {
  const first = page.offset + 1;
  const last = page.offset + page.shown;
  const paged = page.offset > 0 || last < page.total;
  const showing: KnownBlock[] =
    paged && page.shown > 0
      ? [
          {
            type: 'context',
            block_id: page.blockIds.showing,
            elements: [mrkdwn(`Showing ${first}–${last} of ${page.total}, ${page.order}`)],
          },
        ]
      : [];
  const buttons: Button[] = [];
  const button = (actionId: string, text: string): Button => ({
    type: 'button',
    action_id: actionId,
    text: plain(text),
  });
  if (page.offset > 0) buttons.push(button(page.actions.previous, '‹ Previous'));
  if (last < page.total) {
    buttons.push(button(page.actions.next, `Next ${Math.min(LIST_PAGE_ROWS, page.total - last)} ›`));
  }
  const pages: KnownBlock[] =
    buttons.length > 0 ? [{ type: 'actions', block_id: page.blockIds.pages, elements: buttons }] : [];
  return { showing, pages };
}

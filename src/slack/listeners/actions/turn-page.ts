import type { ModalView } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { isSlackError } from '../../slack-errors.js';

/** The modal a page button was clicked in, as the click's payload carries it. */
interface ClickedList {
  id: string;
  hash?: string;
  private_metadata: string;
}

/**
 * "‹ Previous" (`step` -1) or "Next ›" (`step` 1) in a paged list modal: draws the page before or
 * after the one shown, in the same modal. The update carries the clicked view's hash, so a click on a
 * list drawn again since (a second click, a change made from it) leaves the newer list as it is.
 */
export async function turnPage<Shown extends { offset: number }>(
  client: WebClient,
  clicked: ClickedList | undefined,
  turn: {
    step: -1 | 1;
    rowsPerPage: number;
    /** What the list shows, from its metadata; undefined for a view the bot did not draw. */
    parse: (privateMetadata: string) => Shown | undefined;
    draw: (shown: Shown, offset: number) => Promise<ModalView>;
  },
): Promise<void> {
  const shown = clicked && turn.parse(clicked.private_metadata);
  // Not a list the bot drew: nothing to turn.
  if (clicked === undefined || shown === undefined) return;
  const view = await turn.draw(shown, Math.max(0, shown.offset + turn.step * turn.rowsPerPage));
  try {
    await client.views.update({ view_id: clicked.id, ...(clicked.hash ? { hash: clicked.hash } : {}), view });
  } catch (error) {
    if (!isSlackError(error, 'hash_conflict')) throw error;
  }
}

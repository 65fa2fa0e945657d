import type { Button, KnownBlock, ModalView } from '@slack/types';
import { z } from 'zod';
import { daysBetween } from '../../domain/coaching/schedule.js';
import {
  type FollowUp,
  type FollowUpDay,
  type FollowUps,
  HOME_LIST_MAX,
  type OpenCommitment,
  type OpenCommitmentsPage,
} from '../../domain/deal-review/follow-ups.js';
import { formatDate, formatWeekday } from './dates.js';
import { LIST_PAGE_ROWS, listPageBlocks } from './list-pages.js';
import { readJsonMetadata } from './metadata.js';
import { oneLine } from './mrkdwn.js';
import { plural } from './plural.js';
import { parseRowId, rowId } from './row-ids.js';

/**
 * Commitment follow-ups: the lines a daily DM or a digest asks with, the Home tab's list, and the
 * whole list its "See all" opens.
 */

export const FOLLOW_UP_ACTIONS = {
  done: 'follow_up_done',
  notYet: 'follow_up_not_yet',
  /** The Done button of the Home tab's list, which redraws the tab instead of a message. */
  homeDone: 'home_commitment_done',
  /** "See all N" next to the Home's "…and N more": the clicker's own whole list, in a modal. */
  seeAll: 'home_commitments_see_all',
} as const;

/** block_ids; a line's ids end with its commitment id, so an answer can swap exactly that line. */
export const FOLLOW_UP_BLOCKS = {
  divider: 'follow_ups_divider',
  linePrefix: 'follow_up_',
  buttonsPrefix: 'follow_up_buttons_',
  more: 'follow_ups_more',
  homeHeader: 'home_commitments_header',
  homePrefix: 'home_commitment_',
  homeMore: 'home_commitments_more',
} as const;

/** The longest commitment text shown on one line; the review keeps it whole. */
const TEXT_MAX = 300;

/** The commitment id a Done / Not yet button carries, or undefined for anything else. */
export const parseCommitmentReference = parseRowId;

const reference = (commitmentId: string) => rowId(commitmentId, 'commitment');

/**
 * A due date as the owner says it on `today`: "today", "tomorrow", "Friday" within the coming week,
 * "yesterday", "last Friday" within the past one, the date beyond.
 */
export function dueDayPhrase(today: string, dueOn: string): string {
  const days = daysBetween(today, dueOn);
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  if (days === -1) return 'yesterday';
  const weekday = formatWeekday(dueOn);
  if (days > 1 && days <= 6) return weekday;
  if (days < -1 && days >= -6) return `last ${weekday}`;
  return formatDate(dueOn);
}

function askAgainPhrase(day: FollowUpDay): string {
  const days = daysBetween(day.today, day.askAgainOn);
  if (days === 1) return 'tomorrow';
  return days > 1 && days <= 6 ? `on ${formatWeekday(day.askAgainOn)}` : 'on your next workday';
}

/** One commitment's line: the question, or the owner's answer to it. */
export function followUpLine(day: FollowUpDay, item: FollowUp): string {
  const text = `*${oneLine(item.text, TEXT_MAX)}*`;
  switch (item.answer) {
    case 'done':
      return `${text} — Done ✓`;
    case 'not_yet':
      return `${text} — Not yet — I'll ask again ${askAgainPhrase(day)}`;
    case null: {
      const late = daysBetween(item.dueOn, day.today);
      const overdue = late > 0 ? ` (${plural(late, 'day')} overdue)` : '';
      return `You agreed to ${text} by ${dueDayPhrase(day.today, item.dueOn)}${overdue} — done?`;
    }
  }
}

function button(text: string, actionId: string, value?: string, primary = false): Button {
  return {
    type: 'button',
    action_id: actionId,
    text: { type: 'plain_text', text },
    ...(value === undefined ? {} : { value }),
    ...(primary ? { style: 'primary' as const } : {}),
  };
}

/** The line, and while it is a question, its Done / Not yet buttons. */
function itemBlocks(day: FollowUpDay, item: FollowUp): KnownBlock[] {
  const id = reference(item.commitmentId);
  const line: KnownBlock = {
    type: 'section',
    block_id: `${FOLLOW_UP_BLOCKS.linePrefix}${id}`,
    text: { type: 'mrkdwn', text: followUpLine(day, item) },
  };
  if (item.answer !== null) return [line];
  return [
    line,
    {
      type: 'actions',
      block_id: `${FOLLOW_UP_BLOCKS.buttonsPrefix}${id}`,
      elements: [
        button('Done', FOLLOW_UP_ACTIONS.done, id, true),
        button('Not yet', FOLLOW_UP_ACTIONS.notYet, id),
      ],
    },
  ];
}

/**
 * "…and N more": all of them on the Home tab when it lists that many, else only the soonest are
 * there (the Home tab lists HOME_LIST_MAX open commitments, soonest due first; the ones coming due
 * here are the soonest of all).
 */
function moreLine(followUps: FollowUps): string {
  return followUps.items.length + followUps.more <= HOME_LIST_MAX
    ? `…and ${followUps.more} more on your Home tab.`
    : `…and ${followUps.more} more coming due. Your Home tab lists the ${HOME_LIST_MAX} due soonest; See all there lists every one.`;
}

/** The follow-ups of a DM, with how many more are coming due; nothing when there are none. */
export function buildFollowUpBlocks(followUps: FollowUps | undefined): KnownBlock[] {
  if (followUps === undefined || followUps.items.length === 0) return [];
  const blocks = followUps.items.flatMap((item) => itemBlocks(followUps, item));
  if (followUps.more > 0) {
    blocks.push({
      type: 'context',
      block_id: FOLLOW_UP_BLOCKS.more,
      elements: [{ type: 'mrkdwn', text: moreLine(followUps) }],
    });
  }
  return blocks;
}

const messageBlocks = z.array(z.looseObject({ block_id: z.string().optional() }));

/**
 * The blocks of a posted message with one commitment's line redrawn (its buttons gone once it is
 * answered), whatever else the message holds. Undefined when the message has no such line.
 */
export function withFollowUpAnswered(
  posted: unknown,
  day: FollowUpDay,
  item: FollowUp,
): KnownBlock[] | undefined {
  const parsed = messageBlocks.safeParse(posted);
  if (!parsed.success) return undefined;
  const lineId = `${FOLLOW_UP_BLOCKS.linePrefix}${item.commitmentId}`;
  const buttonsId = `${FOLLOW_UP_BLOCKS.buttonsPrefix}${item.commitmentId}`;
  const blocks = parsed.data.filter((block) => block.block_id !== buttonsId);
  const at = blocks.findIndex((block) => block.block_id === lineId);
  if (at < 0) return undefined;
  // The posted blocks come back from Slack as it stores them: passed on as they are.
  return [
    ...(blocks.slice(0, at) as unknown as KnownBlock[]),
    ...itemBlocks(day, item),
    ...(blocks.slice(at + 1) as unknown as KnownBlock[]),
  ];
}

/**
 * One open commitment with its due date, marked when it is past the owner's `today`, and a Done
 * button carrying its id: the same on the Home tab and in the whole list.
 */
function commitmentRow(
  today: string,
  item: OpenCommitment,
  blockPrefix: string,
  doneAction: string,
): KnownBlock {
  const id = reference(item.commitmentId);
  const late = daysBetween(item.dueOn, today) > 0 ? ' · :warning: overdue' : '';
  return {
    type: 'section',
    block_id: `${blockPrefix}${id}`,
    text: { type: 'mrkdwn', text: `*${oneLine(item.text, TEXT_MAX)}*\nDue ${formatDate(item.dueOn)}${late}` },
    accessory: button('Done', doneAction, id),
  };
}

/**
 * "Your commitments" on the Home tab: each with its due date and a Done button; when there are more
 * than it lists, how many, with "See all" next to them (in the same block: the tab has 100 at most).
 */
export function buildHomeCommitmentBlocks(commitments: OpenCommitmentsPage): KnownBlock[] {
  if (commitments.items.length === 0) return [];
  const { today } = commitments;
  const blocks: KnownBlock[] = [
    {
      type: 'header',
      block_id: FOLLOW_UP_BLOCKS.homeHeader,
      text: { type: 'plain_text', text: 'Your commitments' },
    },
    ...commitments.items.map((item) =>
      commitmentRow(today, item, FOLLOW_UP_BLOCKS.homePrefix, FOLLOW_UP_ACTIONS.homeDone),
    ),
  ];
  const more = commitments.total - commitments.items.length;
  if (more > 0) {
    // The button names nobody: it opens the clicker's own list.
    blocks.push({
      type: 'section',
      block_id: FOLLOW_UP_BLOCKS.homeMore,
      text: { type: 'mrkdwn', text: `…and ${more} more, due later.` },
      accessory: button(`See all ${commitments.total}`, FOLLOW_UP_ACTIONS.seeAll),
    });
  }
  return blocks;
}

// ------------------------------------------------------------------------ the whole list, in a modal

export const COMMITMENT_LIST_ACTIONS = {
  /** Done on a row of the list: closes it as the Home's Done does, and draws the list again. */
  done: 'commitment_list_done',
  /** "‹ Previous" and "Next N ›" under a list longer than a page. */
  previousPage: 'commitment_list_previous',
  nextPage: 'commitment_list_next',
} as const;

/** The list has no submit button: Slack sends nothing for it but its buttons' clicks. */
export const COMMITMENT_LIST_MODAL = 'commitment_list';

export const COMMITMENT_LIST_BLOCKS = {
  header: 'commitment_list_header',
  none: 'commitment_list_none',
  showing: 'commitment_list_showing',
  rowPrefix: 'commitment_row_',
  pages: 'commitment_list_pages',
} as const;

/**
 * Rows a page of the list shows, due soonest first. Open commitments pile up (five a review, and a
 * manager owns some from every rep's), hence pages.
 */
export const COMMITMENT_LIST_ROWS = LIST_PAGE_ROWS;

/** Which page a list shows: from which commitment on (0 is the first page). Whose is always the clicker's. */
export interface CommitmentListShown {
  offset: number;
}

const commitmentListMetadata = z.object({ offset: z.number().int().nonnegative() });

/** The page a list shows, or undefined for metadata the bot did not write. */
export function parseCommitmentListMetadata(privateMetadata: string): CommitmentListShown | undefined {
  return readJsonMetadata(commitmentListMetadata, privateMetadata);
}

/**
 * One page of the viewer's open commitments, due soonest first, each dated and marked overdue as on
 * the Home tab, with a Done button. A list longer than a page says which ones it shows and has
 * Previous and Next; the page travels in private_metadata, so a Done can draw the same page again.
 */
export function buildCommitmentListModal(list: OpenCommitmentsPage): ModalView {
  const shown = list.items.slice(0, COMMITMENT_LIST_ROWS);
  const { showing, pages } = listPageBlocks({
    offset: list.offset,
    shown: shown.length,
    total: list.total,
    order: 'due soonest first',
    blockIds: { showing: COMMITMENT_LIST_BLOCKS.showing, pages: COMMITMENT_LIST_BLOCKS.pages },
    actions: { previous: COMMITMENT_LIST_ACTIONS.previousPage, next: COMMITMENT_LIST_ACTIONS.nextPage },
  });
  const blocks: KnownBlock[] = [
    {
      type: 'header',
      block_id: COMMITMENT_LIST_BLOCKS.header,
      text: { type: 'plain_text', text: `Your commitments (${list.total} open)` },
    },
  ];
  if (list.total === 0) {
    blocks.push({
      type: 'section',
      block_id: COMMITMENT_LIST_BLOCKS.none,
      text: { type: 'mrkdwn', text: 'You have no open commitments.' },
    });
  }
  blocks.push(
    ...showing,
    ...shown.map((item) =>
      commitmentRow(list.today, item, COMMITMENT_LIST_BLOCKS.rowPrefix, COMMITMENT_LIST_ACTIONS.done),
    ),
    ...pages,
  );
  const metadata: CommitmentListShown = { offset: list.offset };
  return {
    type: 'modal',
    callback_id: COMMITMENT_LIST_MODAL,
    private_metadata: JSON.stringify(metadata),
    title: { type: 'plain_text', text: 'Commitments' },
    close: { type: 'plain_text', text: 'Close' },
    blocks,
  };
}

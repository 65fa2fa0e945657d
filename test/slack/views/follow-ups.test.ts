import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import type { FollowUps } from '../../../src/domain/deal-review/follow-ups.js';
import { buildPromptMessage, CHECK_IN_MESSAGE_BLOCKS } from '../../../src/slack/views/check-in.js';
import {
  buildCommitmentListModal,
  buildFollowUpBlocks,
  buildHomeCommitmentBlocks,
  COMMITMENT_LIST_ACTIONS,
  COMMITMENT_LIST_BLOCKS,
  COMMITMENT_LIST_MODAL,
  COMMITMENT_LIST_ROWS,
  dueDayPhrase,
  FOLLOW_UP_ACTIONS,
  FOLLOW_UP_BLOCKS,
  followUpLine,
  parseCommitmentListMetadata,
  parseCommitmentReference,
  withFollowUpAnswered,
} from '../../../src/slack/views/follow-ups.js';
import { buildReviewReminderMessage } from '../../../src/slack/views/review-reminder.js';

const TUESDAY = '2026-11-24';
const day = { today: TUESDAY, askAgainOn: '2026-11-25' };

const followUps: FollowUps = {
  ...day,
  items: [
    { commitmentId: '11', text: 'send the proposal to Acme', dueOn: '2026-11-25', answer: null },
    { commitmentId: '12', text: 'call <Initech> & co', dueOn: '2026-11-20', answer: 'not_yet' },
    { commitmentId: '13', text: 'book the demo', dueOn: TUESDAY, answer: 'done' },
  ],
  more: 2,
};

type Block = {
  type: string;
  block_id?: string;
  text?: { text: string };
  elements?: Array<Record<string, unknown>>;
};

describe('dueDayPhrase', () => {
  it.each([
    [TUESDAY, 'today'],
    ['2026-11-25', 'tomorrow'],
    ['2026-11-27', 'Friday'],
    ['2026-11-30', 'Monday'],
    ['2026-12-01', 'Tue 1 Dec 2026'],
    ['2026-11-23', 'yesterday'],
    ['2026-11-20', 'last Friday'],
    ['2026-11-17', 'Tue 17 Nov 2026'],
    ['2027-01-08', 'Fri 8 Jan 2027'],
  ])('says %s as "%s" on Tuesday 24 November', (dueOn, phrase) => {
    expect(dueDayPhrase(TUESDAY, dueOn)).toBe(phrase);
  });
});

describe('follow-up lines', () => {
  it('asks, says how late, and shows the answers in plain words, with the text escaped', () => {
    const [asking, notYet, done] = followUps.items;
    expect(followUpLine(day, asking!)).toBe('You agreed to *send the proposal to Acme* by tomorrow — done?');
    expect(followUpLine(day, { ...asking!, dueOn: '2026-11-20' })).toBe(
      'You agreed to *send the proposal to Acme* by last Friday (4 days overdue) — done?',
    );
    expect(followUpLine(day, notYet!)).toBe(
      "*call &lt;Initech&gt; &amp; co* — Not yet — I'll ask again tomorrow",
    );
    expect(followUpLine({ today: '2026-11-27', askAgainOn: '2026-11-30' }, notYet!)).toMatch(
      /I'll ask again on Monday$/,
    );
    expect(followUpLine(day, done!)).toBe('*book the demo* — Done ✓');
  });

  it('gives open questions Done / Not yet buttons carrying the commitment, and counts what did not fit', () => {
    const blocks = buildFollowUpBlocks(followUps) as Block[];
    expect(blocks.map((block) => block.block_id)).toEqual([
      'follow_up_11',
      'follow_up_buttons_11',
      'follow_up_12',
      'follow_up_13',
      FOLLOW_UP_BLOCKS.more,
    ]);
    expect(blocks[1]?.elements?.map((button) => [button.action_id, button.value])).toEqual([
      [FOLLOW_UP_ACTIONS.done, '11'],
      [FOLLOW_UP_ACTIONS.notYet, '11'],
    ]);
    expect(JSON.stringify(blocks.at(-1))).toContain('…and 2 more on your Home tab.');
    expect(buildFollowUpBlocks(undefined)).toEqual([]);
    expect(buildFollowUpBlocks({ ...day, items: [], more: 0 })).toEqual([]);
  });

  it('does not promise the Home tab shows more commitments than the 5 it lists, and points to See all there', () => {
    // Nine coming due: three in the DM, six more; the Home tab lists five, the rest are behind See all.
    const more = buildFollowUpBlocks({ ...followUps, more: 6 }).at(-1) as Block;
    const text = JSON.stringify(more);
    expect(text).not.toContain('more on your Home tab');
    expect(text).toContain(
      '…and 6 more coming due. Your Home tab lists the 5 due soonest; See all there lists every one.',
    );
  });

  it('go under the check-in, after a divider, without touching its blocks', () => {
    const prompt = { checkInId: '4711', localDate: TUESDAY, aboutDate: '2026-11-23', question: null };
    const plain = buildPromptMessage(prompt);
    const withFollowUps = buildPromptMessage({ ...prompt, followUps });
    expect(withFollowUps.blocks.slice(0, plain.blocks.length)).toEqual(plain.blocks);
    expect(withFollowUps.blocks[plain.blocks.length]).toEqual({
      type: 'divider',
      block_id: FOLLOW_UP_BLOCKS.divider,
    });
    expect(withFollowUps.text).toBe(plain.text);
  });

  it('redraws only the answered line of a posted message', () => {
    const prompt = buildPromptMessage({
      checkInId: '4711',
      localDate: TUESDAY,
      aboutDate: '2026-11-23',
      question: null,
      followUps,
    });
    const asking = followUps.items[0]!;
    const redrawn = withFollowUpAnswered(prompt.blocks, day, { ...asking, answer: 'done' }) as Block[];
    expect(redrawn.map((block) => block.block_id)).toEqual(
      (prompt.blocks as Block[]).map((block) => block.block_id).filter((id) => id !== 'follow_up_buttons_11'),
    );
    expect(redrawn.find((block) => block.block_id === 'follow_up_11')?.text?.text).toBe(
      '*send the proposal to Acme* — Done ✓',
    );
    expect(redrawn.find((block) => block.block_id === CHECK_IN_MESSAGE_BLOCKS.soldButtons)).toEqual(
      (prompt.blocks as Block[]).find((block) => block.block_id === CHECK_IN_MESSAGE_BLOCKS.soldButtons),
    );
    expect(withFollowUpAnswered(prompt.blocks, day, { ...asking, commitmentId: '99' })).toBeUndefined();
    expect(withFollowUpAnswered('not blocks', day, asking)).toBeUndefined();
  });

  it('accepts only commitment ids it wrote', () => {
    expect(parseCommitmentReference('123')).toBe('123');
    for (const bad of [undefined, '', 'abc', '1; drop table', '1'.repeat(19)]) {
      expect(parseCommitmentReference(bad)).toBeUndefined();
    }
  });
});

describe('the Home tab list', () => {
  it('shows each open commitment with its due date, marks the overdue ones, and points to the rest', () => {
    const blocks = buildHomeCommitmentBlocks({
      today: TUESDAY,
      items: [
        { commitmentId: '21', text: 'map the buying committee', dueOn: '2026-11-20' },
        { commitmentId: '22', text: 'send the pricing', dueOn: '2026-12-02' },
      ],
      total: 5,
      offset: 0,
    }) as Array<Block & { accessory?: Record<string, unknown> }>;
    expect(blocks.map((block) => block.block_id)).toEqual([
      FOLLOW_UP_BLOCKS.homeHeader,
      'home_commitment_21',
      'home_commitment_22',
      FOLLOW_UP_BLOCKS.homeMore,
    ]);
    expect(blocks[1]?.text?.text).toBe('*map the buying committee*\nDue Fri 20 Nov 2026 · :warning: overdue');
    expect(blocks[2]?.text?.text).toBe('*send the pricing*\nDue Wed 2 Dec 2026');
    expect(blocks[1]?.accessory).toMatchObject({ action_id: FOLLOW_UP_ACTIONS.homeDone, value: '21' });
    expect(buildHomeCommitmentBlocks({ today: TUESDAY, items: [], total: 0, offset: 0 })).toEqual([]);
  });

  it('offers See all with the whole count next to "…and N more", and carries nobody in it', () => {
    const items = [{ commitmentId: '21', text: 'map the buying committee', dueOn: '2026-11-20' }];
    const blocks = buildHomeCommitmentBlocks({ today: TUESDAY, items, total: 8, offset: 0 }) as Array<
      Block & { accessory?: Record<string, unknown> }
    >;
    const more = blocks.at(-1);
    expect(more?.block_id).toBe(FOLLOW_UP_BLOCKS.homeMore);
    expect(more?.text?.text).toBe('…and 7 more, due later.');
    expect(more?.accessory).toEqual({
      type: 'button',
      action_id: FOLLOW_UP_ACTIONS.seeAll,
      text: { type: 'plain_text', text: 'See all 8' },
    });
    // Everything fits: no count, no See all.
    const all = buildHomeCommitmentBlocks({ today: TUESDAY, items, total: 1, offset: 0 });
    expect(all.map((block) => block.block_id)).toEqual([FOLLOW_UP_BLOCKS.homeHeader, 'home_commitment_21']);
    expect(JSON.stringify(all)).not.toContain(FOLLOW_UP_ACTIONS.seeAll);
  });
});

describe('the whole list of commitments', () => {
  type Row = Block & { accessory?: Record<string, unknown> };
  const item = (id: number, dueOn = '2026-12-02') => ({
    commitmentId: String(id),
    text: `next step ${id}`,
    dueOn,
  });
  const rowIds = (blocks: Row[]) =>
    blocks
      .map((block) => block.block_id ?? '')
      .filter((id) => id.startsWith(COMMITMENT_LIST_BLOCKS.rowPrefix))
      .map((id) => id.slice(COMMITMENT_LIST_BLOCKS.rowPrefix.length));
  const pageButtons = (blocks: Row[]) =>
    blocks
      .find((block) => block.block_id === COMMITMENT_LIST_BLOCKS.pages)
      ?.elements?.map((element) => [element.action_id, (element.text as { text: string }).text]);

  it('lists every commitment in the order given, dated and marked overdue as on the Home tab, each with Done', () => {
    const view = buildCommitmentListModal({
      today: TUESDAY,
      items: [item(31, '2026-11-23'), item(32, TUESDAY), { ...item(33), text: 'call <Initech> & co' }],
      total: 3,
      offset: 0,
    });
    expect(view).toMatchObject({
      type: 'modal',
      callback_id: COMMITMENT_LIST_MODAL,
      title: { type: 'plain_text', text: 'Commitments' },
      close: { type: 'plain_text', text: 'Close' },
    });
    expect(view.submit).toBeUndefined();
    const blocks = view.blocks as Row[];
    expect(blocks.map((block) => block.block_id)).toEqual([
      COMMITMENT_LIST_BLOCKS.header,
      'commitment_row_31',
      'commitment_row_32',
      'commitment_row_33',
    ]);
    expect(blocks[0]?.text?.text).toBe('Your commitments (3 open)');
    expect(blocks[1]?.text?.text).toBe('*next step 31*\nDue Mon 23 Nov 2026 · :warning: overdue');
    // Due today is not overdue yet.
    expect(blocks[2]?.text?.text).toBe('*next step 32*\nDue Tue 24 Nov 2026');
    expect(blocks[3]?.text?.text).toBe('*call &lt;Initech&gt; &amp; co*\nDue Wed 2 Dec 2026');
    expect(blocks.slice(1).map((block) => block.accessory)).toEqual(
      ['31', '32', '33'].map((id) => ({
        type: 'button',
        action_id: COMMITMENT_LIST_ACTIONS.done,
        text: { type: 'plain_text', text: 'Done' },
        value: id,
      })),
    );
    expect(parseCommitmentListMetadata(view.private_metadata ?? '')).toEqual({ offset: 0 });
  });

  it(`shows ${COMMITMENT_LIST_ROWS} a page, says which, and offers the others with Previous and Next`, () => {
    const total = 93;
    const pageAt = (offset: number) =>
      buildCommitmentListModal({
        today: TUESDAY,
        items: Array.from({ length: Math.min(COMMITMENT_LIST_ROWS, total - offset) }, (_, i) =>
          item(offset + i + 1),
        ),
        total,
        offset,
      });

    const first = pageAt(0);
    const firstBlocks = first.blocks as Row[];
    expect(rowIds(firstBlocks)).toHaveLength(COMMITMENT_LIST_ROWS);
    expect(firstBlocks[0]?.text?.text).toBe('Your commitments (93 open)');
    expect(JSON.stringify(firstBlocks[1])).toContain('Showing 1–40 of 93, due soonest first');
    expect(pageButtons(firstBlocks)).toEqual([[COMMITMENT_LIST_ACTIONS.nextPage, 'Next 40 ›']]);
    expect(first.blocks.length).toBeLessThanOrEqual(100);

    const second = pageAt(COMMITMENT_LIST_ROWS);
    expect(JSON.stringify(second.blocks)).toContain('Showing 41–80 of 93, due soonest first');
    expect(pageButtons(second.blocks as Row[])).toEqual([
      [COMMITMENT_LIST_ACTIONS.previousPage, '‹ Previous'],
      [COMMITMENT_LIST_ACTIONS.nextPage, 'Next 13 ›'],
    ]);
    expect(parseCommitmentListMetadata(second.private_metadata ?? '')).toEqual({ offset: 40 });

    const last = pageAt(80);
    expect(rowIds(last.blocks as Row[])).toEqual(Array.from({ length: 13 }, (_, i) => String(81 + i)));
    expect(JSON.stringify(last.blocks)).toContain('Showing 81–93 of 93, due soonest first');
    expect(pageButtons(last.blocks as Row[])).toEqual([[COMMITMENT_LIST_ACTIONS.previousPage, '‹ Previous']]);

    // However many it is given, a page holds at most its rows.
    const overfull = buildCommitmentListModal({
      today: TUESDAY,
      items: Array.from({ length: 150 }, (_, i) => item(i + 1)),
      total: 150,
      offset: 0,
    });
    expect(rowIds(overfull.blocks as Row[])).toHaveLength(COMMITMENT_LIST_ROWS);
    expect(overfull.blocks.length).toBeLessThanOrEqual(100);
  });

  it('has no count of pages and no paging buttons when everything fits, and says so when nothing is open', () => {
    const fits = buildCommitmentListModal({ today: TUESDAY, items: [item(1)], total: 1, offset: 0 });
    expect(JSON.stringify(fits.blocks)).not.toContain('Showing');
    expect(pageButtons(fits.blocks as Row[])).toBeUndefined();

    const none = buildCommitmentListModal({ today: TUESDAY, items: [], total: 0, offset: 0 });
    expect((none.blocks as Row[]).map((block) => [block.block_id, block.text?.text])).toEqual([
      [COMMITMENT_LIST_BLOCKS.header, 'Your commitments (0 open)'],
      [COMMITMENT_LIST_BLOCKS.none, 'You have no open commitments.'],
    ]);
  });

  it('reads back only the page metadata it wrote', () => {
    expect(parseCommitmentListMetadata('{"offset":80}')).toEqual({ offset: 80 });
    for (const bad of ['', 'nope', '{}', '{"offset":-40}', '{"offset":1.5}', '{"offset":"40"}']) {
      expect(parseCommitmentListMetadata(bad)).toBeUndefined();
    }
  });
});

describe('the review reminder', () => {
  it('names the month and each rep without a review', () => {
    const message = buildReviewReminderMessage({
      month: '2026-07',
      repsWithoutReview: [
        { name: 'Ann', slackUserId: 'UANN' },
        { name: 'Bo', slackUserId: 'UBO' },
      ],
    });
    expect(message.text).toBe('2 of your reps have no deal review for July 2026 yet.');
    const [list] = message.blocks as Block[];
    expect(list?.text?.text).toBe('*No deal review for July 2026 yet*\n• <@UANN>\n• <@UBO>');
    expect(JSON.stringify(message.blocks)).toContain('/dealreview');
  });

  it('stays inside one section for a very large team', () => {
    const reps = Array.from({ length: 400 }, (_, index) => ({
      name: `Rep ${index}`,
      slackUserId: `U${String(index).padStart(10, '0')}`,
    }));
    const message = buildReviewReminderMessage({ month: '2026-07', repsWithoutReview: reps });
    const blocks = message.blocks as KnownBlock[] as Block[];
    expect(blocks[0]?.text?.text.length).toBeLessThanOrEqual(3000);
    expect(blocks[0]?.text?.text).toMatch(/…and \d+ more$/);
    expect(message.text).toBe('400 of your reps have no deal review for July 2026 yet.');
  });
});

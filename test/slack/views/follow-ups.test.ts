import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import type { FollowUps } from '../../../src/domain/deal-review/follow-ups.js';
import { buildPromptMessage, CHECK_IN_MESSAGE_BLOCKS } from '../../../src/slack/views/check-in.js';
import {
  buildFollowUpBlocks,
  buildHomeCommitmentBlocks,
  dueDayPhrase,
  FOLLOW_UP_ACTIONS,
  FOLLOW_UP_BLOCKS,
  followUpLine,
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

  it('does not promise the Home tab shows more commitments than the 5 it lists', () => {
    // Nine coming due: three in the DM, six more; the Home tab lists five, so four are not there.
    const more = buildFollowUpBlocks({ ...followUps, more: 6 }).at(-1) as Block;
    const text = JSON.stringify(more);
    expect(text).not.toContain('more on your Home tab');
    expect(text).toContain('…and 6 more coming due. Your Home tab lists the 5 due soonest.');
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
      more: 3,
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
    expect(buildHomeCommitmentBlocks({ today: TUESDAY, items: [], more: 0 })).toEqual([]);
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

import type { KnownBlock, ModalView } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { OBSTACLE_LABELS } from '../../../src/domain/coaching/vocabulary.js';
import {
  buildAnsweredReminderMessage,
  buildAskTriedMessage,
  buildClosedCheckInMessage,
  buildClosedCheckInNotice,
  buildObstacleModal,
  buildPromptMessage,
  buildRecordedMessage,
  buildReminderMessage,
  buildSaleModal,
  buildTriedModal,
  CHECK_IN_ACTIONS,
  CHECK_IN_FIELDS,
  CHECK_IN_MESSAGE_BLOCKS,
  CHECK_IN_MODALS,
  type CheckInField,
  dayPhrase,
  type PromptContent,
  parseCheckInReference,
  parseObstacleSubmission,
  parseSaleSubmission,
  parseTriedSubmission,
  type RecordedAnswer,
  SALE_CURRENCIES,
  summariseAnswer,
  type ViewStateValues,
} from '../../../src/slack/views/check-in.js';
import { clipMrkdwn, escapeMrkdwn } from '../../../src/slack/views/mrkdwn.js';

const prompt: PromptContent = {
  checkInId: '4711',
  localDate: '2026-03-10', // a Tuesday
  aboutDate: '2026-03-09',
  question: null,
};

type Json = Record<string, unknown>;
type InputLike = { block_id: string; optional?: boolean; element: Json };

/** Every object inside a view or message, so the checks below need not know where Slack nests things. */
function walk(value: unknown, visit: (node: Json) => void): void {
  if (Array.isArray(value)) {
    for (const item of value) walk(item, visit);
  } else if (value !== null && typeof value === 'object') {
    visit(value as Json);
    for (const child of Object.values(value)) walk(child, visit);
  }
}

function buttons(blocks: KnownBlock[]): Array<{ action_id: string; value: string; text: string }> {
  const found: Array<{ action_id: string; value: string; text: string }> = [];
  walk(blocks, (node) => {
    if (node.type === 'button') {
      found.push({
        action_id: node.action_id as string,
        value: node.value as string,
        text: (node.text as { text: string }).text,
      });
    }
  });
  return found;
}

function mrkdwnTexts(blocks: KnownBlock[]): string[] {
  const found: string[] = [];
  walk(blocks, (node) => {
    if (node.type === 'mrkdwn') found.push(node.text as string);
  });
  return found;
}

/** Slack's documented limits, checked on anything we build. */
function expectWithinSlackLimits(surface: { blocks: KnownBlock[] } | ModalView, maxBlocks: number): void {
  expect(surface.blocks.length).toBeLessThanOrEqual(maxBlocks);
  const blockIds = surface.blocks.map((block) => block.block_id).filter((id) => id !== undefined);
  expect(new Set(blockIds).size).toBe(blockIds.length);
  walk(surface.blocks, (node) => {
    if (typeof node.block_id === 'string') expect(node.block_id.length).toBeLessThanOrEqual(255);
    if (typeof node.action_id === 'string') expect(node.action_id.length).toBeLessThanOrEqual(255);
    if (node.type === 'button' && typeof node.value === 'string')
      expect(node.value.length).toBeLessThanOrEqual(2000);
    if (node.type === 'plain_text_input') {
      expect(node.max_length).toBeLessThanOrEqual(3000);
      if (typeof node.initial_value === 'string') {
        expect(node.initial_value.length).toBeLessThanOrEqual(node.max_length as number);
      }
    }
    if ((node.type === 'mrkdwn' || node.type === 'plain_text') && typeof node.text === 'string') {
      expect(node.text.length).toBeLessThanOrEqual(3000);
    }
  });
  if ('type' in surface && surface.type === 'modal') {
    expect(surface.title.text.length).toBeLessThanOrEqual(24);
    expect(surface.submit?.text.length ?? 0).toBeLessThanOrEqual(24);
    expect(surface.close?.text.length ?? 0).toBeLessThanOrEqual(24);
    expect(surface.private_metadata?.length ?? 0).toBeLessThanOrEqual(3000);
  }
}

function text(field: CheckInField, value: string | null): ViewStateValues {
  return { [field.blockId]: { [field.actionId]: { type: 'plain_text_input', value } } };
}

function choice(field: CheckInField, value: string | null, type = 'radio_buttons'): ViewStateValues {
  return {
    [field.blockId]: { [field.actionId]: { type, selected_option: value === null ? null : { value } } },
  };
}

const F = CHECK_IN_FIELDS;

function saleState(
  overrides: Partial<Record<'description' | 'amount' | 'currency' | 'account' | 'won', string>> = {},
) {
  return {
    ...text(F.saleDescription, overrides.description ?? '12 seats'),
    ...text(F.saleAmount, overrides.amount ?? '1,200.50'),
    ...choice(F.saleCurrency, overrides.currency ?? 'USD', 'static_select'),
    ...text(F.saleAccount, overrides.account ?? 'Acme'),
    ...text(F.saleWonBecause, overrides.won ?? 'Their CFO asked for the contract after the pilot.'),
  };
}

const longText = 'x'.repeat(5000);

describe('ids', () => {
  it('are the names the listeners use, all distinct', () => {
    expect(CHECK_IN_ACTIONS).toEqual({
      sold: 'check_in_sold',
      notSold: 'check_in_not_sold',
      tried: 'check_in_tried',
      didNotTry: 'check_in_did_not_try',
      change: 'check_in_change',
    });
    expect(CHECK_IN_MODALS).toEqual({
      sale: 'check_in_sale',
      tried: 'check_in_tried_modal',
      obstacle: 'check_in_obstacle',
    });
    const fieldActionIds = Object.values(CHECK_IN_FIELDS).map((field) => field.actionId);
    const all = [...Object.values(CHECK_IN_ACTIONS), ...Object.values(CHECK_IN_MODALS), ...fieldActionIds];
    expect(new Set(all).size).toBe(all.length);
    const blockIds = Object.values(CHECK_IN_MESSAGE_BLOCKS);
    expect(new Set(blockIds).size).toBe(blockIds.length);
  });
});

describe('parseCheckInReference', () => {
  it.each([
    ['4711', '4711'],
    ['1', '1'],
    ['123456789012345678', '123456789012345678'],
    ['1234567890123456789', undefined],
    ['', undefined],
    [' 12', undefined],
    ['12a', undefined],
    ['-1', undefined],
    ['{"id":1}', undefined],
    [undefined, undefined],
  ])('reads %j as %j', (value, expected) => {
    expect(parseCheckInReference(value)).toBe(expected);
  });
});

describe('dayPhrase', () => {
  it.each([
    ['2026-03-10', '2026-03-09', 'yesterday'],
    ['2026-03-09', '2026-03-06', 'on Friday'], // Monday asks about Friday
    ['2026-03-10', '2026-03-06', 'on Friday'],
    ['2026-03-10', '2026-03-04', 'on Wednesday'], // six days back
    ['2026-03-10', '2026-03-03', 'on Tue 3 Mar 2026'], // seven days back
    ['2026-01-05', '2025-12-24', 'on Wed 24 Dec 2025'],
    ['2026-03-10', '2026-03-10', 'today'],
    ['2026-03-30', '2026-03-27', 'on Friday'], // across the European DST change
  ])('on %s about %s says %j', (localDate, aboutDate, expected) => {
    expect(dayPhrase(localDate, aboutDate)).toBe(expected);
  });

  it('refuses dates that are not calendar dates', () => {
    expect(() => dayPhrase('2026-02-30', '2026-02-27')).toThrow(RangeError);
  });
});

describe('prompt message', () => {
  it('asks about yesterday with Yes / No buttons that carry the check-in id', () => {
    const message = buildPromptMessage(prompt);
    expect(message.text).toBe('Did you sell anything yesterday?');
    expect(buttons(message.blocks)).toEqual([
      { action_id: CHECK_IN_ACTIONS.sold, value: '4711', text: 'Yes' },
      { action_id: CHECK_IN_ACTIONS.notSold, value: '4711', text: 'No' },
    ]);
    expect(message.blocks.map((b) => b.block_id)).toEqual([
      CHECK_IN_MESSAGE_BLOCKS.question,
      CHECK_IN_MESSAGE_BLOCKS.soldButtons,
    ]);
    expectWithinSlackLimits(message, 50);
  });

  it('names the weekday on a Monday', () => {
    const message = buildPromptMessage({ ...prompt, localDate: '2026-03-09', aboutDate: '2026-03-06' });
    expect(message.text).toBe('Did you sell anything on Friday?');
    expect(mrkdwnTexts(message.blocks)[0]).toBe('*Did you sell anything on Friday?*');
  });

  it('shows the coaching question under the buttons, escaped, with the thread hint', () => {
    const message = buildPromptMessage({ ...prompt, question: 'Who decides at <script> & why?' });
    const texts = mrkdwnTexts(message.blocks).join('\n');
    expect(texts).toContain('Who decides at &lt;script&gt; &amp; why?');
    expect(texts).not.toContain('<script>');
    expect(texts).toMatch(/Reply in this thread/);
    expect(message.blocks.map((b) => b.block_id)).toContain(CHECK_IN_MESSAGE_BLOCKS.coachingQuestion);
  });

  it('keeps an overlong coaching question inside a section', () => {
    const message = buildPromptMessage({ ...prompt, question: '&'.repeat(4000) });
    expectWithinSlackLimits(message, 50);
  });

  it('refuses an id the button parser would not accept', () => {
    expect(() => buildPromptMessage({ ...prompt, checkInId: 'abc' })).toThrow(RangeError);
  });
});

describe("a rep's first prompt", () => {
  const first: PromptContent = { ...prompt, introduction: { managerSlackUserId: 'U0MANAGER' } };

  it('says who the bot is, names the manager, who sees the answers and where to pause, above the question', () => {
    const message = buildPromptMessage(first);
    expect(message.text).toBe("Hi, I'm Sales Coach. Did you sell anything yesterday?");
    expect(message.blocks.map((b) => b.block_id)).toEqual([
      CHECK_IN_MESSAGE_BLOCKS.introduction,
      CHECK_IN_MESSAGE_BLOCKS.introductionPrivacy,
      CHECK_IN_MESSAGE_BLOCKS.question,
      CHECK_IN_MESSAGE_BLOCKS.soldButtons,
    ]);
    expect(message.blocks[0]).toEqual({
      type: 'section',
      block_id: CHECK_IN_MESSAGE_BLOCKS.introduction,
      text: {
        type: 'mrkdwn',
        text:
          ":wave: I'm *Sales Coach*, set up here so your manager <@U0MANAGER> can coach you a little " +
          "every day. Each workday morning I'll ask how your last workday went; it takes a minute.",
      },
    });
    expect(message.blocks[1]).toEqual({
      type: 'context',
      block_id: CHECK_IN_MESSAGE_BLOCKS.introductionPrivacy,
      elements: [
        {
          type: 'mrkdwn',
          text:
            "Your answers are seen only by you, your manager and the bot's admins; teammates see only " +
            'the weekly standings. Pause me or change your time from my *Home* tab.',
        },
      ],
    });
    expect(buttons(message.blocks).map((b) => b.value)).toEqual(['4711', '4711']);
    expectWithinSlackLimits(message, 50);
  });

  it('names nobody without a manager, and says the answers go to admins (and a future manager)', () => {
    for (const managerSlackUserId of [null, 'not-a-user-id>']) {
      const texts = mrkdwnTexts(
        buildPromptMessage({ ...prompt, introduction: { managerSlackUserId } }).blocks,
      );
      expect(texts[0]).toBe(
        ":wave: I'm *Sales Coach*, set up here so your team can coach a little every day. " +
          "Each workday morning I'll ask how your last workday went; it takes a minute.",
      );
      expect(texts[1]).toBe(
        "Your answers are seen only by you and the bot's admins (and your manager, once you have one); " +
          'teammates see only the weekly standings. Pause me or change your time from my *Home* tab.',
      );
      expect(texts.join('\n')).not.toContain('<@');
    }
  });

  it('keeps the coaching question and follow-ups below the question, within Slack limits', () => {
    const message = buildPromptMessage({ ...first, question: 'Who decides?' });
    const ids = message.blocks.map((b) => b.block_id);
    expect(ids.indexOf(CHECK_IN_MESSAGE_BLOCKS.coachingQuestion)).toBeGreaterThan(
      ids.indexOf(CHECK_IN_MESSAGE_BLOCKS.soldButtons),
    );
    expectWithinSlackLimits(message, 50);
  });

  it('is not repeated when the DM is redrawn: the same ids as for any other prompt', () => {
    const answer: RecordedAnswer = { outcome: 'tried', whatHappened: 'Called Acme', skill: 'knows' };
    for (const [withIntro, without] of [
      [buildAskTriedMessage(first), buildAskTriedMessage(prompt)],
      [buildRecordedMessage(first, answer), buildRecordedMessage(prompt, answer)],
      [
        buildReminderMessage({ ...first, answeredTeammates: 1, teammates: 3 }),
        buildReminderMessage({ ...prompt, answeredTeammates: 1, teammates: 3 }),
      ],
    ]) {
      expect(withIntro).toEqual(without);
    }
  });
});

describe('ask-tried message', () => {
  it('keeps the first answer and asks "Did you try?" with Yes / No carrying the id', () => {
    const message = buildAskTriedMessage({ ...prompt, question: 'What will you stop doing?' });
    expect(message.text).toBe('Did you try?');
    expect(mrkdwnTexts(message.blocks)[0]).toBe('Did you sell anything yesterday? *No*');
    expect(mrkdwnTexts(message.blocks)).toContain('*Did you try?*');
    expect(buttons(message.blocks)).toEqual([
      { action_id: CHECK_IN_ACTIONS.tried, value: '4711', text: 'Yes' },
      { action_id: CHECK_IN_ACTIONS.didNotTry, value: '4711', text: 'No' },
    ]);
    expect(mrkdwnTexts(message.blocks).join('\n')).toContain('What will you stop doing?');
    expectWithinSlackLimits(message, 50);
  });
});

describe('recorded message', () => {
  const sold: RecordedAnswer = {
    outcome: 'sold',
    description: '12 seats',
    amount: '1200.50',
    currency: 'USD',
    account: 'Acme',
    wonBecause: 'The CFO signed after the pilot.',
  };

  it('summarises a sale with the amount grouped', () => {
    const message = buildRecordedMessage(prompt, sold);
    const recorded = message.blocks.find((b) => b.block_id === CHECK_IN_MESSAGE_BLOCKS.recorded);
    expect(mrkdwnTexts(recorded ? [recorded] : [])[0]).toBe(
      ':white_check_mark: *Sold:* 12 seats to Acme — USD 1,200.50\n*What won it:* The CFO signed after the pilot.',
    );
    expect(message.text).toBe('Recorded: sold 12 seats to Acme — USD 1,200.50');
  });

  it('summarises a try with its skill', () => {
    const message = buildRecordedMessage(prompt, {
      outcome: 'tried',
      whatHappened: 'Called three leads',
      skill: 'unsure',
    });
    expect(mrkdwnTexts(message.blocks)).toContain(
      ':muscle: *Tried:* Called three leads — not sure what to do next',
    );
  });

  it('summarises an obstacle with and without detail', () => {
    const withDetail = buildRecordedMessage(prompt, {
      outcome: 'did_not_try',
      obstacle: 'waiting_on_customer',
      detail: 'Legal review',
    });
    expect(mrkdwnTexts(withDetail.blocks)).toContain(
      ":construction: *Didn't try:* Waiting on the customer — Legal review",
    );
    const bare = buildRecordedMessage(prompt, {
      outcome: 'did_not_try',
      obstacle: 'no_pipeline',
      detail: '',
    });
    expect(mrkdwnTexts(bare.blocks)).toContain(":construction: *Didn't try:* No pipeline");
  });

  it('keeps the question line, a Change answer button with the id, and the thread hint', () => {
    const message = buildRecordedMessage(
      { ...prompt, localDate: '2026-03-09', aboutDate: '2026-03-06' },
      sold,
    );
    expect(mrkdwnTexts(message.blocks)[0]).toBe('Did you sell anything on Friday?');
    expect(buttons(message.blocks)).toEqual([
      { action_id: CHECK_IN_ACTIONS.change, value: '4711', text: 'Change answer' },
    ]);
    expect(mrkdwnTexts(message.blocks).at(-1)).toMatch(/Replies in this thread are kept/);
  });

  it('draws a closed check-in without buttons: its answer, or that there was none', () => {
    const answered = buildClosedCheckInMessage(prompt, sold);
    expect(buttons(answered.blocks)).toEqual([]);
    expect(mrkdwnTexts(answered.blocks).join('\n')).toContain(summariseAnswer(sold));
    expect(mrkdwnTexts(answered.blocks).at(-1)).toBe('This check-in closed when the next prompt went out.');
    const unanswered = buildClosedCheckInMessage(prompt, undefined);
    expect(buttons(unanswered.blocks)).toEqual([]);
    expect(mrkdwnTexts(unanswered.blocks).at(-1)).toBe(
      'Not answered. This check-in closed when the next prompt went out.',
    );
    expect(unanswered.text).toMatch(/Not answered\.$/);
  });

  it('draws an answered reminder without buttons, with the answer and where to change it', () => {
    const reminder = buildAnsweredReminderMessage(prompt, sold);
    expect(buttons(reminder.blocks)).toEqual([]);
    expect(reminder.blocks.map((block) => block.block_id)).toEqual([
      CHECK_IN_MESSAGE_BLOCKS.question,
      CHECK_IN_MESSAGE_BLOCKS.recorded,
      CHECK_IN_MESSAGE_BLOCKS.answeredElsewhere,
    ]);
    expect(mrkdwnTexts(reminder.blocks)).toContain(summariseAnswer(sold));
    expect(mrkdwnTexts(reminder.blocks).at(-1)).toBe(
      'Recorded. To change it, use *Change answer* on the check-in above.',
    );
    expect(reminder.text).toBe(buildRecordedMessage(prompt, sold).text);
  });

  it('escapes what the rep typed', () => {
    const message = buildRecordedMessage(prompt, {
      ...sold,
      description: '<script>alert(1)</script>',
      account: 'Smith & Sons',
      wonBecause: '<!channel> they said yes',
    });
    const all = `${message.text}\n${mrkdwnTexts(message.blocks).join('\n')}`;
    expect(all).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(all).toContain('Smith &amp; Sons');
    expect(all).toContain('&lt;!channel&gt;');
    expect(all).not.toMatch(/<script>|<!channel>/);
  });

  it('stays under 3,000 characters per section with every field at its longest', () => {
    const worst = '&<'.repeat(1500);
    const answers: RecordedAnswer[] = [
      { ...sold, description: worst, account: worst, wonBecause: worst },
      { outcome: 'tried', whatHappened: worst, skill: 'does_not_know' },
      { outcome: 'did_not_try', obstacle: 'other', detail: worst },
    ];
    for (const answer of answers) {
      expectWithinSlackLimits(buildRecordedMessage({ ...prompt, question: worst }, answer), 50);
    }
  });
});

describe('reminder message', () => {
  it('asks again with the same buttons on the same check-in and shows social proof', () => {
    const message = buildReminderMessage({ ...prompt, answeredTeammates: 6, teammates: 8 });
    expect(message.text).toBe("Still time for today's check-in: did you sell anything yesterday?");
    expect(buttons(message.blocks).map((b) => [b.action_id, b.value])).toEqual([
      [CHECK_IN_ACTIONS.sold, '4711'],
      [CHECK_IN_ACTIONS.notSold, '4711'],
    ]);
    expect(mrkdwnTexts(message.blocks)).toContain('6 of 8 teammates have answered');
    expectWithinSlackLimits(message, 50);
  });

  it('omits social proof without teammates and words the edge cases', () => {
    const alone = buildReminderMessage({ ...prompt, answeredTeammates: 0, teammates: 0 });
    expect(alone.blocks.map((b) => b.block_id)).not.toContain(CHECK_IN_MESSAGE_BLOCKS.socialProof);
    const one = buildReminderMessage({ ...prompt, answeredTeammates: 1, teammates: 1 });
    expect(mrkdwnTexts(one.blocks)).toContain('1 of 1 teammate has answered');
    const none = buildReminderMessage({ ...prompt, answeredTeammates: 0, teammates: 5 });
    expect(mrkdwnTexts(none.blocks)).toContain('None of your teammates has answered yet.');
    const over = buildReminderMessage({ ...prompt, answeredTeammates: 9, teammates: 5 });
    expect(mrkdwnTexts(over.blocks)).toContain('5 of 5 teammates have answered');
  });

  it('names the weekday when the day asked about is not yesterday', () => {
    const message = buildReminderMessage({
      ...prompt,
      localDate: '2026-03-09',
      aboutDate: '2026-03-06',
      answeredTeammates: 1,
      teammates: 3,
    });
    expect(message.text).toContain('did you sell anything on Friday?');
  });
});

describe('closed check-in notice', () => {
  it('says answers can be changed only until the next prompt', () => {
    expect(buildClosedCheckInNotice().text).toMatch(/only until the next prompt/);
  });
});

describe('sale modal', () => {
  it('carries the id, its callback id and every field, preselecting the default currency', () => {
    const view = buildSaleModal('4711', { defaultCurrency: 'EUR' });
    expect(view).toMatchObject({
      type: 'modal',
      callback_id: CHECK_IN_MODALS.sale,
      private_metadata: '4711',
    });
    expect(parseCheckInReference(view.private_metadata)).toBe('4711');
    expect(view.blocks.map((b) => b.block_id)).toEqual([
      F.saleDescription.blockId,
      F.saleAmount.blockId,
      F.saleCurrency.blockId,
      F.saleAccount.blockId,
      F.saleWonBecause.blockId,
    ]);
    const currency = view.blocks[2] as {
      element: { initial_option?: { value: string }; options: unknown[] };
    };
    expect(currency.element.initial_option?.value).toBe('EUR');
    expect(currency.element.options).toHaveLength(SALE_CURRENCIES.length);
    expect(JSON.stringify(view)).toContain('What won it — what did the customer do that made them decide?');
    expectWithinSlackLimits(view, 100);
  });

  it('enforces 3,000 characters on every text field and requires them', () => {
    const view = buildSaleModal('4711', { defaultCurrency: 'USD' });
    walk(view.blocks, (node) => {
      if (node.type === 'input') expect(node.optional).not.toBe(true);
    });
    for (const field of [F.saleDescription, F.saleAccount, F.saleWonBecause]) {
      const block = view.blocks.find((b) => b.block_id === field.blockId) as {
        element: { action_id: string; max_length: number };
      };
      expect(block.element).toMatchObject({ action_id: field.actionId, max_length: 3000 });
    }
  });

  it('prefills from the previous answer, raw (plain text is not escaped)', () => {
    const view = buildSaleModal('4711', {
      defaultCurrency: 'USD',
      previous: {
        description: 'Seats & support',
        amount: '1200.50',
        currency: 'GBP',
        account: 'Acme',
        wonBecause: 'Pilot <worked>',
      },
    });
    const initial: Record<string, unknown> = {};
    walk(view.blocks, (node) => {
      if (typeof node.action_id === 'string') {
        initial[node.action_id] = node.initial_value ?? (node.initial_option as { value: string })?.value;
      }
    });
    expect(initial).toEqual({
      [F.saleDescription.actionId]: 'Seats & support',
      [F.saleAmount.actionId]: '1200.50',
      [F.saleCurrency.actionId]: 'GBP',
      [F.saleAccount.actionId]: 'Acme',
      [F.saleWonBecause.actionId]: 'Pilot <worked>',
    });
  });

  it('leaves the currency unselected when the default is not on the list', () => {
    const view = buildSaleModal('4711', { defaultCurrency: 'XYZ' });
    expect(
      (view.blocks[2] as { element: { initial_option?: unknown } }).element.initial_option,
    ).toBeUndefined();
  });
});

describe('tried and obstacle modals', () => {
  it('ask what happened and the skill question, prefilled from the previous answer', () => {
    const view = buildTriedModal('4711', { whatHappened: 'Called Acme', skill: 'unsure' });
    expect(view).toMatchObject({ callback_id: CHECK_IN_MODALS.tried, private_metadata: '4711' });
    const [what, skill] = view.blocks as unknown as [InputLike, InputLike];
    expect(what.block_id).toBe(F.triedWhatHappened.blockId);
    expect(what.element).toMatchObject({ multiline: true, max_length: 3000, initial_value: 'Called Acme' });
    expect(skill.block_id).toBe(F.triedSkill.blockId);
    expect(
      (skill.element.options as Array<{ value: string; text: { text: string } }>).map((o) => [
        o.text.text,
        o.value,
      ]),
    ).toEqual([
      ['Yes', 'knows'],
      ['Not sure', 'unsure'],
      ['No', 'does_not_know'],
    ]);
    expect(skill.element.initial_option).toMatchObject({ value: 'unsure' });
    expect(JSON.stringify(buildTriedModal('4711'))).not.toContain('initial_');
    expectWithinSlackLimits(view, 100);
  });

  it('offer every obstacle, with an optional note, prefilled from the previous answer', () => {
    const view = buildObstacleModal('4711', { obstacle: 'other', detail: 'Sick day' });
    expect(view).toMatchObject({ callback_id: CHECK_IN_MODALS.obstacle, private_metadata: '4711' });
    const [choiceBlock, detail] = view.blocks as unknown as [InputLike, InputLike];
    expect(choiceBlock.block_id).toBe(F.obstacle.blockId);
    expect(
      (choiceBlock.element.options as Array<{ value: string; text: { text: string } }>).map((o) => [
        o.value,
        o.text.text,
      ]),
    ).toEqual(Object.entries(OBSTACLE_LABELS));
    expect(choiceBlock.element.initial_option).toMatchObject({ value: 'other' });
    expect(detail).toMatchObject({ block_id: F.obstacleDetail.blockId, optional: true });
    expect(detail.element).toMatchObject({ max_length: 3000, initial_value: 'Sick day' });
    expectWithinSlackLimits(view, 100);
  });

  it('refuse to build around an id the parser would not accept', () => {
    expect(() => buildTriedModal('12; drop')).toThrow(RangeError);
    expect(() => buildObstacleModal('')).toThrow(RangeError);
  });
});

describe('parseSaleSubmission', () => {
  it('normalises a valid sale', () => {
    expect(parseSaleSubmission(saleState({ description: '  12 seats  ', currency: 'usd' }))).toEqual({
      ok: true,
      value: {
        description: '12 seats',
        amount: '1200.50',
        currency: 'USD',
        account: 'Acme',
        wonBecause: 'Their CFO asked for the contract after the pilot.',
      },
    });
  });

  it.each([
    ['1,200.50', '1200.50'],
    ['1200.5', '1200.50'],
    ['1200', '1200.00'],
    [' 0 ', '0.00'],
    ['0.99', '0.99'],
    ['007', '7.00'],
    ['1,234,567', '1234567.00'],
    ['999,999,999,999.99', '999999999999.99'],
  ])('reads the amount %j as %j', (amount, expected) => {
    const parsed = parseSaleSubmission(saleState({ amount }));
    expect(parsed.ok && parsed.value.amount).toBe(expected);
  });

  it.each([
    ['-5', "can't be negative"],
    ['−1,200', "can't be negative"],
    ['abc', 'Enter an amount like 1200 or 1200.50'],
    ['$1200', 'Enter an amount like 1200 or 1200.50'],
    ['1.200,50', 'Enter an amount like 1200 or 1200.50'],
    ['12,00', 'Enter an amount like 1200 or 1200.50'],
    ['1e5', 'Enter an amount like 1200 or 1200.50'],
    ['1200.505', 'at most 2 decimals'],
    ['1,000,000,000,000', 'more than 999,999,999,999.99'],
    ['1000000000000.00', 'more than 999,999,999,999.99'],
    ['', 'Enter the amount'],
    ['   ', 'Enter the amount'],
  ])('refuses the amount %j on the amount block', (amount, message) => {
    const parsed = parseSaleSubmission(saleState({ amount }));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(Object.keys(parsed.errors)).toEqual([F.saleAmount.blockId]);
    expect(parsed.errors[F.saleAmount.blockId]).toContain(message);
  });

  it('refuses text over 3,000 characters even when the client ignored max_length', () => {
    const parsed = parseSaleSubmission(
      saleState({ description: longText, account: longText, won: longText }),
    );
    expect(parsed).toEqual({
      ok: false,
      errors: {
        [F.saleDescription.blockId]: 'Use at most 3,000 characters (this has 5,000).',
        [F.saleAccount.blockId]: 'Use at most 3,000 characters (this has 5,000).',
        [F.saleWonBecause.blockId]: 'Use at most 3,000 characters (this has 5,000).',
      },
    });
  });

  it('accepts exactly 3,000 characters', () => {
    expect(parseSaleSubmission(saleState({ won: 'y'.repeat(3000) })).ok).toBe(true);
  });

  it('reports every empty or whitespace-only required field at once', () => {
    const parsed = parseSaleSubmission({
      ...text(F.saleDescription, '   '),
      ...text(F.saleAmount, null),
      ...choice(F.saleCurrency, null, 'static_select'),
      ...text(F.saleAccount, '\n\t'),
    });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(Object.keys(parsed.errors).sort()).toEqual(
      [
        F.saleDescription.blockId,
        F.saleAmount.blockId,
        F.saleCurrency.blockId,
        F.saleAccount.blockId,
        F.saleWonBecause.blockId,
      ].sort(),
    );
    expect(parsed.errors[F.saleWonBecause.blockId]).toMatch(/what the customer did/);
  });

  it('refuses a currency that is not on the list', () => {
    expect(parseSaleSubmission(saleState({ currency: 'XYZ' }))).toEqual({
      ok: false,
      errors: { [F.saleCurrency.blockId]: 'Pick a currency from the list.' },
    });
  });

  it('round-trips: a parsed sale reopens prefilled and parses to the same answer', () => {
    const first = parseSaleSubmission(saleState());
    if (!first.ok) throw new Error('expected a valid sale');
    const view = buildSaleModal('4711', { defaultCurrency: 'EUR', previous: first.value });
    const state: ViewStateValues = {};
    walk(view.blocks, (node) => {
      if (node.type !== 'input') return;
      const element = node.element as Json;
      state[node.block_id as string] = {
        [element.action_id as string]: {
          type: element.type as string,
          value: (element.initial_value as string | undefined) ?? null,
          selected_option: (element.initial_option as { value: string } | undefined) ?? null,
        },
      };
    });
    expect(parseSaleSubmission(state)).toEqual(first);
  });
});

describe('parseTriedSubmission', () => {
  it('reads what happened and the skill', () => {
    expect(
      parseTriedSubmission({
        ...text(F.triedWhatHappened, ' Demoed to Acme '),
        ...choice(F.triedSkill, 'knows'),
      }),
    ).toEqual({ ok: true, value: { whatHappened: 'Demoed to Acme', skill: 'knows' } });
  });

  it('requires both, keyed by block', () => {
    const parsed = parseTriedSubmission({ ...text(F.triedWhatHappened, ' '), ...choice(F.triedSkill, null) });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(Object.keys(parsed.errors).sort()).toEqual(
      [F.triedSkill.blockId, F.triedWhatHappened.blockId].sort(),
    );
  });

  it('refuses a skill value we never offered and over-long text', () => {
    const parsed = parseTriedSubmission({
      ...text(F.triedWhatHappened, longText),
      ...choice(F.triedSkill, 'guru'),
    });
    expect(parsed).toEqual({
      ok: false,
      errors: {
        [F.triedWhatHappened.blockId]: 'Use at most 3,000 characters (this has 5,000).',
        [F.triedSkill.blockId]: 'Pick Yes, Not sure or No.',
      },
    });
  });
});

describe('parseObstacleSubmission', () => {
  it('reads an obstacle with an optional note', () => {
    expect(
      parseObstacleSubmission({ ...choice(F.obstacle, 'admin_work'), ...text(F.obstacleDetail, null) }),
    ).toEqual({
      ok: true,
      value: { obstacle: 'admin_work', detail: '' },
    });
    expect(
      parseObstacleSubmission({ ...choice(F.obstacle, 'other'), ...text(F.obstacleDetail, ' Jury duty ') }),
    ).toEqual({ ok: true, value: { obstacle: 'other', detail: 'Jury duty' } });
  });

  it('requires a note when the rep picks Other', () => {
    expect(
      parseObstacleSubmission({ ...choice(F.obstacle, 'other'), ...text(F.obstacleDetail, '  ') }),
    ).toEqual({
      ok: false,
      errors: { [F.obstacleDetail.blockId]: 'Tell us what got in the way.' },
    });
  });

  it('requires an obstacle from the list and caps the note', () => {
    expect(parseObstacleSubmission({})).toEqual({
      ok: false,
      errors: { [F.obstacle.blockId]: 'Pick what got in the way.' },
    });
    expect(
      parseObstacleSubmission({ ...choice(F.obstacle, 'none'), ...text(F.obstacleDetail, longText) }),
    ).toEqual({
      ok: false,
      errors: {
        [F.obstacle.blockId]: 'Pick what got in the way.',
        [F.obstacleDetail.blockId]: 'Use at most 3,000 characters (this has 5,000).',
      },
    });
  });
});

describe('mrkdwn helpers', () => {
  it('escape the three control characters only', () => {
    expect(escapeMrkdwn('<script> & *bold*')).toBe('&lt;script&gt; &amp; *bold*');
  });

  it('clip without splitting an entity or a surrogate pair', () => {
    expect(clipMrkdwn('&&&&', 12)).toBe('&amp;&amp;…');
    expect(clipMrkdwn('😀😀😀', 5)).toBe('😀😀…');
    expect(clipMrkdwn('short', 10)).toBe('short');
  });
});

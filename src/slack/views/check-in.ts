import type { ActionsBlock, Button, KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { z } from 'zod';
import type { Introduction, PromptContent } from '../../domain/coaching/check-ins.js';
import {
  type CheckInAnswer,
  type DidNotTryAnswer,
  OBSTACLE_LABELS,
  type Obstacle,
  type SaleAnswer,
  SKILL_LABELS,
  type Skill,
  type TriedAnswer,
} from '../../domain/coaching/vocabulary.js';
import { type AmountProblem, parseTypedAmount, tooLong } from '../../domain/typed-input.js';
import { calendarDate, formatDate, formatWeekday } from './dates.js';
import { buildFollowUpBlocks, FOLLOW_UP_BLOCKS } from './follow-ups.js';
import { formatMoney } from './money.js';
import { clipMrkdwn, escapeMrkdwn, oneLine } from './mrkdwn.js';
import { parseRowId, rowId } from './row-ids.js';

export const CHECK_IN_ACTIONS = {
  sold: 'check_in_sold',
  notSold: 'check_in_not_sold',
  tried: 'check_in_tried',
  didNotTry: 'check_in_did_not_try',
  change: 'check_in_change',
} as const;

/** callback_ids of the three answer modals. */
export const CHECK_IN_MODALS = {
  sale: 'check_in_sale',
  tried: 'check_in_tried_modal',
  obstacle: 'check_in_obstacle',
} as const;

/** block_ids of the DM; the same ids across prompt, reminder and recorded states so chat.update swaps cleanly. */
export const CHECK_IN_MESSAGE_BLOCKS = {
  introduction: 'check_in_introduction',
  introductionPrivacy: 'check_in_introduction_privacy',
  question: 'check_in_question',
  soldButtons: 'check_in_sold_buttons',
  triedQuestion: 'check_in_tried_question',
  triedButtons: 'check_in_tried_buttons',
  recorded: 'check_in_recorded',
  changeButton: 'check_in_change_button',
  coachingQuestion: 'check_in_coaching_question',
  threadHint: 'check_in_thread_hint',
  socialProof: 'check_in_social_proof',
  closed: 'check_in_closed',
  answeredElsewhere: 'check_in_answered_elsewhere',
} as const;

/**
 * Input ids of the modals. The action_ids differ from the button action_ids above so a Bolt
 * `app.action` listener for a button can never fire on a modal field.
 */
export const CHECK_IN_FIELDS = {
  saleDescription: { blockId: 'sale_description', actionId: 'sale_description_value' },
  saleAmount: { blockId: 'sale_amount', actionId: 'sale_amount_value' },
  saleCurrency: { blockId: 'sale_currency', actionId: 'sale_currency_value' },
  saleAccount: { blockId: 'sale_account', actionId: 'sale_account_value' },
  saleWonBecause: { blockId: 'sale_won_because', actionId: 'sale_won_because_value' },
  triedWhatHappened: { blockId: 'tried_what_happened', actionId: 'tried_what_happened_value' },
  triedSkill: { blockId: 'tried_skill', actionId: 'tried_skill_value' },
  obstacle: { blockId: 'obstacle_choice', actionId: 'obstacle_choice_value' },
  obstacleDetail: { blockId: 'obstacle_detail', actionId: 'obstacle_detail_value' },
} as const;

export type CheckInField = (typeof CHECK_IN_FIELDS)[keyof typeof CHECK_IN_FIELDS];

/** Slack's cap for plain_text_input, and the longest free text a check-in keeps. */
export const MAX_TEXT_LENGTH = 3000;

/** The currencies a rep can pick; the parser accepts only these. */
export const SALE_CURRENCIES: ReadonlyArray<{ code: string; name: string }> = [
  { code: 'USD', name: 'US dollar' },
  { code: 'EUR', name: 'Euro' },
  { code: 'GBP', name: 'British pound' },
  { code: 'CAD', name: 'Canadian dollar' },
  { code: 'AUD', name: 'Australian dollar' },
  { code: 'NZD', name: 'New Zealand dollar' },
  { code: 'CHF', name: 'Swiss franc' },
  { code: 'JPY', name: 'Japanese yen' },
  { code: 'CNY', name: 'Chinese yuan' },
  { code: 'HKD', name: 'Hong Kong dollar' },
  { code: 'SGD', name: 'Singapore dollar' },
  { code: 'INR', name: 'Indian rupee' },
  { code: 'KRW', name: 'South Korean won' },
  { code: 'TWD', name: 'New Taiwan dollar' },
  { code: 'THB', name: 'Thai baht' },
  { code: 'MYR', name: 'Malaysian ringgit' },
  { code: 'IDR', name: 'Indonesian rupiah' },
  { code: 'PHP', name: 'Philippine peso' },
  { code: 'SEK', name: 'Swedish krona' },
  { code: 'NOK', name: 'Norwegian krone' },
  { code: 'DKK', name: 'Danish krone' },
  { code: 'PLN', name: 'Polish złoty' },
  { code: 'CZK', name: 'Czech koruna' },
  { code: 'HUF', name: 'Hungarian forint' },
  { code: 'RON', name: 'Romanian leu' },
  { code: 'TRY', name: 'Turkish lira' },
  { code: 'ILS', name: 'Israeli shekel' },
  { code: 'AED', name: 'UAE dirham' },
  { code: 'SAR', name: 'Saudi riyal' },
  { code: 'ZAR', name: 'South African rand' },
  { code: 'NGN', name: 'Nigerian naira' },
  { code: 'BRL', name: 'Brazilian real' },
  { code: 'MXN', name: 'Mexican peso' },
  { code: 'ARS', name: 'Argentine peso' },
  { code: 'CLP', name: 'Chilean peso' },
  { code: 'COP', name: 'Colombian peso' },
];

const CURRENCY_CODES = SALE_CURRENCIES.map((currency) => currency.code);

const SKILL_CHOICES: ReadonlyArray<{ skill: Skill; label: string }> = [
  { skill: 'knows', label: 'Yes' },
  { skill: 'unsure', label: 'Not sure' },
  { skill: 'does_not_know', label: 'No' },
];

const OBSTACLES = Object.keys(OBSTACLE_LABELS) as Array<Exclude<Obstacle, 'none'>>;

// ---------------------------------------------------------------------------------------------
// References

/** The check-in id a button value or a modal's private_metadata carries, or undefined for anything else. */
export const parseCheckInReference = parseRowId;

const reference = (checkInId: string) => rowId(checkInId, 'check-in');

// ---------------------------------------------------------------------------------------------
// The DM

export type { PromptContent };

/**
 * "yesterday", "on Friday" within the last week, a date beyond it. Reps read "yesterday" on a
 * Monday as Sunday, so the weekday is named whenever the day is not the previous calendar day.
 */
export function dayPhrase(localDate: string, aboutDate: string): string {
  const today = calendarDate(localDate);
  const about = calendarDate(aboutDate);
  const daysBack = Math.round(today.diff(about, 'days').days);
  if (daysBack === 0) return 'today';
  if (daysBack === 1) return 'yesterday';
  if (daysBack > 1 && daysBack <= 6) return `on ${formatWeekday(aboutDate)}`;
  return `on ${formatDate(aboutDate)}`;
}

function soldQuestion(p: PromptContent): string {
  return `Did you sell anything ${dayPhrase(p.localDate, p.aboutDate)}?`;
}

function section(blockId: string, text: string): KnownBlock {
  return { type: 'section', block_id: blockId, text: { type: 'mrkdwn', text } };
}

function context(blockId: string, text: string): KnownBlock {
  return { type: 'context', block_id: blockId, elements: [{ type: 'mrkdwn', text }] };
}

function button(text: string, actionId: string, value: string, primary = false): Button {
  return {
    type: 'button',
    action_id: actionId,
    text: { type: 'plain_text', text },
    value,
    ...(primary ? { style: 'primary' as const } : {}),
  };
}

function yesNo(blockId: string, yes: string, no: string, checkInId: string): ActionsBlock {
  return {
    type: 'actions',
    block_id: blockId,
    elements: [button('Yes', yes, checkInId, true), button('No', no, checkInId)],
  };
}

function coachingQuestion(question: string | null): KnownBlock[] {
  if (question === null || question.trim() === '') return [];
  return [
    section(
      CHECK_IN_MESSAGE_BLOCKS.coachingQuestion,
      `:bulb: *Today's question:* ${clipMrkdwn(question.trim(), 2800)}`,
    ),
    context(
      CHECK_IN_MESSAGE_BLOCKS.threadHint,
      'Reply in this thread to answer it; replies here are kept for the check-in.',
    ),
  ];
}

/** Commitments coming due, under the check-in and apart from it; in every state of the DM. */
function followUps(p: PromptContent): KnownBlock[] {
  const blocks = buildFollowUpBlocks(p.followUps);
  return blocks.length === 0 ? [] : [{ type: 'divider', block_id: FOLLOW_UP_BLOCKS.divider }, ...blocks];
}

const SLACK_USER_ID = /^[UW][A-Z0-9]{2,}$/;

/**
 * Above a rep's first question: what the bot is, who reads the answers and where to pause it, so the
 * first message from a bot nobody announced is not a bare question about their sales.
 */
function introduction(intro: Introduction | undefined): KnownBlock[] {
  if (intro === undefined) return [];
  const manager =
    intro.managerSlackUserId !== null && SLACK_USER_ID.test(intro.managerSlackUserId)
      ? `<@${intro.managerSlackUserId}>`
      : undefined;
  const purpose =
    manager === undefined
      ? ":wave: I'm *Sales Coach*, set up here so your team can coach a little every day."
      : `:wave: I'm *Sales Coach*, set up here so your manager ${manager} can coach you a little every day.`;
  // Without a manager today the answers still reach whoever becomes one: the rep is told so now.
  const readers =
    manager === undefined
      ? "you and the bot's admins (and your manager, once you have one)"
      : "you, your manager and the bot's admins";
  return [
    section(
      CHECK_IN_MESSAGE_BLOCKS.introduction,
      `${purpose} Each workday morning I'll ask how your last workday went; it takes a minute.`,
    ),
    context(
      CHECK_IN_MESSAGE_BLOCKS.introductionPrivacy,
      `Your answers are seen only by ${readers}; teammates see only the weekly standings. ` +
        'Pause me or change your time from my *Home* tab.',
    ),
  ];
}

/**
 * The morning DM: the question and Yes / No, with the coaching question under it when there is one,
 * and the rep's commitments coming due; on a rep's first, the bot introduces itself above them.
 */
export function buildPromptMessage(p: PromptContent): { text: string; blocks: KnownBlock[] } {
  const id = reference(p.checkInId);
  const question = soldQuestion(p);
  return {
    // The notification is all a rep sees of the first message before opening it.
    text: p.introduction === undefined ? question : `Hi, I'm Sales Coach. ${question}`,
    blocks: [
      ...introduction(p.introduction),
      section(CHECK_IN_MESSAGE_BLOCKS.question, `*${question}*`),
      yesNo(CHECK_IN_MESSAGE_BLOCKS.soldButtons, CHECK_IN_ACTIONS.sold, CHECK_IN_ACTIONS.notSold, id),
      ...coachingQuestion(p.question),
      ...followUps(p),
    ],
  };
}

/** The same DM after "No": the first answer stays visible, the follow-up takes the buttons. */
export function buildAskTriedMessage(p: PromptContent): { text: string; blocks: KnownBlock[] } {
  const id = reference(p.checkInId);
  return {
    text: 'Did you try?',
    blocks: [
      section(CHECK_IN_MESSAGE_BLOCKS.question, `${soldQuestion(p)} *No*`),
      section(CHECK_IN_MESSAGE_BLOCKS.triedQuestion, '*Did you try?*'),
      yesNo(CHECK_IN_MESSAGE_BLOCKS.triedButtons, CHECK_IN_ACTIONS.tried, CHECK_IN_ACTIONS.didNotTry, id),
      ...coachingQuestion(p.question),
      ...followUps(p),
    ],
  };
}

export type RecordedAnswer = CheckInAnswer;

/** What the DM shows once an answer is stored; the budgets keep the section under Slack's 3,000. */
export function summariseAnswer(answer: RecordedAnswer): string {
  switch (answer.outcome) {
    case 'sold':
      return (
        `:white_check_mark: *Sold:* ${oneLine(answer.description, 500)} to ${oneLine(answer.account, 300)}` +
        ` — ${escapeMrkdwn(formatMoney(answer.amount, answer.currency))}` +
        `\n*What won it:* ${clipMrkdwn(answer.wonBecause.trim(), 2000)}`
      );
    case 'tried':
      return `:muscle: *Tried:* ${clipMrkdwn(answer.whatHappened.trim(), 2500)} — ${SKILL_LABELS[answer.skill]}`;
    case 'did_not_try': {
      const detail = answer.detail.trim();
      return (
        `:construction: *Didn't try:* ${OBSTACLE_LABELS[answer.obstacle]}` +
        (detail === '' ? '' : ` — ${clipMrkdwn(detail, 2500)}`)
      );
    }
  }
}

function recordedFallback(answer: RecordedAnswer): string {
  switch (answer.outcome) {
    case 'sold':
      return (
        `Recorded: sold ${oneLine(answer.description, 100)} to ${oneLine(answer.account, 60)}` +
        ` — ${escapeMrkdwn(formatMoney(answer.amount, answer.currency))}`
      );
    case 'tried':
      return `Recorded: tried — ${SKILL_LABELS[answer.skill]}`;
    case 'did_not_try':
      return `Recorded: didn't try — ${OBSTACLE_LABELS[answer.obstacle]}`;
  }
}

/** The DM once an answer is stored, with "Change answer" until the next prompt. */
export function buildRecordedMessage(
  p: PromptContent,
  answer: RecordedAnswer,
): { text: string; blocks: KnownBlock[] } {
  const id = reference(p.checkInId);
  const blocks: KnownBlock[] = [
    section(CHECK_IN_MESSAGE_BLOCKS.question, soldQuestion(p)),
    section(CHECK_IN_MESSAGE_BLOCKS.recorded, summariseAnswer(answer)),
    {
      type: 'actions',
      block_id: CHECK_IN_MESSAGE_BLOCKS.changeButton,
      elements: [button('Change answer', CHECK_IN_ACTIONS.change, id)],
    },
  ];
  if (p.question !== null && p.question.trim() !== '') {
    blocks.push(
      section(
        CHECK_IN_MESSAGE_BLOCKS.coachingQuestion,
        `:bulb: *Today's question:* ${clipMrkdwn(p.question.trim(), 2800)}`,
      ),
    );
  }
  blocks.push(
    context(CHECK_IN_MESSAGE_BLOCKS.threadHint, 'Replies in this thread are kept for the check-in.'),
    ...followUps(p),
  );
  return { text: recordedFallback(answer), blocks };
}

function socialProof(answered: number, teammates: number): string | undefined {
  if (!Number.isFinite(teammates) || teammates <= 0) return undefined;
  const total = Math.floor(teammates);
  const done = Math.min(Math.max(0, Math.floor(Number.isFinite(answered) ? answered : 0)), total);
  // "0 of 8 have answered" reads as permission to skip; an invitation reads better.
  if (done === 0)
    return total === 1 ? 'Your teammate has not answered yet.' : 'None of your teammates has answered yet.';
  return `${done} of ${total} ${total === 1 ? 'teammate has' : 'teammates have'} answered`;
}

/** A second DM later in the day; its buttons act on the same check-in as the prompt's. */
export function buildReminderMessage(p: PromptContent & { answeredTeammates: number; teammates: number }): {
  text: string;
  blocks: KnownBlock[];
} {
  const id = reference(p.checkInId);
  const text = `Still time for today's check-in: did you sell anything ${dayPhrase(p.localDate, p.aboutDate)}?`;
  const blocks: KnownBlock[] = [
    section(CHECK_IN_MESSAGE_BLOCKS.question, `*${text}*`),
    yesNo(CHECK_IN_MESSAGE_BLOCKS.soldButtons, CHECK_IN_ACTIONS.sold, CHECK_IN_ACTIONS.notSold, id),
  ];
  const proof = socialProof(p.answeredTeammates, p.teammates);
  if (proof !== undefined) blocks.push(context(CHECK_IN_MESSAGE_BLOCKS.socialProof, proof));
  return { text, blocks };
}

/**
 * The reminder once the day is answered, from it or from the prompt: what was recorded, without
 * buttons, so it no longer asks a question that has its answer. Changing it stays on the prompt, one
 * place for the rep's day (and the one that carries the commitments).
 */
export function buildAnsweredReminderMessage(
  p: PromptContent,
  answer: RecordedAnswer,
): { text: string; blocks: KnownBlock[] } {
  return {
    text: recordedFallback(answer),
    blocks: [
      section(CHECK_IN_MESSAGE_BLOCKS.question, soldQuestion(p)),
      section(CHECK_IN_MESSAGE_BLOCKS.recorded, summariseAnswer(answer)),
      context(
        CHECK_IN_MESSAGE_BLOCKS.answeredElsewhere,
        'Recorded. To change it, use *Change answer* on the check-in above.',
      ),
    ],
  };
}

/**
 * A DM whose check-in closed when the next prompt went out, drawn again without buttons once someone
 * clicks one of its own: what was answered, or that nothing was. Commitments are left out, as the
 * newer prompt carries them.
 */
export function buildClosedCheckInMessage(
  p: PromptContent,
  answer: RecordedAnswer | undefined,
): { text: string; blocks: KnownBlock[] } {
  const closed = 'This check-in closed when the next prompt went out.';
  const blocks: KnownBlock[] = [section(CHECK_IN_MESSAGE_BLOCKS.question, soldQuestion(p))];
  if (answer !== undefined) blocks.push(section(CHECK_IN_MESSAGE_BLOCKS.recorded, summariseAnswer(answer)));
  blocks.push(
    context(CHECK_IN_MESSAGE_BLOCKS.closed, answer === undefined ? `Not answered. ${closed}` : closed),
  );
  return {
    text: answer === undefined ? `${soldQuestion(p)} Not answered.` : recordedFallback(answer),
    blocks,
  };
}

/** The ephemeral answer to a button or modal on a check-in that a newer prompt has closed. */
export function buildClosedCheckInNotice(): { text: string } {
  return {
    text:
      'This check-in is closed: answers can be changed only until the next prompt. ' +
      'Answer the latest check-in instead, or reply in its thread.',
  };
}

// ---------------------------------------------------------------------------------------------
// Modals

function modal(callbackId: string, title: string, checkInId: string, blocks: KnownBlock[]): ModalView {
  return {
    type: 'modal',
    callback_id: callbackId,
    title: { type: 'plain_text', text: title },
    submit: { type: 'plain_text', text: 'Save' },
    close: { type: 'plain_text', text: 'Cancel' },
    private_metadata: reference(checkInId),
    blocks,
  };
}

/** A stored answer can be longer than Slack lets initial_value be only through a bug; clip rather than fail views.open. */
function initialText(text: string | undefined): { initial_value?: string } {
  if (text === undefined || text === '') return {};
  let clipped = '';
  for (const character of text) {
    if (clipped.length + character.length > MAX_TEXT_LENGTH) break;
    clipped += character;
  }
  return { initial_value: clipped };
}

function textInput(
  field: CheckInField,
  label: string,
  options: { multiline?: boolean; optional?: boolean; initial?: string; hint?: string; placeholder?: string },
): KnownBlock {
  return {
    type: 'input',
    block_id: field.blockId,
    label: { type: 'plain_text', text: label },
    optional: options.optional ?? false,
    ...(options.hint === undefined ? {} : { hint: { type: 'plain_text' as const, text: options.hint } }),
    element: {
      type: 'plain_text_input',
      action_id: field.actionId,
      multiline: options.multiline ?? false,
      max_length: MAX_TEXT_LENGTH,
      ...(options.placeholder === undefined
        ? {}
        : { placeholder: { type: 'plain_text' as const, text: options.placeholder } }),
      ...initialText(options.initial),
    },
  };
}

function option(text: string, value: string): PlainTextOption {
  return { text: { type: 'plain_text', text }, value };
}

function currencyOption(code: string): PlainTextOption | undefined {
  const currency = SALE_CURRENCIES.find((c) => c.code === code.trim().toUpperCase());
  return currency === undefined ? undefined : option(`${currency.code} — ${currency.name}`, currency.code);
}

/** "Yes" opens this: the sale, its amount and what the customer did that made them decide. */
export function buildSaleModal(
  checkInId: string,
  options: {
    defaultCurrency: string;
    /** The one currency the rep's team standings count (ranked by revenue); said under the field. */
    countedCurrency?: string;
    previous?: SaleAnswer;
  },
): ModalView {
  const previous = options.previous;
  // A currency outside the list gets no preselection rather than one the parser would refuse.
  const initialCurrency = currencyOption(previous?.currency ?? options.defaultCurrency);
  return modal(CHECK_IN_MODALS.sale, 'Log a sale', checkInId, [
    textInput(CHECK_IN_FIELDS.saleDescription, 'What did you sell?', {
      initial: previous?.description,
      placeholder: 'e.g. 12 seats of the Pro plan',
    }),
    {
      type: 'input',
      block_id: CHECK_IN_FIELDS.saleAmount.blockId,
      label: { type: 'plain_text', text: 'Amount' },
      hint: { type: 'plain_text', text: 'A number like 1200 or 1,200.50' },
      element: {
        type: 'plain_text_input',
        action_id: CHECK_IN_FIELDS.saleAmount.actionId,
        max_length: 32,
        placeholder: { type: 'plain_text', text: '1200.50' },
        ...initialText(previous?.amount),
      },
    },
    {
      type: 'input',
      block_id: CHECK_IN_FIELDS.saleCurrency.blockId,
      label: { type: 'plain_text', text: 'Currency' },
      ...(options.countedCurrency === undefined
        ? {}
        : {
            hint: {
              type: 'plain_text',
              text: `Your team's standings count ${options.countedCurrency} sales only.`,
            },
          }),
      element: {
        type: 'static_select',
        action_id: CHECK_IN_FIELDS.saleCurrency.actionId,
        placeholder: { type: 'plain_text', text: 'Pick a currency' },
        options: SALE_CURRENCIES.map((c) => option(`${c.code} — ${c.name}`, c.code)),
        ...(initialCurrency === undefined ? {} : { initial_option: initialCurrency }),
      },
    },
    textInput(CHECK_IN_FIELDS.saleAccount, 'Which account?', {
      initial: previous?.account,
      placeholder: 'e.g. Acme Ltd',
    }),
    textInput(
      CHECK_IN_FIELDS.saleWonBecause,
      'What won it — what did the customer do that made them decide?',
      {
        multiline: true,
        initial: previous?.wonBecause,
        hint: "The customer's actions, not yours: who decided, what they compared, what tipped it.",
      },
    ),
  ]);
}

/** "Tried: Yes" opens this: what happened, and the skill question. */
export function buildTriedModal(checkInId: string, previous?: TriedAnswer): ModalView {
  const choices = SKILL_CHOICES.map((choice) => option(choice.label, choice.skill));
  const initial = choices.find((choice) => choice.value === previous?.skill);
  return modal(CHECK_IN_MODALS.tried, 'You tried', checkInId, [
    textInput(CHECK_IN_FIELDS.triedWhatHappened, 'What happened when you tried?', {
      multiline: true,
      initial: previous?.whatHappened,
    }),
    {
      type: 'input',
      block_id: CHECK_IN_FIELDS.triedSkill.blockId,
      label: { type: 'plain_text', text: 'Did you know what to do next?' },
      element: {
        type: 'radio_buttons',
        action_id: CHECK_IN_FIELDS.triedSkill.actionId,
        options: choices,
        ...(initial === undefined ? {} : { initial_option: initial }),
      },
    },
  ]);
}

/** "Tried: No" opens this: the obstacle from the short list, and a note (required for "Other"). */
export function buildObstacleModal(checkInId: string, previous?: DidNotTryAnswer): ModalView {
  const choices = OBSTACLES.map((obstacle) => option(OBSTACLE_LABELS[obstacle], obstacle));
  const initial = choices.find((choice) => choice.value === previous?.obstacle);
  return modal(CHECK_IN_MODALS.obstacle, 'What got in the way', checkInId, [
    {
      type: 'input',
      block_id: CHECK_IN_FIELDS.obstacle.blockId,
      label: { type: 'plain_text', text: 'What got in the way?' },
      element: {
        type: 'radio_buttons',
        action_id: CHECK_IN_FIELDS.obstacle.actionId,
        options: choices,
        ...(initial === undefined ? {} : { initial_option: initial }),
      },
    },
    textInput(CHECK_IN_FIELDS.obstacleDetail, 'Anything to add?', {
      multiline: true,
      optional: true,
      initial: previous?.detail,
      hint: 'Needed if you pick Other.',
    }),
  ]);
}

// ---------------------------------------------------------------------------------------------
// Parsers

export type ViewStateValues = Record<
  string,
  Record<string, { type: string; value?: string | null; selected_option?: { value: string } | null }>
>;

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: Record<string, string> };

function readText(values: ViewStateValues, field: CheckInField): string {
  const value = values[field.blockId]?.[field.actionId]?.value;
  return typeof value === 'string' ? value : '';
}

function readChoice(values: ViewStateValues, field: CheckInField): string {
  const value = values[field.blockId]?.[field.actionId]?.selected_option?.value;
  return typeof value === 'string' ? value : '';
}

// Slack clients may skip max_length (older apps, API-built views), so the limit is checked here too.
function limitedText(emptyMessage: string | null) {
  return z
    .string()
    .trim()
    .superRefine((text, ctx) => {
      if (emptyMessage !== null && text === '') ctx.addIssue({ code: 'custom', message: emptyMessage });
      const overLimit = tooLong(text, MAX_TEXT_LENGTH);
      if (overLimit !== undefined) ctx.addIssue({ code: 'custom', message: overLimit });
    });
}

const AMOUNT_HELP = 'Enter an amount like 1200 or 1200.50.';

const AMOUNT_PROBLEMS: Readonly<Record<AmountProblem, string>> = {
  empty: `Enter the amount (0 is fine). ${AMOUNT_HELP}`,
  negative: "The amount can't be negative.",
  malformed: AMOUNT_HELP,
  decimals: 'Use at most 2 decimals, like 1200.50.',
  too_large: 'That is more than 999,999,999,999.99. Check the amount.',
};

/** The amount as a rep types it → '1200.50', read as every form reads amounts. */
const amountSchema = z.string().transform((raw, ctx) => {
  const parsed = parseTypedAmount(raw);
  if ('amount' in parsed) return parsed.amount;
  ctx.addIssue({ code: 'custom', message: AMOUNT_PROBLEMS[parsed.problem] });
  return z.NEVER;
});

const currencySchema = z
  .string()
  .trim()
  .transform((code) => code.toUpperCase())
  .pipe(z.enum(CURRENCY_CODES as [string, ...string[]], { error: 'Pick a currency from the list.' }));

const skillSchema = z.enum(SKILL_CHOICES.map((choice) => choice.skill) as [Skill, ...Skill[]], {
  error: 'Pick Yes, Not sure or No.',
});

const obstacleSchema = z.enum(OBSTACLES as [Exclude<Obstacle, 'none'>, ...Array<Exclude<Obstacle, 'none'>>], {
  error: 'Pick what got in the way.',
});

/** Collects the first error of every field, so the rep sees all of them after one submit. */
class Fields {
  readonly errors: Record<string, string> = {};

  take<T>(field: CheckInField, schema: z.ZodType<T, string>, input: string): T | undefined {
    const result = schema.safeParse(input);
    if (result.success) return result.data;
    this.errors[field.blockId] = result.error.issues[0]?.message ?? 'Check this field.';
    return undefined;
  }

  fail(field: CheckInField, message: string): void {
    this.errors[field.blockId] ??= message;
  }

  done<T>(value: () => T): Parsed<T> {
    return Object.keys(this.errors).length > 0
      ? { ok: false, errors: this.errors }
      : { ok: true, value: value() };
  }
}

export function parseSaleSubmission(values: ViewStateValues): Parsed<SaleAnswer> {
  const f = new Fields();
  const F = CHECK_IN_FIELDS;
  const description = f.take(
    F.saleDescription,
    limitedText('Say what you sold.'),
    readText(values, F.saleDescription),
  );
  const amount = f.take(F.saleAmount, amountSchema, readText(values, F.saleAmount));
  const currency = f.take(F.saleCurrency, currencySchema, readChoice(values, F.saleCurrency));
  const account = f.take(F.saleAccount, limitedText('Name the account.'), readText(values, F.saleAccount));
  const wonBecause = f.take(
    F.saleWonBecause,
    limitedText('Tell us what the customer did that made them decide.'),
    readText(values, F.saleWonBecause),
  );
  return f.done(() => ({
    description: description!,
    amount: amount!,
    currency: currency!,
    account: account!,
    wonBecause: wonBecause!,
  }));
}

export function parseTriedSubmission(values: ViewStateValues): Parsed<TriedAnswer> {
  const f = new Fields();
  const F = CHECK_IN_FIELDS;
  const whatHappened = f.take(
    F.triedWhatHappened,
    limitedText('Tell us what happened when you tried.'),
    readText(values, F.triedWhatHappened),
  );
  const skill = f.take(F.triedSkill, skillSchema, readChoice(values, F.triedSkill));
  return f.done(() => ({ whatHappened: whatHappened!, skill: skill! }));
}

export function parseObstacleSubmission(values: ViewStateValues): Parsed<DidNotTryAnswer> {
  const f = new Fields();
  const F = CHECK_IN_FIELDS;
  const obstacle = f.take(F.obstacle, obstacleSchema, readChoice(values, F.obstacle));
  const detail = f.take(F.obstacleDetail, limitedText(null), readText(values, F.obstacleDetail));
  if (obstacle === 'other' && detail === '') f.fail(F.obstacleDetail, 'Tell us what got in the way.');
  return f.done(() => ({ obstacle: obstacle!, detail: detail! }));
}

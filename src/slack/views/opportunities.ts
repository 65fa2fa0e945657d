import type { Button, KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { z } from 'zod';
import type { OpportunitySummary } from '../../domain/deal-review/agenda.js';
import { BUYER_ACTIONS, type OpportunityStage, STAGE_LABELS } from '../../domain/deal-review/vocabulary.js';
import {
  formatDecisionMakers,
  OPPORTUNITY_TEXT_LIMITS,
  type OpportunityField,
  type OpportunityForm,
} from '../../domain/opportunities/fields.js';
import type {
  EditableOpportunity,
  OpenOpportunities,
  RepOpportunities,
  RepsWithDeals,
} from '../../domain/opportunities/service.js';
import { mention } from '../../domain/roster/permissions.js';
import { SALE_CURRENCIES } from './check-in.js';
import { formatDate } from './dates.js';
import { LIST_PAGE_ROWS, listPageBlocks } from './list-pages.js';
import { readJsonMetadata } from './metadata.js';
import { formatMoney } from './money.js';
import { escapeMrkdwn, mrkdwn, oneLine, plain, plainLine } from './mrkdwn.js';
import { parseRowId, ROW_ID } from './row-ids.js';

/**
 * A rep's opportunities on their App Home; a rep's list for their manager or an admin, opened from a
 * menu on the Home; and the one form that adds or edits a deal.
 */

export const OPPORTUNITY_ACTIONS = {
  add: 'opportunity_add',
  edit: 'opportunity_edit',
  /** "See all N" under the Home's first rows: the clicker's own list, with pages. */
  seeAll: 'opportunity_see_all',
} as const;

export const OPPORTUNITY_MODAL = 'opportunity_form';

/** block_id and action_id of each form input; errors come back keyed by the block_id. */
export const OPPORTUNITY_FIELDS = {
  account: { blockId: 'opportunity_account', actionId: 'opportunity_account_value' },
  name: { blockId: 'opportunity_name', actionId: 'opportunity_name_value' },
  amount: { blockId: 'opportunity_amount', actionId: 'opportunity_amount_value' },
  currency: { blockId: 'opportunity_currency', actionId: 'opportunity_currency_value' },
  stage: { blockId: 'opportunity_stage', actionId: 'opportunity_stage_value' },
  expectedCloseOn: { blockId: 'opportunity_close_on', actionId: 'opportunity_close_on_value' },
  probability: { blockId: 'opportunity_probability', actionId: 'opportunity_probability_value' },
  decisionMakers: { blockId: 'opportunity_decision_makers', actionId: 'opportunity_decision_makers_value' },
  problem: { blockId: 'opportunity_problem', actionId: 'opportunity_problem_value' },
  customerTimeline: { blockId: 'opportunity_timeline', actionId: 'opportunity_timeline_value' },
  buyerActions: { blockId: 'opportunity_buyer_actions', actionId: 'opportunity_buyer_actions_value' },
  buyerActionsNote: { blockId: 'opportunity_note', actionId: 'opportunity_note_value' },
} as const satisfies Record<OpportunityField, { blockId: string; actionId: string }>;

type Field = (typeof OPPORTUNITY_FIELDS)[OpportunityField];

/**
 * Rows the Home shows, closing soonest first; the rest are counted. With the other parts of the Home
 * this keeps the tab under Slack's 100 blocks.
 */
export const HOME_OPPORTUNITY_ROWS = 15;

function button(actionId: string, text: string, value?: string, style?: 'primary'): Button {
  return {
    type: 'button',
    action_id: actionId,
    text: plain(text),
    ...(value === undefined ? {} : { value }),
    ...(style ? { style } : {}),
  };
}

/** "*Acme* — 40 seats · EUR 12,000 · Proposal · closes Tue 15 Dec 2026 (pushed 2×)" */
function describeOpportunity(opportunity: OpportunitySummary): string {
  const pushed = opportunity.closeDatePushes > 0 ? ` (pushed ${opportunity.closeDatePushes}×)` : '';
  return [
    `*${oneLine(opportunity.account, 80)}* — ${oneLine(opportunity.name, 80)}`,
    escapeMrkdwn(formatMoney(opportunity.amount, opportunity.currency)),
    STAGE_LABELS[opportunity.stage],
    `closes ${formatDate(opportunity.expectedCloseOn)}${pushed}`,
  ].join(' · ');
}

/** The Home's "Your opportunities" part: one row per open deal with Edit, and Add opportunity. */
export function opportunityHomeBlocks(open: OpenOpportunities): KnownBlock[] {
  const blocks: KnownBlock[] = [
    {
      type: 'header',
      block_id: 'home_opportunities_header',
      text: plain(`Your opportunities (${open.total} open)`),
    },
  ];
  if (open.total === 0) {
    blocks.push({
      type: 'section',
      block_id: 'home_opportunities_none',
      text: mrkdwn(
        'No open opportunities yet. Add the deals you are working on, and your reviews start from them.',
      ),
    });
  }
  const shown = open.opportunities.slice(0, HOME_OPPORTUNITY_ROWS);
  blocks.push(...opportunityRows(shown, 'home_opportunity', OPPORTUNITY_ACTIONS.edit));
  const hidden = open.total - shown.length;
  if (hidden > 0) {
    blocks.push({
      type: 'context',
      block_id: 'home_opportunities_more',
      elements: [mrkdwn(`…and ${hidden} more closing later.`)],
    });
  }
  const actions = [button(OPPORTUNITY_ACTIONS.add, 'Add opportunity', undefined, 'primary')];
  // The rest are a click away, in the same list with pages a manager gets.
  if (hidden > 0) actions.push(button(OPPORTUNITY_ACTIONS.seeAll, `See all ${open.total}`));
  blocks.push({ type: 'actions', block_id: 'home_opportunities_actions', elements: actions });
  return blocks;
}

/** Deals as rows with Edit, in the order given (block ids `<rowPrefix>_<id>`). */
function opportunityRows(
  opportunities: readonly OpportunitySummary[],
  rowPrefix: string,
  editAction: string,
): KnownBlock[] {
  return opportunities.map((opportunity) => ({
    type: 'section',
    block_id: `${rowPrefix}_${opportunity.id}`,
    text: mrkdwn(describeOpportunity(opportunity)),
    accessory: button(editAction, 'Edit', opportunity.id),
  }));
}

// ------------------------------------------------------------------- a rep's list, for their manager

export const REP_OPPORTUNITY_ACTIONS = {
  pickRep: 'rep_opportunities_pick',
  edit: 'rep_opportunity_edit',
  /** "‹ Previous" and "Next 40 ›" under a list longer than a page. */
  previousPage: 'rep_opportunities_previous',
  nextPage: 'rep_opportunities_next',
} as const;

export const REP_OPPORTUNITY_MODALS = {
  list: 'rep_opportunities',
  notice: 'rep_opportunities_notice',
} as const;

/** Slack refuses a static select of more than 100 options. */
export const REP_MENU_OPTIONS = 100;

/** Rows a page of the list shows, closing soonest first. */
export const REP_OPPORTUNITY_ROWS = LIST_PAGE_ROWS;

const SLACK_USER_ID = /^[UW][A-Z0-9]{2,20}$/;

/**
 * "See a rep's opportunities…" on the Home of someone who may edit other reps' deals. Up to Slack's
 * 100 options the menu lists exactly those reps, by name. Beyond that Slack's user menu, which cannot
 * be filtered, lists everyone: picking someone who is not theirs is refused like any forged pick.
 */
export function repOpportunitiesMenuBlocks(reps: RepsWithDeals, menuKey = ''): KnownBlock[] {
  if (reps.total === 0) return [];
  const placeholder = plain("See a rep's opportunities…");
  // Slack keeps a menu's pick across redraws of a block with the same id, and sends nothing when the
  // same rep is picked again: a new key per redraw shows the placeholder again.
  const blockId = menuKey === '' ? 'home_rep_opportunities' : `home_rep_opportunities_${menuKey}`;
  if (reps.total <= REP_MENU_OPTIONS) {
    const options = reps.reps
      .slice(0, REP_MENU_OPTIONS)
      .map((rep) => option(plainLine(rep.displayName, 75) || rep.slackUserId, rep.slackUserId));
    return [
      {
        type: 'actions',
        block_id: blockId,
        elements: [
          { type: 'static_select', action_id: REP_OPPORTUNITY_ACTIONS.pickRep, placeholder, options },
        ],
      },
    ];
  }
  return [
    {
      type: 'actions',
      block_id: blockId,
      elements: [{ type: 'users_select', action_id: REP_OPPORTUNITY_ACTIONS.pickRep, placeholder }],
    },
    {
      type: 'context',
      block_id: 'home_rep_opportunities_hint',
      elements: [
        mrkdwn(
          `${reps.total} reps are more than a menu of ${REP_MENU_OPTIONS} holds, so this one lists everyone in Slack: pick the rep.`,
        ),
      ],
    },
  ];
}

/** The rep picked in the Home's menu (a static or a user menu), or undefined for anything the bot did not offer. */
export function parseRepPick(action: {
  selected_option?: { value?: unknown } | null;
  selected_user?: unknown;
}): string | undefined {
  const picked = action.selected_option?.value ?? action.selected_user;
  return typeof picked === 'string' && SLACK_USER_ID.test(picked) ? picked : undefined;
}

/**
 * One page of a rep's open deals for their manager or an admin, each with Edit, which puts the form on
 * top of this list. A list longer than a page says which deals it shows and has Previous and Next.
 * The rep and the page travel in private_metadata, so the list can be drawn again after a change.
 */
export function buildRepOpportunitiesModal(list: RepOpportunities, viewerSlackUserId?: string): ModalView {
  const name = plainLine(list.rep.displayName, 100) || list.rep.slackUserId;
  const own = viewerSlackUserId === list.rep.slackUserId;
  const shown = list.opportunities.slice(0, REP_OPPORTUNITY_ROWS);
  const { showing, pages } = listPageBlocks({
    offset: list.offset,
    shown: shown.length,
    total: list.total,
    order: 'closing soonest first',
    blockIds: { showing: 'rep_opportunities_showing', pages: 'rep_opportunities_pages' },
    actions: { previous: REP_OPPORTUNITY_ACTIONS.previousPage, next: REP_OPPORTUNITY_ACTIONS.nextPage },
  });
  const blocks: KnownBlock[] = [
    {
      type: 'header',
      block_id: 'rep_opportunities_header',
      text: plain(`${own ? 'Your' : `${name}'s`} opportunities (${list.total} open)`),
    },
  ];
  if (list.total === 0) {
    blocks.push({
      type: 'section',
      block_id: 'rep_opportunities_none',
      text: mrkdwn(
        own
          ? 'You have no open opportunities.'
          : `${mention(list.rep.slackUserId)} has no open opportunities.`,
      ),
    });
  }
  blocks.push(
    ...showing,
    ...opportunityRows(shown, 'rep_opportunity', REP_OPPORTUNITY_ACTIONS.edit),
    ...pages,
  );
  const metadata: RepListShown = { repSlackUserId: list.rep.slackUserId, offset: list.offset };
  return {
    type: 'modal',
    callback_id: REP_OPPORTUNITY_MODALS.list,
    private_metadata: JSON.stringify(metadata),
    title: plain('Opportunities'),
    close: plain('Close'),
    blocks,
  };
}

/** Which list a modal shows: whose deals, from which one on (0 is the first page). */
export interface RepListShown {
  repSlackUserId: string;
  offset: number;
}

const repListMetadata = z.object({
  repSlackUserId: z.string().regex(SLACK_USER_ID),
  // A list drawn before lists had pages shows the first.
  offset: z.number().int().nonnegative().default(0),
});

/** Which list a modal shows, or undefined for metadata the bot did not write. */
export function parseRepOpportunitiesMetadata(privateMetadata: string): RepListShown | undefined {
  return readJsonMetadata(repListMetadata, privateMetadata);
}

/** Instead of a rep's list: why it cannot be shown (not their rep, not on the roster…). */
export function buildRepOpportunitiesNotice(message: string): ModalView {
  return {
    type: 'modal',
    callback_id: REP_OPPORTUNITY_MODALS.notice,
    title: plain('Opportunities'),
    close: plain('Close'),
    blocks: [{ type: 'section', block_id: 'rep_opportunities_notice', text: mrkdwn(message) }],
  };
}

// ---------------------------------------------------------------------------------------------- the form

/** The opportunity id an Edit button carries, or undefined for anything the bot did not write. */
export const parseOpportunityReference = parseRowId;

const VIEW_ID = /^V[A-Z0-9]{1,30}$/;

const formMetadata = z.object({
  opportunityId: z.string().regex(ROW_ID),
  // A form drawn before forms carried the version saves without the check, as it did then.
  version: z.number().int().positive().optional(),
  listViewId: z.string().regex(VIEW_ID).optional(),
  listOffset: z.number().int().nonnegative().optional(),
});

/** What a submitted form saves. */
export interface OpportunityFormTarget {
  /** The deal it edits; null for a new one. */
  opportunityId: string | null;
  /** The deal's version the form showed: saved only over that one. */
  version?: number;
  /** The rep's list the form was put on top of, drawn again once the deal is saved. */
  listViewId?: string;
  /** The page that list was on (its offset), drawn again; absent for the first. */
  listOffset?: number;
}

/**
 * The edit form's answer, on its first field, when the deal changed after the form was opened: saving
 * it would undo that change.
 */
export const OPPORTUNITY_CHANGED_SINCE_OPENED =
  'This opportunity was changed after you opened this form, so nothing was saved. Close the form and open it again to see the latest.';

/** What a submitted form saves, or undefined for metadata the bot did not write. */
export function parseOpportunityFormMetadata(privateMetadata: string): OpportunityFormTarget | undefined {
  if (privateMetadata === '') return { opportunityId: null };
  return readJsonMetadata(formMetadata, privateMetadata);
}

function option(text: string, value: string): PlainTextOption {
  return { text: plain(text), value };
}

const CURRENCY_OPTIONS = SALE_CURRENCIES.map((currency) =>
  option(`${currency.code} — ${currency.name}`, currency.code),
);
const STAGE_OPTIONS = (Object.keys(STAGE_LABELS) as OpportunityStage[]).map((stage) =>
  option(STAGE_LABELS[stage], stage),
);
const BUYER_ACTION_OPTIONS = Object.entries(BUYER_ACTIONS).map(([key, label]) => option(label, key));

function input(
  field: Field,
  label: string,
  element: Record<string, unknown>,
  extra: { optional?: boolean; hint?: string } = {},
): KnownBlock {
  return {
    type: 'input',
    block_id: field.blockId,
    label: plain(label),
    element: { ...element, action_id: field.actionId },
    ...(extra.optional ? { optional: true } : {}),
    ...(extra.hint ? { hint: plain(extra.hint) } : {}),
  } as KnownBlock;
}

function textElement(options: {
  maxLength: number;
  initial?: string | null | undefined;
  multiline?: boolean;
  placeholder?: string;
}): Record<string, unknown> {
  return {
    type: 'plain_text_input',
    multiline: options.multiline ?? false,
    max_length: options.maxLength,
    ...(options.initial ? { initial_value: options.initial } : {}),
    ...(options.placeholder ? { placeholder: plain(options.placeholder) } : {}),
  };
}

/**
 * Every field of a deal. `opportunity` fills the form to edit it; without it the form adds one, in
 * the default currency. Its version, when given, travels with the form so that saving cannot undo a
 * change made since. `listViewId` is the rep's list the form is put on top of, `listOffset` the page
 * it is on. The questions are about the buyer, as the review will ask them.
 */
export function buildOpportunityModal(options: {
  defaultCurrency: string;
  opportunity?: OpportunitySummary & Partial<Pick<EditableOpportunity, 'version'>>;
  listViewId?: string;
  listOffset?: number;
}): ModalView {
  const F = OPPORTUNITY_FIELDS;
  const current = options.opportunity;
  const initialCurrency = CURRENCY_OPTIONS.find(
    (candidate) => candidate.value === (current?.currency ?? options.defaultCurrency).trim().toUpperCase(),
  );
  const initialStage = STAGE_OPTIONS.find(
    (candidate) => candidate.value === (current?.stage ?? 'prospecting'),
  );
  const initialActions = BUYER_ACTION_OPTIONS.filter((candidate) =>
    (current?.buyerActions ?? []).some((key) => key === candidate.value),
  );
  const L = OPPORTUNITY_TEXT_LIMITS;
  return {
    type: 'modal',
    callback_id: OPPORTUNITY_MODAL,
    ...(current
      ? {
          private_metadata: JSON.stringify({
            opportunityId: current.id,
            ...(current.version === undefined ? {} : { version: current.version }),
            ...(options.listViewId === undefined ? {} : { listViewId: options.listViewId }),
            ...(options.listViewId === undefined || !options.listOffset
              ? {}
              : { listOffset: options.listOffset }),
          }),
        }
      : {}),
    title: plain(current ? 'Edit opportunity' : 'Add opportunity'),
    submit: plain('Save'),
    close: plain('Cancel'),
    blocks: [
      input(
        F.account,
        'Account',
        textElement({ maxLength: L.account, initial: current?.account, placeholder: 'e.g. Acme Ltd' }),
      ),
      input(
        F.name,
        'Opportunity',
        textElement({
          maxLength: L.name,
          initial: current?.name,
          placeholder: 'e.g. 40 seats of the Pro plan',
        }),
      ),
      input(
        F.amount,
        'Amount',
        textElement({ maxLength: 32, initial: current?.amount, placeholder: '12000' }),
        { hint: 'A number like 12000 or 12,000.50.' },
      ),
      input(F.currency, 'Currency', {
        type: 'static_select',
        placeholder: plain('Pick a currency'),
        options: CURRENCY_OPTIONS,
        ...(initialCurrency ? { initial_option: initialCurrency } : {}),
      }),
      input(F.stage, 'Stage', {
        type: 'static_select',
        options: STAGE_OPTIONS,
        ...(initialStage ? { initial_option: initialStage } : {}),
      }),
      input(F.expectedCloseOn, 'Expected close date', {
        type: 'datepicker',
        ...(current ? { initial_date: current.expectedCloseOn } : {}),
      }),
      input(
        F.probability,
        'Probability (%)',
        {
          type: 'number_input',
          is_decimal_allowed: false,
          min_value: '0',
          max_value: '100',
          ...(current ? { initial_value: String(current.probability) } : {}),
        },
        { hint: 'How likely it closes by that date, from 0 to 100.' },
      ),
      input(
        F.decisionMakers,
        'Who decides, and what does each buy on?',
        textElement({
          maxLength: L.decisionMakers,
          multiline: true,
          initial: current && formatDecisionMakers(current.decisionMakers),
          placeholder: 'Dana Reyes — CFO — payback within a year',
        }),
        { optional: true, hint: 'One per line: name — role — buying criteria.' },
      ),
      input(
        F.problem,
        'What problem do they have that we solve?',
        textElement({ maxLength: L.problem, multiline: true, initial: current?.problem }),
        { optional: true },
      ),
      input(
        F.customerTimeline,
        'Their timeline, and their process to buy',
        textElement({
          maxLength: L.customerTimeline,
          multiline: true,
          initial: current?.customerTimeline,
        }),
        { optional: true },
      ),
      input(
        F.buyerActions,
        'What has the customer done so far?',
        {
          type: 'checkboxes',
          options: BUYER_ACTION_OPTIONS,
          ...(initialActions.length > 0 ? { initial_options: initialActions } : {}),
        },
        { optional: true },
      ),
      input(
        F.buyerActionsNote,
        'Note',
        textElement({
          maxLength: L.buyerActionsNote,
          multiline: true,
          initial: current?.buyerActionsNote,
        }),
        { optional: true, hint: 'Anything else the customer did or said.' },
      ),
    ],
  };
}

/** view.state.values as Slack sends it: block_id → action_id → the element's state. */
export type OpportunityFormValues = Record<string, Record<string, object>>;

function stateOf(values: OpportunityFormValues, field: Field): Record<string, unknown> {
  return (values[field.blockId]?.[field.actionId] ?? {}) as Record<string, unknown>;
}

function stringOf(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function selectedValue(values: OpportunityFormValues, field: Field): string {
  const selected = stateOf(values, field).selected_option as { value?: unknown } | null | undefined;
  return stringOf(selected?.value);
}

/** The submitted form as text for the shared validator; every optional field counts as given. */
export function readOpportunitySubmission(values: OpportunityFormValues): OpportunityForm {
  const F = OPPORTUNITY_FIELDS;
  const text = (field: Field) => stringOf(stateOf(values, field).value);
  const checked = stateOf(values, F.buyerActions).selected_options;
  return {
    account: text(F.account),
    name: text(F.name),
    amount: text(F.amount),
    currency: selectedValue(values, F.currency),
    stage: selectedValue(values, F.stage),
    expectedCloseOn: stringOf(stateOf(values, F.expectedCloseOn).selected_date),
    probability: text(F.probability),
    decisionMakers: text(F.decisionMakers),
    problem: text(F.problem),
    customerTimeline: text(F.customerTimeline),
    buyerActions: Array.isArray(checked)
      ? checked.map((picked) => stringOf((picked as { value?: unknown }).value))
      : [],
    buyerActionsNote: text(F.buyerActionsNote),
  };
}

/** The validator's errors, keyed by the block that shows each. */
export function opportunityFormErrors(
  errors: Partial<Record<OpportunityField, string>>,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(errors).map(([field, message]) => [
      OPPORTUNITY_FIELDS[field as OpportunityField].blockId,
      message,
    ]),
  );
}

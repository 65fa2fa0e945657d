import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { z } from 'zod';
import type {
  CalibrationBucket,
  OpportunityMovement,
  OpportunitySummary,
  PeriodResult,
  ReviewAgenda,
} from '../../domain/deal-review/agenda.js';
import {
  type AnswerError,
  type AnswerField,
  type CommitmentInput,
  emptyForecast,
  type ForecastInput,
  MAX_COMMITMENTS,
  MAX_TEXT_LENGTH,
  type ReviewAnswers,
} from '../../domain/deal-review/validation.js';
import { BUYER_ACTIONS, BUYER_QUESTIONS, STAGE_LABELS } from '../../domain/deal-review/vocabulary.js';
import { formatDate, formatDateRange } from './dates.js';
import { formatMoney } from './money.js';
import { clipMrkdwn, escapeMrkdwn, mrkdwn, oneLine, plain, plainLine } from './mrkdwn.js';

/** The `/dealreview` modal: five parts over several pages of one view, with its ids and parsers. */

export const DEAL_REVIEW_MODALS = {
  review: 'deal_review',
  picker: 'deal_review_pick',
  loading: 'deal_review_loading',
  notice: 'deal_review_notice',
} as const;

export const DEAL_REVIEW_ACTIONS = { back: 'deal_review_back' } as const;

export const DEAL_REVIEW_PICKER_FIELD = {
  blockId: 'deal_review_rep',
  actionId: 'deal_review_rep_value',
} as const;

/** Slack refuses a view of more than 100 blocks. */
export const MAX_VIEW_BLOCKS = 100;
/**
 * Part 4 asks six things per deal (nine blocks with its heading); five deals a page keep a page
 * readable in a 30-minute review and far under the block limit. More deals mean more pages.
 */
export const DEALS_PER_PAGE = 5;
const SECTION_CHARACTERS = 2_900;
/** Room for the header, context, back button and the "…and N more" section around a list. */
const LIST_SECTIONS = MAX_VIEW_BLOCKS - 10;

export type ReviewStep =
  | { part: 'status' }
  | { part: 'new' }
  | { part: 'existing' }
  | { part: 'closing'; page: number }
  | { part: 'next' };

export const FIRST_STEP = 'status';

export function stepKey(step: ReviewStep): string {
  return step.part === 'closing' ? `closing-${step.page}` : step.part;
}

/** Every page of the review for this agenda, in order; part 4 is left out when no deal closes soon. */
export function reviewSteps(agenda: ReviewAgenda): ReviewStep[] {
  const pages = Math.ceil(agenda.closingSoon.length / DEALS_PER_PAGE);
  return [
    { part: 'status' },
    { part: 'new' },
    { part: 'existing' },
    ...Array.from({ length: pages }, (_, index) => ({ part: 'closing' as const, page: index + 1 })),
    { part: 'next' },
  ];
}

/** The stored step as a page of this agenda; a page that no longer exists (fewer deals) becomes the nearest one. */
export function stepOf(agenda: ReviewAgenda, key: string): ReviewStep {
  const steps = reviewSteps(agenda);
  const found = steps.find((step) => stepKey(step) === key);
  if (found !== undefined) return found;
  const page = /^closing-(\d+)$/.exec(key);
  if (page !== null) return steps.filter((step) => step.part === 'closing').at(-1) ?? { part: 'next' };
  return steps[0] as ReviewStep;
}

export function neighbourStep(agenda: ReviewAgenda, step: ReviewStep, direction: 1 | -1): ReviewStep {
  const steps = reviewSteps(agenda);
  const index = steps.findIndex((candidate) => stepKey(candidate) === stepKey(step));
  return steps[Math.min(Math.max(index + direction, 0), steps.length - 1)] as ReviewStep;
}

/** The deals one page of part 4 asks about. */
export function dealsOnPage(agenda: ReviewAgenda, page: number): OpportunitySummary[] {
  return agenda.closingSoon.slice((page - 1) * DEALS_PER_PAGE, page * DEALS_PER_PAGE);
}

// ---------------------------------------------------------------------------------------------
// private_metadata: only the draft id, its version and the page; the rest lives in review_drafts.

export interface ReviewReference {
  draftId: string;
  version: number;
  step: string;
}

const REFERENCE = /^(\d{1,18}):(\d{1,9}):([a-z]+(?:-\d{1,4})?)$/;

export function parseReviewReference(metadata: string | undefined): ReviewReference | undefined {
  const match = REFERENCE.exec(metadata ?? '');
  if (match === null) return undefined;
  return { draftId: match[1] as string, version: Number(match[2]), step: match[3] as string };
}

function reference(ref: ReviewReference): string {
  return `${ref.draftId}:${ref.version}:${ref.step}`;
}

// ---------------------------------------------------------------------------------------------
// Block ids

const FORECAST_SUFFIX: Record<keyof ForecastInput, string> = {
  buyerActions: 'actions',
  buyerActionsNote: 'actions_note',
  amount: 'amount',
  probability: 'probability',
  probabilityReason: 'reason',
  improveOdds: 'improve',
};

const COMMITMENT_SUFFIX: Record<keyof CommitmentInput, string> = {
  text: 'text',
  owner: 'owner',
  dueOn: 'due',
};

/** Every input's block id says what it is for; the action id inside is always `value`. */
export function reviewBlockId(field: AnswerField): string {
  return field.part === 'forecast'
    ? `forecast_${field.opportunityId}_${FORECAST_SUFFIX[field.field]}`
    : `commitment_${field.slot + 1}_${COMMITMENT_SUFFIX[field.field]}`;
}

const VALUE = 'value';

// ---------------------------------------------------------------------------------------------
// Small builders

function section(blockId: string, text: string): KnownBlock {
  return { type: 'section', block_id: blockId, text: mrkdwn(text) };
}

function context(blockId: string, texts: string[]): KnownBlock {
  return { type: 'context', block_id: blockId, elements: texts.map(mrkdwn) };
}

function header(blockId: string, text: string): KnownBlock {
  return { type: 'header', block_id: blockId, text: plain(text) };
}

function option(text: string, value: string): PlainTextOption {
  return { text: plain(text), value };
}

/** Lines packed into as few sections as fit; beyond `maxSections` the rest is counted, not shown. */
export function packedSections(prefix: string, lines: string[], maxSections = LIST_SECTIONS): KnownBlock[] {
  const sections: string[] = [];
  let current = '';
  for (const [index, line] of lines.entries()) {
    if (current !== '' && current.length + line.length + 1 > SECTION_CHARACTERS) {
      if (sections.length === maxSections - 1) {
        current += `\n…and ${lines.length - index} more.`;
        break;
      }
      sections.push(current);
      current = '';
    }
    current = current === '' ? line : `${current}\n${line}`;
  }
  if (current !== '') sections.push(current);
  return sections.map((text, index) => section(`${prefix}_${index}`, text));
}

function clipped(text: string | undefined): string | undefined {
  if (text === undefined || text === '') return undefined;
  return [...text].slice(0, MAX_TEXT_LENGTH).join('');
}

function textInput(
  blockId: string,
  label: string,
  options: { initial?: string; multiline?: boolean; optional?: boolean; hint?: string; maxLength?: number },
): KnownBlock {
  const initial = clipped(options.initial);
  return {
    type: 'input',
    block_id: blockId,
    label: plain(label),
    // Every field is optional to Slack: the checks are ours, so the messages are ours too.
    optional: true,
    ...(options.hint === undefined ? {} : { hint: plain(options.hint) }),
    element: {
      type: 'plain_text_input',
      action_id: VALUE,
      multiline: options.multiline ?? false,
      max_length: options.maxLength ?? MAX_TEXT_LENGTH,
      ...(initial === undefined ? {} : { initial_value: initial }),
    },
  };
}

function dealName(opportunity: OpportunitySummary): string {
  return `*${oneLine(opportunity.account, 120)}* — ${oneLine(opportunity.name, 200)}`;
}

function pushes(count: number): string {
  return count === 0 ? '' : ` · close date pushed ×${count}`;
}

// ---------------------------------------------------------------------------------------------
// Modals

/**
 * Opened at once with the trigger id, while part 1 is computed. The rep picker knows only the picked user's id before the ack, so it
 * names them with a mention, which Slack renders as their name.
 */
export function buildLoadingView(rep: { name: string } | { slackUserId: string }): ModalView {
  const whose = 'name' in rep ? `${oneLine(rep.name, 200)}’s` : `<@${rep.slackUserId}>’s`;
  return {
    type: 'modal',
    callback_id: DEAL_REVIEW_MODALS.loading,
    title: plain('Deal review'),
    close: plain('Close'),
    blocks: [
      section('deal_review_loading', `:hourglass_flowing_sand: Getting ${whose} numbers and deals ready…`),
    ],
  };
}

/** A review modal that cannot go on (saved elsewhere, refused): says why, with only a Close button. */
export function buildNoticeView(message: string): ModalView {
  return {
    type: 'modal',
    callback_id: DEAL_REVIEW_MODALS.notice,
    title: plain('Deal review'),
    close: plain('Close'),
    blocks: [section('deal_review_notice', message)],
  };
}

/** `/dealreview` without a rep: the manager picks one of their reps. */
export function buildRepPickerView(reps: ReadonlyArray<{ slackUserId: string; name: string }>): ModalView {
  return {
    type: 'modal',
    callback_id: DEAL_REVIEW_MODALS.picker,
    title: plain('Deal review'),
    submit: plain('Start review'),
    close: plain('Cancel'),
    blocks: [
      {
        type: 'input',
        block_id: DEAL_REVIEW_PICKER_FIELD.blockId,
        label: plain('Which rep are you reviewing?'),
        element: {
          type: 'static_select',
          action_id: DEAL_REVIEW_PICKER_FIELD.actionId,
          placeholder: plain('Pick a rep'),
          // Slack allows 100 options in a static select.
          options: reps
            .slice(0, 100)
            .map((rep) => option(plainLine(rep.name, 70) || rep.slackUserId, rep.slackUserId)),
        },
      },
    ],
  };
}

/** What a page of the review shows. */
export interface ReviewPageInput {
  draftId: string;
  version: number;
  reviewerName: string;
  /**
   * Whether the reviewer gets the manager digest, where the next steps they own are followed up;
   * without it (no rep reports to them) those stay on their App Home. Default true.
   */
  reviewerGetsDigest?: boolean;
  agenda: ReviewAgenda;
  answers: ReviewAnswers;
}

const PART_TITLES = {
  status: 'Status report',
  new: 'New opportunities',
  existing: 'Existing opportunities',
  closing: 'Deals closing within 30 days',
  next: 'Next steps',
} as const;

const PART_NUMBERS = { status: 1, new: 2, existing: 3, closing: 4, next: 5 } as const;

function progress(input: ReviewPageInput, step: ReviewStep): KnownBlock {
  const pages = Math.ceil(input.agenda.closingSoon.length / DEALS_PER_PAGE);
  const page = step.part === 'closing' && pages > 1 ? ` (page ${step.page} of ${pages})` : '';
  return context('deal_review_progress', [
    `Part ${PART_NUMBERS[step.part]} of 5 · *${PART_TITLES[step.part]}*${page} · reviewing ${oneLine(input.agenda.repName, 200)}`,
  ]);
}

const CLOSE_HINT = 'Close this any time: what you typed is kept, and `/dealreview` opens it again here.';

/** One page of the review; Next submits it, Back keeps it and goes one page back. */
export function buildReviewView(input: ReviewPageInput, step: ReviewStep): ModalView {
  const blocks: KnownBlock[] = [progress(input, step), ...partBlocks(input, step)];
  if (step.part !== 'status') {
    blocks.push({
      type: 'actions',
      block_id: 'deal_review_navigation',
      elements: [{ type: 'button', action_id: DEAL_REVIEW_ACTIONS.back, text: plain('Back'), value: 'back' }],
    });
  }
  blocks.push(context('deal_review_close_hint', [CLOSE_HINT]));
  return {
    type: 'modal',
    callback_id: DEAL_REVIEW_MODALS.review,
    title: plain('Deal review'),
    submit: plain(step.part === 'next' ? 'Save review' : 'Next'),
    close: plain('Close'),
    // Closing reaches the bot (view_closed), which keeps what was typed.
    notify_on_close: true,
    private_metadata: reference({ draftId: input.draftId, version: input.version, step: stepKey(step) }),
    blocks,
  };
}

function partBlocks(input: ReviewPageInput, step: ReviewStep): KnownBlock[] {
  switch (step.part) {
    case 'status':
      return statusReport(input);
    case 'new':
      return newOpportunities(input.agenda);
    case 'existing':
      return existingOpportunities(input.agenda);
    case 'closing':
      return dealsOnPage(input.agenda, step.page).flatMap((deal) => forecastBlocks(deal, input.answers));
    case 'next':
      return nextSteps(input);
  }
}

// Part 1 -------------------------------------------------------------------------------------

const PERIOD_NAMES: Record<PeriodResult['period'], string> = {
  year_to_date: 'Year to date',
  last_quarter: 'Last quarter',
  last_month: 'Last month',
};

function deals(count: number): string {
  const rounded = Math.round(count * 10) / 10;
  return `${rounded} ${rounded === 1 ? 'deal' : 'deals'}`;
}

function statusReport(input: ReviewPageInput): KnownBlock[] {
  const { agenda } = input;
  const { currency } = agenda.statusReport;
  const rep = oneLine(input.agenda.repName, 200);
  const blocks: KnownBlock[] = [header('status_header', 'Results')];
  for (const period of agenda.statusReport.periods) {
    const lines = [
      `*${PERIOD_NAMES[period.period]}* (${formatDateRange(period.from, period.to)})`,
      `${rep}: *${escapeMrkdwn(formatMoney(period.rep.revenue, currency))}* from ${deals(period.rep.deals)}`,
    ];
    if (period.teamAverage !== null) {
      lines.push(
        `Team average: ${escapeMrkdwn(formatMoney(period.teamAverage.revenue, currency))} from ${deals(period.teamAverage.deals)}`,
      );
    }
    blocks.push(section(`status_${period.period}`, lines.join('\n')));
  }
  if (agenda.statusReport.periods.some((period) => period.teamAverage === null)) {
    blocks.push(
      context('status_no_team', [
        `No team to compare with: ${rep} has no team and no manager on the roster.`,
      ]),
    );
  }
  const calibration = agenda.statusReport.calibration.filter((bucket) => bucket.decided > 0);
  if (calibration.length > 0) {
    blocks.push(
      section(
        'status_calibration',
        `*How past forecasts turned out*\n${calibration.map((bucket) => calibrationLine(rep, bucket)).join('\n')}`,
      ),
    );
  }
  blocks.push(...sinceLastReview(agenda));
  return blocks;
}

/**
 * "Sam's 80% deals: won 1 of 4". The reviewer reads it about the rep, so it names the rep (escaped
 * `rep`), and a single deal reads as one.
 */
function calibrationLine(rep: string, bucket: CalibrationBucket): string {
  if (bucket.decided === 1)
    return `${rep}'s one ${bucket.stated}% deal: ${bucket.won === 1 ? 'won' : 'lost'}`;
  return `${rep}'s ${bucket.stated}% deals: won ${bucket.won} of ${bucket.decided}`;
}

function sinceLastReview(agenda: ReviewAgenda): KnownBlock[] {
  const last = agenda.lastReview;
  if (last === null) {
    return [section('status_last_review', `This is the first review for ${oneLine(agenda.repName, 200)}.`)];
  }
  const done = last.commitments.filter((commitment) => commitment.status === 'done').length;
  const lines = last.commitments.map(
    (commitment) =>
      `${commitment.status === 'done' ? ':white_check_mark: Done' : ':white_square: Not done'}: ` +
      `${oneLine(commitment.text, 300)} — ${oneLine(commitment.ownerName, 100)}, due ${formatDate(commitment.dueOn)}`,
  );
  const moved = agenda.existingOpportunities.filter((movement) => movement.movedForward).length;
  const stuck = agenda.existingOpportunities.length - moved;
  const pushed = agenda.existingOpportunities.reduce(
    (sum, movement) => sum + movement.pushesSinceLastReview,
    0,
  );
  const changes =
    `*What changed since:* ${agenda.newOpportunities.length} new, ${moved} moved forward, ` +
    `${stuck} did not move; close dates pushed ${pushed} ${pushed === 1 ? 'time' : 'times'}.`;
  const commitments =
    last.commitments.length === 0
      ? 'No next steps were agreed.'
      : `Next steps agreed: ${done} of ${last.commitments.length} done.\n${lines.join('\n')}`;
  return [
    section('status_last_review', `*Since the last review (${formatDate(last.reviewedOn)})*\n${commitments}`),
    section('status_changes', changes),
  ];
}

// Parts 2 and 3 -------------------------------------------------------------------------------

function opportunityLine(opportunity: OpportunitySummary): string {
  return (
    `• ${dealName(opportunity)} · ${escapeMrkdwn(formatMoney(opportunity.amount, opportunity.currency))} · ` +
    `${STAGE_LABELS[opportunity.stage]} · closes ${formatDate(opportunity.expectedCloseOn)} · ${opportunity.probability}%`
  );
}

function newOpportunities(agenda: ReviewAgenda): KnownBlock[] {
  const title = agenda.lastReview === null ? 'Open opportunities' : 'New since the last review';
  const list = agenda.newOpportunities;
  if (list.length === 0) {
    const none = agenda.lastReview === null ? 'No open opportunities.' : 'No new opportunities.';
    return [header('new_header', title), section('new_none', none)];
  }
  return [
    header('new_header', `${title} (${list.length})`),
    ...packedSections('new', list.map(opportunityLine)),
  ];
}

function movementLine(movement: OpportunityMovement): string {
  const now = movement.opportunity;
  const stage =
    movement.stageThen === now.stage
      ? `still ${STAGE_LABELS[now.stage]}`
      : `${STAGE_LABELS[movement.stageThen]} → ${STAGE_LABELS[now.stage]}`;
  const date =
    movement.closeOnThen === now.expectedCloseOn
      ? ''
      : ` · close date ${formatDate(movement.closeOnThen)} → ${formatDate(now.expectedCloseOn)}`;
  return `• ${dealName(now)}: ${stage}${date}${pushes(movement.pushesSinceLastReview)}`;
}

function existingOpportunities(agenda: ReviewAgenda): KnownBlock[] {
  const moved = agenda.existingOpportunities.filter((movement) => movement.movedForward);
  const stuck = agenda.existingOpportunities.filter((movement) => !movement.movedForward);
  if (moved.length + stuck.length === 0) {
    return [
      header('existing_header', 'Existing opportunities'),
      section(
        'existing_none',
        agenda.lastReview === null
          ? 'First review: every open opportunity is in part 2. From the next review on, this part shows which moved forward since.'
          : 'No opportunities from before the last review are still open.',
      ),
    ];
  }
  // The two lists share the block budget, so a long one cannot push the other out.
  const half = Math.floor(LIST_SECTIONS / 2);
  return [
    header('existing_moved_header', `Moved forward (${moved.length})`),
    ...(moved.length === 0
      ? [section('existing_moved_none', 'None.')]
      : packedSections('existing_moved', moved.map(movementLine), half)),
    header('existing_stuck_header', `Did not move (${stuck.length})`),
    ...(stuck.length === 0
      ? [section('existing_stuck_none', 'None.')]
      : packedSections('existing_stuck', stuck.map(movementLine), half)),
  ];
}

// Part 4 -------------------------------------------------------------------------------------

function buyerFacts(deal: OpportunitySummary): string[] {
  const [problemQuestion, criteriaQuestion, , timelineQuestion] = BUYER_QUESTIONS;
  const answer = (question: string, known: string | null) =>
    known === null || known.trim() === ''
      ? `_${question}_ Not known yet.`
      : `_${question}_ ${clipMrkdwn(known.trim(), 800)}`;
  const makers = deal.decisionMakers
    .map((maker) =>
      [
        maker.name,
        maker.role ? ` (${maker.role})` : '',
        maker.buying_criteria ? `: ${maker.buying_criteria}` : '',
      ].join(''),
    )
    .join('; ');
  return [
    answer(problemQuestion, deal.problem),
    answer(criteriaQuestion, makers === '' ? null : makers),
    answer(timelineQuestion, deal.customerTimeline),
  ];
}

const BUYER_ACTION_OPTIONS = Object.entries(BUYER_ACTIONS).map(([value, label]) => option(label, value));

/** What a deal's fields start with: what was typed before, or else what the opportunity says. */
function forecastStart(deal: OpportunitySummary, answers: ReviewAnswers): ForecastInput {
  return (
    answers.forecasts[deal.id] ?? {
      ...emptyForecast(),
      buyerActions: deal.buyerActions,
      buyerActionsNote: deal.buyerActionsNote ?? '',
      amount: deal.amount,
      probability: String(deal.probability),
    }
  );
}

function forecastBlocks(deal: OpportunitySummary, answers: ReviewAnswers): KnownBlock[] {
  const typed = forecastStart(deal, answers);
  const id = (field: keyof ForecastInput) =>
    reviewBlockId({ part: 'forecast', opportunityId: deal.id, field });
  const chosen = BUYER_ACTION_OPTIONS.filter((choice) => typed.buyerActions.includes(choice.value as string));
  return [
    section(
      `deal_${deal.id}`,
      `${dealName(deal)}\n${escapeMrkdwn(formatMoney(deal.amount, deal.currency))} · ${STAGE_LABELS[deal.stage]} · closes ` +
        `${formatDate(deal.expectedCloseOn)} · ${deal.probability}% in the pipeline${pushes(deal.closeDatePushes)}`,
    ),
    context(`deal_${deal.id}_buyer`, buyerFacts(deal)),
    {
      type: 'input',
      block_id: id('buyerActions'),
      label: plain(BUYER_QUESTIONS[2]),
      optional: true,
      element: {
        type: 'checkboxes',
        action_id: VALUE,
        options: BUYER_ACTION_OPTIONS,
        ...(chosen.length === 0 ? {} : { initial_options: chosen }),
      },
    },
    textInput(id('buyerActionsNote'), 'Anything else the customer did?', { initial: typed.buyerActionsNote }),
    textInput(id('amount'), `Revenue (${deal.currency})`, { initial: typed.amount, maxLength: 32 }),
    textInput(id('probability'), 'The rep’s probability (%)', {
      initial: typed.probability,
      maxLength: 8,
      hint: 'A whole number from 0 to 100.',
    }),
    textInput(id('probabilityReason'), 'Why that number?', {
      initial: typed.probabilityReason,
      multiline: true,
      hint: 'What the customer has done that backs it: not what the rep did.',
    }),
    textInput(id('improveOdds'), 'What can the rep do to improve the odds?', {
      initial: typed.improveOdds,
      multiline: true,
    }),
    { type: 'divider', block_id: `deal_${deal.id}_end` },
  ];
}

// Part 5 -------------------------------------------------------------------------------------

function nextSteps(input: ReviewPageInput): KnownBlock[] {
  const blocks: KnownBlock[] = [
    header('next_header', 'Next steps'),
    context('next_hint', [
      input.reviewerGetsDigest === false
        ? `Agree on one to five next steps before the next review. Each needs an owner and a due date. The bot follows up ${oneLine(input.agenda.repName, 60)}'s in their daily check-in; yours stay listed on your App Home (no rep reports to you, so you get no daily digest to be asked in).`
        : 'Agree on one to five next steps before the next review. Each needs an owner and a due date; the bot follows them up.',
    ]),
  ];
  const owners = [
    option(`${plainLine(input.agenda.repName, 60)} (rep)`, 'rep'),
    option(`${plainLine(input.reviewerName, 60)} (you)`, 'manager'),
  ];
  for (let slot = 0; slot < MAX_COMMITMENTS; slot++) {
    const typed = input.answers.commitments[slot];
    const id = (field: keyof CommitmentInput) => reviewBlockId({ part: 'commitment', slot, field });
    const owner = owners.find((choice) => choice.value === typed?.owner);
    blocks.push(
      textInput(id('text'), `Next step ${slot + 1}`, { initial: typed?.text }),
      {
        type: 'input',
        block_id: id('owner'),
        label: plain('Who does it?'),
        optional: true,
        element: {
          type: 'radio_buttons',
          action_id: VALUE,
          options: owners,
          ...(owner === undefined ? {} : { initial_option: owner }),
        },
      },
      {
        type: 'input',
        block_id: id('dueOn'),
        label: plain('Due'),
        optional: true,
        element: {
          type: 'datepicker',
          action_id: VALUE,
          ...(typed?.dueOn ? { initial_date: typed.dueOn } : {}),
        },
      },
    );
  }
  return blocks;
}

// ---------------------------------------------------------------------------------------------
// Parsers

const elementState = z
  .object({
    value: z.string().nullish(),
    selected_option: z.object({ value: z.string() }).nullish(),
    selected_options: z.array(z.object({ value: z.string() })).nullish(),
    selected_date: z.string().nullish(),
  })
  .loose();

/** view.state.values as Slack sends it: block id → action id → the element's state. */
export const viewStateValues = z.record(z.string(), z.record(z.string(), elementState));
export type ReviewStateValues = z.infer<typeof viewStateValues>;

function read(values: ReviewStateValues, blockId: string) {
  return values[blockId]?.[VALUE];
}

function readText(values: ReviewStateValues, blockId: string): string {
  return read(values, blockId)?.value ?? '';
}

/** What the page the manager is on says; pages without fields say nothing. */
export function parseReviewPage(
  agenda: ReviewAgenda,
  step: ReviewStep,
  values: ReviewStateValues,
): Partial<ReviewAnswers> {
  if (step.part === 'closing') {
    const forecasts: Record<string, ForecastInput> = {};
    for (const deal of dealsOnPage(agenda, step.page)) {
      const id = (field: keyof ForecastInput) =>
        reviewBlockId({ part: 'forecast', opportunityId: deal.id, field });
      forecasts[deal.id] = {
        buyerActions: (read(values, id('buyerActions'))?.selected_options ?? []).map(
          (choice) => choice.value,
        ),
        buyerActionsNote: readText(values, id('buyerActionsNote')),
        amount: readText(values, id('amount')),
        probability: readText(values, id('probability')),
        probabilityReason: readText(values, id('probabilityReason')),
        improveOdds: readText(values, id('improveOdds')),
      };
    }
    return { forecasts };
  }
  if (step.part === 'next') {
    const commitments = Array.from({ length: MAX_COMMITMENTS }, (_, slot): CommitmentInput => {
      const id = (field: keyof CommitmentInput) => reviewBlockId({ part: 'commitment', slot, field });
      return {
        text: readText(values, id('text')),
        owner: read(values, id('owner'))?.selected_option?.value ?? '',
        dueOn: read(values, id('dueOn'))?.selected_date ?? '',
      };
    });
    return { commitments };
  }
  return {};
}

/** The picked rep's Slack user id, or undefined when nothing (or something odd) was picked. */
export function parsePickedRep(values: ReviewStateValues): string | undefined {
  const picked =
    values[DEAL_REVIEW_PICKER_FIELD.blockId]?.[DEAL_REVIEW_PICKER_FIELD.actionId]?.selected_option?.value;
  return picked !== undefined && /^[UW][A-Z0-9]{2,20}$/.test(picked) ? picked : undefined;
}

function stepLabel(agenda: ReviewAgenda, opportunityId: string): string {
  const index = agenda.closingSoon.findIndex((deal) => deal.id === opportunityId);
  const deal = agenda.closingSoon[index];
  const page = Math.floor(index / DEALS_PER_PAGE) + 1;
  return deal === undefined ? 'a deal in part 4' : `${deal.account} — ${deal.name} (part 4, page ${page})`;
}

/**
 * Errors keyed by block id for `response_action: 'errors'`. Slack shows errors only on inputs of the
 * view on screen, so a problem on another page is told on this page's first input.
 */
export function reviewErrors(
  view: ModalView,
  agenda: ReviewAgenda,
  errors: readonly AnswerError[],
): Record<string, string> {
  const inputs = view.blocks
    .filter((block) => block.type === 'input')
    .map((block) => block.block_id as string);
  const keyed: Record<string, string> = {};
  for (const error of errors) {
    const blockId = reviewBlockId(error.field);
    if (inputs.includes(blockId)) keyed[blockId] ??= error.message;
    else if (inputs[0] !== undefined && error.field.part === 'forecast') {
      keyed[inputs[0]] ??= `Go back to ${stepLabel(agenda, error.field.opportunityId)}: ${error.message}`;
    }
  }
  return keyed;
}

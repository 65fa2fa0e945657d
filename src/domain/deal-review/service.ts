import type { Db } from '../../db/database.js';
import { updateOpportunity } from '../../db/queries/opportunities.js';
import { findPeopleByIds, hasReports } from '../../db/queries/people.js';
import {
  deleteReviewDraft,
  findReviewBySubmissionKey,
  findReviewDraft,
  findReviewDraftById,
  insertCommitments,
  insertReview,
  insertReviewForecasts,
  saveReviewDraft,
} from '../../db/queries/reviews.js';
import type { Person, ReviewDraft } from '../../db/schema.js';
import type { Clock } from '../clock.js';
import type { ReviewAgenda } from './agenda.js';
import { DraftGoneError } from './errors.js';
import { ownerToday } from './follow-ups.js';
import {
  type AgreedCommitment,
  type AnswerError,
  checkCommitments,
  checkForecasts,
  type Forecast,
  type ReviewAnswers,
} from './validation.js';

/** Computes what a review shows for one rep on the reviewer's local date (the opportunities side). */
export type AgendaLoader = (
  db: Db,
  request: { repId: number; today: string; defaultCurrency: string },
) => Promise<ReviewAgenda>;

export interface ReviewSetup {
  loadAgenda: AgendaLoader;
  defaultCurrency: string;
  /** For reviewers whose Slack profile has no time zone. */
  defaultTimeZone: string;
}

/** An open review between the manager and the modal: the agenda as shown and everything typed so far. */
export interface ReviewSession {
  draftId: string;
  /** Goes up on every save; with the draft id it is the key of the final submission. */
  version: number;
  /** Where the modal is; the Slack side names the steps. */
  step: string;
  /** The reviewer's local date: due dates may not be before it. */
  today: string;
  reviewer: Person;
  rep: Person;
  /**
   * Whether the reviewer gets the manager digest, which is where the bot follows up the next steps
   * they own. A reviewer no rep reports to (an admin reviewing another manager's rep) gets none.
   */
  reviewerGetsDigest: boolean;
  agenda: ReviewAgenda;
  answers: ReviewAnswers;
}

/** A modal's pointer at its draft, and who is using it. */
export interface DraftRef {
  workspaceId: string;
  slackUserId: string;
  draftId: string;
}

/** What the review keeps in reviews.content: what was shown and what was written, whole. */
export interface ReviewContent {
  reviewedOn: string;
  reviewer: { id: number; name: string };
  rep: { id: number; name: string };
  agenda: ReviewAgenda;
  forecasts: Forecast[];
  commitments: Array<AgreedCommitment & { ownerId: number }>;
  /** As ReviewSession's, when the review was saved; absent (read as true) in reviews saved before. */
  reviewerGetsDigest?: boolean;
}

export type SubmitOutcome =
  | { kind: 'stored'; reviewId: string; duplicate: boolean }
  | { kind: 'invalid'; errors: AnswerError[] };

interface DraftState {
  agenda: ReviewAgenda;
  answers: ReviewAnswers;
}

/** Typed answers for deals no longer closing soon are dropped: part 4 asks only about today's list. */
function keepCurrent(answers: ReviewAnswers, agenda: ReviewAgenda): ReviewAnswers {
  const current = new Set(agenda.closingSoon.map((opportunity) => opportunity.id));
  return {
    forecasts: Object.fromEntries(Object.entries(answers.forecasts).filter(([id]) => current.has(id))),
    commitments: answers.commitments,
  };
}

function merge(answers: ReviewAnswers, page: Partial<ReviewAnswers>): ReviewAnswers {
  return {
    forecasts: { ...answers.forecasts, ...page.forecasts },
    commitments: page.commitments ?? answers.commitments,
  };
}

/**
 * The manager digest goes to whoever has a rep reporting to them: the rep's own manager always does,
 * so only a reviewer who is not (an admin) costs a query.
 */
async function reviewerGetsDigest(db: Db, reviewer: Person, rep: Person): Promise<boolean> {
  if (rep.is_rep && rep.manager_id === reviewer.id) return true;
  return hasReports(db, reviewer.id);
}

function sessionOf(
  draft: ReviewDraft,
  people: { reviewer: Person; rep: Person; reviewerGetsDigest: boolean },
  today: string,
): ReviewSession {
  const state = draft.state as unknown as DraftState;
  return {
    draftId: draft.id,
    version: draft.version,
    step: draft.step,
    today,
    reviewer: people.reviewer,
    rep: people.rep,
    reviewerGetsDigest: people.reviewerGetsDigest,
    agenda: state.agenda,
    answers: state.answers,
  };
}

function save(
  db: Db,
  clock: Clock,
  session: Omit<ReviewSession, 'draftId' | 'version' | 'reviewerGetsDigest'>,
): Promise<ReviewDraft> {
  const state: DraftState = { agenda: session.agenda, answers: session.answers };
  return saveReviewDraft(
    db,
    {
      workspaceId: session.rep.workspace_id,
      managerId: session.reviewer.id,
      repId: session.rep.id,
      step: session.step,
      state: state as unknown as Record<string, unknown>,
    },
    clock.now(),
  );
}

/**
 * Starts or resumes the reviewer's review of the rep: the agenda is computed afresh, what was typed
 * before is kept, and the draft reopens at its step (`firstStep` for a new one).
 */
export async function openReview(
  db: Db,
  clock: Clock,
  setup: ReviewSetup,
  request: { reviewer: Person; rep: Person; firstStep: string },
): Promise<ReviewSession> {
  const { reviewer, rep } = request;
  const today = await ownerToday(db, clock, reviewer, setup.defaultTimeZone);
  const [agenda, existing, getsDigest] = await Promise.all([
    setup.loadAgenda(db, { repId: rep.id, today, defaultCurrency: setup.defaultCurrency }),
    findReviewDraft(db, reviewer.id, rep.id),
    reviewerGetsDigest(db, reviewer, rep),
  ]);
  const previous = existing?.state as unknown as DraftState | undefined;
  const answers = previous ? keepCurrent(previous.answers, agenda) : { forecasts: {}, commitments: [] };
  const step = existing?.step ?? request.firstStep;
  const draft = await save(db, clock, { step, today, reviewer, rep, agenda, answers });
  return sessionOf(draft, { reviewer, rep, reviewerGetsDigest: getsDigest }, today);
}

async function loadOwnDraft(db: Db, ref: DraftRef, options: { lock?: boolean } = {}) {
  const draft = await findReviewDraftById(db, ref.draftId, options);
  if (draft === undefined || draft.workspace_id !== ref.workspaceId)
    throw new DraftGoneError('no such draft');
  const people = await findPeopleByIds(db, [draft.manager_id, draft.rep_id]);
  const reviewer = people.find((person) => person.id === draft.manager_id);
  const rep = people.find((person) => person.id === draft.rep_id);
  if (reviewer === undefined || rep === undefined || reviewer.slack_user_id !== ref.slackUserId) {
    throw new DraftGoneError('the draft is not this person’s');
  }
  return { draft, reviewer, rep };
}

/** The open review a modal points at, as stored. */
export async function resumeReview(
  db: Db,
  clock: Clock,
  setup: Pick<ReviewSetup, 'defaultTimeZone'>,
  ref: DraftRef,
): Promise<ReviewSession> {
  const { draft, reviewer, rep } = await loadOwnDraft(db, ref);
  const [today, getsDigest] = await Promise.all([
    ownerToday(db, clock, reviewer, setup.defaultTimeZone),
    reviewerGetsDigest(db, reviewer, rep),
  ]);
  return sessionOf(draft, { reviewer, rep, reviewerGetsDigest: getsDigest }, today);
}

/**
 * Keeps what the page had, checked or not, and where the modal is (closing it, going back), in the
 * session the modal's listener resumed to read the page.
 */
export async function keepReviewDraft(
  db: Db,
  clock: Clock,
  session: ReviewSession,
  change: { page: Partial<ReviewAnswers>; step: string },
): Promise<ReviewSession> {
  const draft = await save(db, clock, {
    ...session,
    answers: merge(session.answers, change.page),
    step: change.step,
  });
  const { reviewer, rep, reviewerGetsDigest: getsDigest } = session;
  return sessionOf(draft, { reviewer, rep, reviewerGetsDigest: getsDigest }, session.today);
}

function checkPage(session: ReviewSession, page: Partial<ReviewAnswers>): AnswerError[] {
  const errors: AnswerError[] = [];
  if (page.forecasts !== undefined) {
    const checked = checkForecasts(Object.keys(page.forecasts), page.forecasts);
    if (!checked.ok) errors.push(...checked.errors);
  }
  if (page.commitments !== undefined) {
    const checked = checkCommitments(page.commitments, session.today);
    if (!checked.ok) errors.push(...checked.errors);
  }
  return errors;
}

/** Next: the page is checked; with a problem nothing is saved, otherwise the draft moves to `step`. */
export async function advanceReview(
  db: Db,
  clock: Clock,
  session: ReviewSession,
  change: { page: Partial<ReviewAnswers>; step: string },
): Promise<{ ok: true; session: ReviewSession } | { ok: false; errors: AnswerError[] }> {
  const errors = checkPage(session, change.page);
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, session: await keepReviewDraft(db, clock, session, change) };
}

/**
 * The final submit: every part is checked again, then the review, its forecasts and its commitments
 * are stored and the draft deleted, in one transaction. The draft id and the version the modal showed
 * are the submission key, so a second submission of the same modal stores nothing.
 */
export async function submitReview(
  db: Db,
  clock: Clock,
  setup: Pick<ReviewSetup, 'defaultTimeZone'>,
  ref: DraftRef & { version: number },
  page: Partial<ReviewAnswers>,
): Promise<SubmitOutcome> {
  const submissionKey = `${ref.draftId}:${ref.version}`;
  const earlier = await findReviewBySubmissionKey(db, submissionKey);
  if (earlier !== undefined) return { kind: 'stored', reviewId: earlier.id, duplicate: true };
  return db.transaction().execute(async (trx): Promise<SubmitOutcome> => {
    let owned: Awaited<ReturnType<typeof loadOwnDraft>>;
    try {
      owned = await loadOwnDraft(trx, ref, { lock: true });
    } catch (error) {
      // A concurrent submission of the same modal may have just stored it and deleted the draft.
      const stored = await findReviewBySubmissionKey(trx, submissionKey);
      if (stored !== undefined) return { kind: 'stored', reviewId: stored.id, duplicate: true };
      throw error;
    }
    const { draft, reviewer, rep } = owned;
    const session = sessionOf(
      draft,
      { reviewer, rep, reviewerGetsDigest: await reviewerGetsDigest(trx, reviewer, rep) },
      await ownerToday(trx, clock, reviewer, setup.defaultTimeZone),
    );
    const answers = merge(session.answers, page);
    const forecasts = checkForecasts(
      session.agenda.closingSoon.map((opportunity) => opportunity.id),
      answers.forecasts,
    );
    const commitments = checkCommitments(answers.commitments, session.today);
    if (!forecasts.ok || !commitments.ok) {
      return {
        kind: 'invalid',
        errors: [...(forecasts.ok ? [] : forecasts.errors), ...(commitments.ok ? [] : commitments.errors)],
      };
    }
    const ownerId = (commitment: AgreedCommitment) => (commitment.owner === 'rep' ? rep.id : reviewer.id);
    const content: ReviewContent = {
      reviewedOn: session.today,
      reviewer: { id: reviewer.id, name: reviewer.display_name },
      rep: { id: rep.id, name: rep.display_name },
      agenda: session.agenda,
      forecasts: forecasts.value,
      commitments: commitments.value.map((commitment) => ({ ...commitment, ownerId: ownerId(commitment) })),
      reviewerGetsDigest: session.reviewerGetsDigest,
    };
    const now = clock.now();
    const reviewId = await insertReview(
      trx,
      {
        workspaceId: rep.workspace_id,
        repId: rep.id,
        managerId: reviewer.id,
        reviewedOn: session.today,
        content: content as unknown as Record<string, unknown>,
        submissionKey,
      },
      now,
    );
    if (reviewId === undefined) {
      // Another submission with this key committed while this one waited on the insert.
      const stored = await findReviewBySubmissionKey(trx, submissionKey);
      if (stored === undefined)
        throw new Error(`submission ${submissionKey} conflicted but no review has it`);
      return { kind: 'stored', reviewId: stored.id, duplicate: true };
    }
    await insertReviewForecasts(trx, reviewId, forecasts.value);
    // What the review agreed is now what the deal says: its probability, revenue and buyer actions
    // change here, with a revision from 'review', so the Home and the next review start from it.
    for (const forecast of forecasts.value) {
      await updateOpportunity(
        trx,
        forecast.opportunityId,
        {
          amount: forecast.amount,
          probability: forecast.probability,
          buyerActions: forecast.buyerActions,
          buyerActionsNote: forecast.buyerActionsNote,
        },
        { source: 'review', recordedById: reviewer.id, now },
      );
    }
    await insertCommitments(
      trx,
      { reviewId, workspaceId: rep.workspace_id, repId: rep.id },
      content.commitments,
      now,
    );
    await deleteReviewDraft(trx, draft.id);
    return { kind: 'stored', reviewId, duplicate: false };
  });
}

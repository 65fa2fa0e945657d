import type { Migration } from 'kysely';
import * as foundation from './2026-11-23T0900-foundation.js';
import * as dailyCoaching from './2026-11-23T1500-daily-coaching.js';
import * as deliveryPause from './2026-11-23T1600-delivery-pause.js';
import * as dealReview from './2026-11-23T1700-deal-review.js';
import * as reviewSummaryDelivery from './2026-11-23T1720-review-summary-delivery.js';
import * as commitmentAnswers from './2026-11-23T1730-commitment-answers.js';
import * as rankings from './2026-11-23T1800-rankings.js';
import * as salesCoveringIndex from './2026-11-23T1810-sales-covering-index.js';
import * as standingsPostDelivery from './2026-11-23T1820-standings-post-delivery.js';
import * as reminderThreads from './2026-11-23T1900-reminder-threads.js';
import * as dropQuestionAnswer from './2026-11-23T1910-drop-question-answer.js';
import * as outboxClosedIndex from './2026-12-05T1600-outbox-closed-index.js';
import * as opportunitySubmissionKey from './2026-12-05T1800-opportunity-submission-key.js';

/**
 * The explicit registry of migrations, in the order they apply. An explicit list (rather than reading
 * the folder) works the same from TypeScript sources, compiled output and a bundled image.
 */
export const migrations: Record<string, Migration> = {
  '2026-11-23T0900-foundation': foundation,
  '2026-11-23T1500-daily-coaching': dailyCoaching,
  '2026-11-23T1600-delivery-pause': deliveryPause,
  '2026-11-23T1700-deal-review': dealReview,
  '2026-11-23T1720-review-summary-delivery': reviewSummaryDelivery,
  '2026-11-23T1730-commitment-answers': commitmentAnswers,
  '2026-11-23T1800-rankings': rankings,
  '2026-11-23T1810-sales-covering-index': salesCoveringIndex,
  '2026-11-23T1820-standings-post-delivery': standingsPostDelivery,
  '2026-11-23T1900-reminder-threads': reminderThreads,
  '2026-11-23T1910-drop-question-answer': dropQuestionAnswer,
  '2026-12-05T1600-outbox-closed-index': outboxClosedIndex,
  '2026-12-05T1800-opportunity-submission-key': opportunitySubmissionKey,
};

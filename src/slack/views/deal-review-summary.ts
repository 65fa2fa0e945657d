import type { KnownBlock } from '@slack/types';
import type { ReviewContent } from '../../domain/deal-review/service.js';
import { BUYER_ACTIONS, type BuyerAction } from '../../domain/deal-review/vocabulary.js';
import { formatDate } from './dates.js';
import { packedSections } from './deal-review.js';
import { formatMoney } from './money.js';
import { clipMrkdwn, escapeMrkdwn, oneLine, plainLine } from './mrkdwn.js';

/** The summary a finished review leaves in the rep and manager's conversation. */

export const REVIEW_SUMMARY_BLOCKS = {
  header: 'review_summary_header',
  forecasts: 'review_summary_forecasts',
  commitments: 'review_summary_commitments',
} as const;

/** A message holds 50 blocks; the summary packs each list, under its title, into a few sections. */
const MAX_SECTIONS_PER_LIST = 20;

/**
 * Who is asked about the next steps: the rep in their daily check-in, the reviewer in their digest.
 * A reviewer no rep reports to gets no digest, so theirs are only listed on their App Home.
 */
function followUpNote(content: ReviewContent, rep: string, reviewer: string): string {
  const reviewerOwns = content.commitments.some((commitment) => commitment.owner === 'manager');
  if (content.reviewerGetsDigest !== false || !reviewerOwns) return 'The bot will follow up each next step.';
  const repOwns = content.commitments.some((commitment) => commitment.owner === 'rep');
  const onHome = `${reviewer}'s next steps stay listed on ${reviewer}'s App Home.`;
  return repOwns ? `The bot will follow up ${rep}'s next steps in their daily check-in; ${onHome}` : onHome;
}

export function buildReviewSummaryMessage(content: ReviewContent): { text: string; blocks: KnownBlock[] } {
  const rep = oneLine(content.rep.name, 100);
  const reviewer = oneLine(content.reviewer.name, 100);
  const deals = new Map(content.agenda.closingSoon.map((deal) => [deal.id, deal]));
  const forecastLines = content.forecasts.map((forecast) => {
    const deal = deals.get(forecast.opportunityId);
    const name =
      deal === undefined ? 'A deal' : `*${oneLine(deal.account, 100)}* — ${oneLine(deal.name, 150)}`;
    const actions = forecast.buyerActions.map((action: BuyerAction) => BUYER_ACTIONS[action]).join(', ');
    return (
      `• ${name}: ${escapeMrkdwn(formatMoney(forecast.amount, deal?.currency ?? ''))} at ${forecast.probability}%. ` +
      `Why: ${oneLine(forecast.probabilityReason, 300)}` +
      (actions === '' ? '' : `\n    Customer so far: ${escapeMrkdwn(actions)}`) +
      (forecast.improveOdds === null
        ? ''
        : `\n    To improve the odds: ${oneLine(forecast.improveOdds, 300)}`)
    );
  });
  const commitmentLines = content.commitments.map(
    (commitment) =>
      `${commitment.position}. ${clipMrkdwn(commitment.text, 500)} — ` +
      `${commitment.owner === 'rep' ? rep : reviewer}, due ${formatDate(commitment.dueOn)}`,
  );
  const text = `Deal review of ${rep} with ${reviewer} on ${formatDate(content.reviewedOn)}: ${content.commitments.length} next ${content.commitments.length === 1 ? 'step' : 'steps'} agreed.`;
  return {
    text,
    blocks: [
      {
        type: 'header',
        block_id: REVIEW_SUMMARY_BLOCKS.header,
        text: {
          type: 'plain_text',
          text: `Deal review: ${plainLine(content.rep.name, 100)}, ${formatDate(content.reviewedOn)}`,
        },
      },
      ...packedSections(
        REVIEW_SUMMARY_BLOCKS.commitments,
        ['*Next steps we agreed*', ...commitmentLines],
        MAX_SECTIONS_PER_LIST,
      ),
      ...(forecastLines.length === 0
        ? []
        : packedSections(
            REVIEW_SUMMARY_BLOCKS.forecasts,
            ['*Deals closing within 30 days*', ...forecastLines],
            MAX_SECTIONS_PER_LIST,
          )),
      {
        type: 'context',
        block_id: 'review_summary_privacy',
        elements: [
          {
            type: 'mrkdwn',
            text: `Only ${rep} and ${reviewer} see this conversation. ${followUpNote(content, rep, reviewer)}`,
          },
        ],
      },
    ],
  };
}

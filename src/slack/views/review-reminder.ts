import type { KnownBlock } from '@slack/types';
import type { ReviewReminder } from '../../domain/deal-review/review-reminders.js';
import { formatMonth } from './dates.js';
import { oneLine } from './mrkdwn.js';

export const REVIEW_REMINDER_BLOCKS = {
  reps: 'review_reminder_reps',
  hint: 'review_reminder_hint',
} as const;

/** Slack's section limit, with room to spare. */
const SECTION_MAX = 2900;

function who(rep: ReviewReminder['repsWithoutReview'][number]): string {
  return /^[UW][A-Z0-9]{2,}$/.test(rep.slackUserId) ? `<@${rep.slackUserId}>` : oneLine(rep.name, 80);
}

/** The manager's monthly DM: which reps still have no review for last month, and how to run one. */
export function buildReviewReminderMessage(reminder: ReviewReminder): { text: string; blocks: KnownBlock[] } {
  const month = formatMonth(reminder.month);
  const count = reminder.repsWithoutReview.length;
  const text = `${count} of your reps ${count === 1 ? 'has' : 'have'} no deal review for ${month} yet.`;
  let list = '';
  for (const [index, rep] of reminder.repsWithoutReview.entries()) {
    const line = `• ${who(rep)}`;
    if (list.length + line.length + 40 > SECTION_MAX) {
      list += `\n…and ${count - index} more`;
      break;
    }
    list += list === '' ? line : `\n${line}`;
  }
  return {
    text,
    blocks: [
      {
        type: 'section',
        block_id: REVIEW_REMINDER_BLOCKS.reps,
        text: { type: 'mrkdwn', text: `*No deal review for ${month} yet*\n${list}` },
      },
      {
        type: 'context',
        block_id: REVIEW_REMINDER_BLOCKS.hint,
        elements: [
          {
            type: 'mrkdwn',
            text: 'Thirty minutes each with `/dealreview @rep`: results, deals, and next steps you both agree on.',
          },
        ],
      },
    ],
  };
}

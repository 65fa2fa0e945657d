import type { WebClient } from '@slack/web-api';
import type { ReviewSummary, ReviewSummaryPort } from '../domain/deal-review/summary.js';
import { findMarkedMessage } from './marked-messages.js';
import { classifySlackFailure } from './notifier.js';
import { buildReviewSummaryMessage } from './views/deal-review-summary.js';
import type { WorkspaceClients } from './workspace-clients.js';

/** Every summary post carries its review id, so a retry can tell whether Slack already has it. */
export const REVIEW_SUMMARY_METADATA_EVENT = 'coach_review_summary';

/**
 * Posts a review's summary in the one conversation of the rep and the manager (a group DM the bot
 * opens with both), and finds an earlier post of it by its metadata.
 */
export function slackReviewSummaries(clients: WorkspaceClients): ReviewSummaryPort {
  const conversationOf = async (
    summary: ReviewSummary,
  ): Promise<{ client: WebClient; channelId: string } | undefined> => {
    const client = await clients.forWorkspace(summary.workspaceId);
    if (client === undefined) return undefined;
    const opened = await client.conversations.open({ users: summary.recipients.join(',') });
    const channelId = opened.channel?.id;
    return channelId ? { client, channelId } : undefined;
  };

  return {
    async post(summary) {
      let conversation: Awaited<ReturnType<typeof conversationOf>>;
      try {
        conversation = await conversationOf(summary);
      } catch (error) {
        return classifySlackFailure(error);
      }
      if (conversation === undefined)
        return { kind: 'permanent', reason: 'the bot has no token for this workspace' };
      const message = buildReviewSummaryMessage(summary.content);
      try {
        const posted = await conversation.client.chat.postMessage({
          channel: conversation.channelId,
          text: message.text,
          blocks: message.blocks,
          unfurl_links: false,
          metadata: {
            event_type: REVIEW_SUMMARY_METADATA_EVENT,
            event_payload: { review_id: summary.reviewId },
          },
        });
        return { kind: 'sent', channelId: posted.channel ?? conversation.channelId, ts: posted.ts ?? '' };
      } catch (error) {
        return classifySlackFailure(error);
      }
    },

    async findPosted(summary) {
      const conversation = await conversationOf(summary);
      if (conversation === undefined) return undefined;
      const { client, channelId } = conversation;
      const ts = await findMarkedMessage((request) => client.conversations.history(request), {
        channelId,
        since: summary.createdAt,
        eventType: REVIEW_SUMMARY_METADATA_EVENT,
        field: 'review_id',
        id: summary.reviewId,
      });
      return ts === undefined ? undefined : { channelId, ts };
    },
  };
}

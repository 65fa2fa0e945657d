import type { WebClient } from '@slack/web-api';
import type { ReviewSummary, ReviewSummaryPort } from '../domain/deal-review/summary.js';
import { classifySlackFailure } from './notifier.js';
import { buildReviewSummaryMessage } from './views/deal-review-summary.js';
import type { WorkspaceClients } from './workspace-clients.js';

/** Every summary post carries its review id, so a retry can tell whether Slack already has it. */
export const REVIEW_SUMMARY_METADATA_EVENT = 'coach_review_summary';

/** How far before the review was stored its post can be (clock skew between replicas and Slack). */
const HISTORY_MARGIN_SECONDS = 300;
const HISTORY_PAGES = 5;

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
      const oldest = (summary.createdAt.getTime() / 1000 - HISTORY_MARGIN_SECONDS).toFixed(6);
      let cursor: string | undefined;
      for (let page = 0; page < HISTORY_PAGES; page++) {
        const history = await client.conversations.history({
          channel: channelId,
          oldest,
          limit: 200,
          include_all_metadata: true,
          ...(cursor ? { cursor } : {}),
        });
        const match = history.messages?.find(
          (posted) =>
            posted.metadata?.event_type === REVIEW_SUMMARY_METADATA_EVENT &&
            (posted.metadata.event_payload as { review_id?: unknown } | undefined)?.review_id ===
              summary.reviewId,
        );
        if (match?.ts) return { channelId, ts: match.ts };
        cursor = history.response_metadata?.next_cursor;
        if (!history.has_more || !cursor) return undefined;
      }
      return undefined;
    },
  };
}

import type { ConversationsHistoryArguments, ConversationsHistoryResponse } from '@slack/web-api';

// Every post the bot must not make twice (outbox messages, review summaries, weekly standings)
// carries an id in its message metadata. After a lost answer or a crashed replica, the conversation
// is searched for that id before posting again.

/** How far before the row was queued its post can be (clock skew between replicas and Slack). */
const HISTORY_MARGIN_SECONDS = 300;
/** Pages of 200 messages: the post, if made, is recent, so a longer search would only cost calls. */
const HISTORY_PAGES = 5;

export interface MarkedMessageSearch {
  channelId: string;
  /** When the thing to post was queued: its post cannot be older (but for clock skew). */
  since: Date;
  eventType: string;
  /** The metadata payload field that carries the id, and the id. */
  field: string;
  id: string;
}

/**
 * The ts of the bot's message marked with the id, or undefined. `readHistory` makes the
 * conversations.history call (each caller has its own client and error handling); it may answer
 * undefined to end the search.
 */
export async function findMarkedMessage(
  readHistory: (request: ConversationsHistoryArguments) => Promise<ConversationsHistoryResponse | undefined>,
  search: MarkedMessageSearch,
): Promise<string | undefined> {
  const oldest = (search.since.getTime() / 1000 - HISTORY_MARGIN_SECONDS).toFixed(6);
  let cursor: string | undefined;
  for (let page = 0; page < HISTORY_PAGES; page++) {
    const history = await readHistory({
      channel: search.channelId,
      oldest,
      limit: 200,
      include_all_metadata: true,
      ...(cursor ? { cursor } : {}),
    });
    if (history === undefined) return undefined;
    const match = history.messages?.find(
      (message) =>
        message.metadata?.event_type === search.eventType &&
        (message.metadata.event_payload as Record<string, unknown> | undefined)?.[search.field] === search.id,
    );
    if (match?.ts) return match.ts;
    cursor = history.response_metadata?.next_cursor;
    if (!history.has_more || !cursor) return undefined;
  }
  return undefined;
}

import { setTimeout as sleep } from 'node:timers/promises';
import type { KnownBlock } from '@slack/types';
import { ErrorCode, type WebClient } from '@slack/web-api';
import type { OutboxMessage } from '../db/schema.js';
import type { OutboxTransport, SendResult } from '../delivery/ports.js';
import type { OutgoingMessage } from '../domain/coaching/outgoing.js';
import type { Logger } from '../logger.js';
import { findMarkedMessage } from './marked-messages.js';
import { buildPromptMessage, buildReminderMessage } from './views/check-in.js';
import { buildDigestMessage } from './views/digest.js';
import { buildReviewReminderMessage } from './views/review-reminder.js';
import type { WorkspaceClients } from './workspace-clients.js';

/** Every post the outbox makes carries its row id, so a retry can tell whether Slack already has it. */
export const OUTBOX_METADATA_EVENT = 'coach_outbox_message';

/** Platform errors worth another attempt later; every other `ok: false` is final. */
const TRANSIENT_PLATFORM_ERRORS = new Set([
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
  'ratelimited',
]);

interface Rendered {
  text: string;
  blocks: KnownBlock[];
  thread?: Array<{ text: string; blocks: KnownBlock[] }>;
}

function render(content: OutgoingMessage): Rendered {
  switch (content.kind) {
    case 'prompt':
      return buildPromptMessage(content.prompt);
    case 'reminder':
      return buildReminderMessage({
        ...content.prompt,
        answeredTeammates: content.answeredTeammates,
        teammates: content.teammates,
      });
    case 'digest':
      return buildDigestMessage(content.digest);
    case 'review_reminder':
      return buildReviewReminderMessage(content.reminder);
  }
}

/** Maps a Web API failure to what the delivery worker does about it. */
export function classifySlackFailure(error: unknown): Exclude<SendResult, { kind: 'sent' }> {
  const failure = error as {
    code?: string;
    retryAfter?: number;
    data?: { error?: string };
    statusCode?: number;
  };
  switch (failure.code) {
    case ErrorCode.RateLimitedError:
      return { kind: 'rate_limited', retryAfterMs: Math.max(1, failure.retryAfter ?? 1) * 1000 };
    case ErrorCode.PlatformError: {
      const reason = failure.data?.error ?? 'unknown_error';
      return TRANSIENT_PLATFORM_ERRORS.has(reason)
        ? { kind: 'transient', reason, maybeSent: false }
        : { kind: 'permanent', reason };
    }
    case ErrorCode.HTTPError:
      // A 5xx may come after Slack stored the message.
      return {
        kind: 'transient',
        reason: `HTTP ${failure.statusCode ?? 'error'} from Slack`,
        maybeSent: true,
      };
    default:
      // Network errors and timeouts: the request may or may not have arrived.
      return { kind: 'transient', reason: (error as Error).message ?? 'request failed', maybeSent: true };
  }
}

/** Tries for one thread part, and the longest Retry-After waited out for it inside a delivery lane. */
const THREAD_PART_ATTEMPTS = 3;
const THREAD_PART_MAX_WAIT_MS = 5_000;

/**
 * Posts one part of a long message into its thread. A part gets tries of its own when Slack says it
 * was not posted (429, a transient platform error); after a 5xx or a timeout it may have been, and
 * is not posted again. Undefined when posted, else why not.
 */
export async function postThreadPart(
  client: WebClient,
  thread: { channelId: string; ts: string },
  part: { text: string; blocks: KnownBlock[] },
): Promise<string | undefined> {
  for (let attempt = 1; ; attempt++) {
    try {
      await client.chat.postMessage({
        channel: thread.channelId,
        thread_ts: thread.ts,
        text: part.text,
        blocks: part.blocks,
      });
      return undefined;
    } catch (error) {
      const failure = classifySlackFailure(error);
      const waitMs =
        failure.kind === 'rate_limited'
          ? failure.retryAfterMs
          : failure.kind === 'transient' && !failure.maybeSent
            ? 500 * attempt
            : undefined;
      const reason = failure.kind === 'rate_limited' ? 'rate limited' : failure.reason;
      if (waitMs === undefined || waitMs > THREAD_PART_MAX_WAIT_MS || attempt >= THREAD_PART_ATTEMPTS)
        return reason;
      await sleep(waitMs);
    }
  }
}

/** Posts outbox messages as DMs (the channel is the user id) with their outbox id in the metadata. */
export function slackOutboxTransport(
  clients: WorkspaceClients,
  logger: Logger,
): OutboxTransport<OutgoingMessage> {
  const clientOf = async (message: OutboxMessage): Promise<WebClient | undefined> =>
    clients.forWorkspace(message.workspace_id);

  return {
    async send(message, content) {
      const client = await clientOf(message);
      if (client === undefined)
        return { kind: 'permanent', reason: 'the bot has no token for this workspace' };
      const rendered = render(content);
      let posted: { channel?: string; ts?: string };
      try {
        // Blocks and metadata as JSON text, which is what WebClient would post for them anyway: given
        // objects, it also walks and copies them for a debug line it builds even with debug off, about
        // 5 % of the bot's CPU in a 10,000-prompt fan-out (bench/RESULTS.md).
        posted = (await client.apiCall('chat.postMessage', {
          channel: content.recipientSlackUserId,
          text: rendered.text,
          blocks: JSON.stringify(rendered.blocks),
          unfurl_links: false,
          metadata: JSON.stringify({
            event_type: OUTBOX_METADATA_EVENT,
            event_payload: { outbox_id: message.id },
          }),
        })) as { channel?: string; ts?: string };
      } catch (error) {
        return classifySlackFailure(error);
      }
      const sent = { kind: 'sent' as const, channelId: posted.channel ?? '', ts: posted.ts ?? '' };
      // A long digest continues in its thread. The top message is what counts as sent, so the row is
      // never retried (and the top message never posted twice) for a part.
      for (const part of rendered.thread ?? []) {
        const failure = await postThreadPart(client, sent, part);
        if (failure !== undefined)
          logger.warn(
            { outboxId: message.id, reason: failure },
            'a thread part of a long message was not posted',
          );
      }
      return sent;
    },

    async findSent(message, content) {
      const client = await clientOf(message);
      if (client === undefined) return undefined;
      const opened = await client.conversations.open({ users: content.recipientSlackUserId });
      const channelId = opened.channel?.id;
      if (!channelId) return undefined;
      const ts = await findMarkedMessage((request) => client.conversations.history(request), {
        channelId,
        since: message.created_at,
        eventType: OUTBOX_METADATA_EVENT,
        field: 'outbox_id',
        id: message.id,
      });
      return ts === undefined ? undefined : { channelId, ts };
    },
  };
}

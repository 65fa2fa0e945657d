import type { OutboxMessage } from '../db/schema.js';

/**
 * How one send went, in words the worker acts on. The Slack side maps Web API errors to these; the
 * worker never sees a Slack error object.
 */
export type SendResult =
  | { kind: 'sent'; channelId: string; ts: string }
  /** Slack said wait (HTTP 429): nothing was posted. */
  | { kind: 'rate_limited'; retryAfterMs: number }
  /** Worth trying again later. `maybeSent`: the request may have reached Slack (timeout, 5xx). */
  | { kind: 'transient'; reason: string; maybeSent: boolean }
  /** Trying again cannot help (user_not_found, not_in_channel…). */
  | { kind: 'permanent'; reason: string };

/** What the domain decided to say for one outbox row, or why it should not be said any more. */
export type Composed<TContent> = { send: true; content: TContent } | { send: false; reason: string };

/** The side that knows Slack: renders content and posts it, or finds a post that already happened. */
export interface OutboxTransport<TContent> {
  send(message: OutboxMessage, content: TContent): Promise<SendResult>;
  /**
   * Looks in the recipient's conversation for a post carrying this outbox id, before sending a row
   * whose last attempt may have reached Slack (a crash, a timeout). A failure to look throws.
   */
  findSent(message: OutboxMessage, content: TContent): Promise<{ channelId: string; ts: string } | undefined>;
}

/** The side that knows the domain: what to send, and what a delivery or a permanent failure means. */
export interface OutboxContent<TContent> {
  compose(message: OutboxMessage): Promise<Composed<TContent>>;
  /**
   * What the posts mean for the domain, for rows just marked sent (several at once when posts finish
   * together, so the worker writes them in one round trip), with the content each was posted with.
   */
  delivered(
    posts: ReadonlyArray<{
      message: OutboxMessage;
      sent: { channelId: string; ts: string };
      content: TContent;
    }>,
  ): Promise<void>;
  failedForGood(message: OutboxMessage, reason: string): Promise<void>;
}

/**
 * What became of each message, for monitoring. Calls are synchronous and cheap: they run on the
 * delivery path, once per outcome.
 */
export interface DeliveryMetrics {
  /** The message is in Slack and its row is marked sent (found in the DM after a doubtful attempt too). */
  delivered(kind: OutboxMessage['kind']): void;
  /**
   * Closed as failed: `reason` is Slack's error code for a refusal that trying again cannot change
   * (user_not_found, account_inactive…), or `retries_exhausted` once transient failures used up the attempts.
   */
  failed(kind: OutboxMessage['kind'], reason: string): void;
  /** Closed unsent on purpose: past its latest useful time, or the domain no longer wants it sent. */
  dropped(kind: OutboxMessage['kind'], reason: 'expired' | 'not_needed'): void;
  /** A transient failure (5xx, timeout, network): the message is tried again after a backoff. */
  retried(kind: OutboxMessage['kind']): void;
  /** Slack answered 429: the workspace's sending pauses for its Retry-After. */
  rateLimited(): void;
  /** A round or a message failed outside Slack's answer (the database, most likely); retried later. */
  workerError(): void;
}

/** For a worker nobody monitors (tests of the worker alone, a bot without METRICS_TOKEN). */
export const UNMONITORED_DELIVERY: DeliveryMetrics = {
  delivered() {},
  failed() {},
  dropped() {},
  retried() {},
  rateLimited() {},
  workerError() {},
};

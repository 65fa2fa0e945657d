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

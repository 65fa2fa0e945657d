import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';

/** A closed set, so the label has a handful of values whatever Slack sends. */
export const SLACK_REQUEST_TYPES = [
  'slash_command',
  'block_actions',
  'view_submission',
  'event',
  'other',
] as const;
export type SlackRequestType = (typeof SLACK_REQUEST_TYPES)[number];

/** Inbound Slack traffic, for monitoring. */
export interface SlackTrafficMetrics {
  /** Called on the ack path for every verified request: must be a plain increment, nothing more. */
  request(type: SlackRequestType): void;
  /** A listener threw (or the middleware before it): logged, and the person told when one waits. */
  listenerFailed(): void;
}

/** What kind of request Slack sent, from the fields Bolt parsed the body into. */
export function slackRequestType(body: unknown): SlackRequestType {
  const fields = body as { command?: unknown; type?: unknown } | undefined;
  if (typeof fields?.command === 'string') return 'slash_command';
  switch (fields?.type) {
    case 'block_actions':
      return 'block_actions';
    case 'view_submission':
      return 'view_submission';
    case 'event_callback':
      return 'event';
    default:
      return 'other';
  }
}

/**
 * Counts every request that passed Slack's signature check. Not async and returning next()'s promise
 * as it is: this runs before every ack, and the ack benchmark measures each extra step.
 */
export function countSlackRequests(metrics: SlackTrafficMetrics): Middleware<AnyMiddlewareArgs> {
  return ({ body, next }) => {
    metrics.request(slackRequestType(body));
    return next();
  };
}

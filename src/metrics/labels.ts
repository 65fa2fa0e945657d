import type { OutboxKind } from '../db/schema.js';

/**
 * Every distinct label value is a time series Prometheus keeps for weeks, so a value that comes from
 * outside the bot (an error code in Slack's answer) is taken as it is only while it has the shape of
 * such a code and fewer than `limit` distinct values have been taken; anything else is `other`. That
 * keeps free text, ids and tokens out of the labels whatever Slack, a proxy or a bug sends.
 */
export function boundedLabel(options: { shape: RegExp; limit: number }): (value: string) => string {
  const taken = new Set<string>();
  return (value) => {
    if (taken.has(value)) return value;
    if (!options.shape.test(value) || taken.size >= options.limit) return OTHER;
    taken.add(value);
    return value;
  };
}

export const OTHER = 'other';

/** Slack's error codes are short snake_case words: user_not_found, account_inactive, not_in_channel. */
export const SLACK_ERROR_CODE = /^[a-z][a-z0-9_]{0,63}$/;

/** Every kind of outbox message, so each can be reported at zero before the first one happens. */
export const OUTBOX_KINDS = Object.keys({
  prompt: true,
  reminder: true,
  digest: true,
  review_reminder: true,
} satisfies Record<OutboxKind, true>) as OutboxKind[];

// Slack-shaped ids, message timestamps and pagination cursors.
import { randomBytes } from 'node:crypto';

export function dmChannelFor(userId: string): string {
  return `D${userId}`;
}

export function isUserId(id: string): boolean {
  return /^[UW][A-Z0-9]+$/.test(id);
}

export function isConversationId(id: string): boolean {
  return /^[CGD][A-Z0-9]+$/.test(id);
}

/** Bots post DMs by passing the user id as channel; Slack files them under the DM conversation. */
export function conversationFor(channel: string): string {
  return isUserId(channel) ? dmChannelFor(channel) : channel;
}

export function microsToTs(micros: number): string {
  return `${Math.floor(micros / 1_000_000)}.${String(micros % 1_000_000).padStart(6, '0')}`;
}

export function tsToMicros(ts: string): number {
  const match = /^(\d+)(?:\.(\d{1,6}))?$/.exec(ts);
  if (!match) return Number.NaN;
  return Number(match[1]) * 1_000_000 + Number((match[2] ?? '').padEnd(6, '0'));
}

export function randomId(prefix: string, length = 10): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  const bytes = randomBytes(length);
  return prefix + Array.from(bytes, (byte) => alphabet[byte % alphabet.length]).join('');
}

export function viewHash(): string {
  return `${Math.floor(Date.now() / 1000)}.${randomBytes(4).toString('hex')}`;
}

function encodeCursor(kind: string, key: string): string {
  return Buffer.from(`${kind}:${key}`).toString('base64');
}

function decodeCursor(kind: string, cursor: string): string | undefined {
  const decoded = Buffer.from(cursor, 'base64').toString('utf8');
  return decoded.startsWith(`${kind}:`) ? decoded.slice(kind.length + 1) : undefined;
}

type Page<T> = { items: T[]; nextCursor: string } | { error: 'invalid_cursor' };

export function paginate<T>(
  items: T[],
  keyOf: (item: T) => string,
  kind: string,
  cursor: unknown,
  limit: number,
): Page<T> {
  let start = 0;
  if (typeof cursor === 'string' && cursor !== '') {
    const key = decodeCursor(kind, cursor);
    start = items.findIndex((item) => keyOf(item) === key);
    if (start < 0) return { error: 'invalid_cursor' };
  }
  const end = limit > 0 ? start + limit : items.length;
  const next = items[end];
  return {
    items: items.slice(start, end),
    nextCursor: next === undefined ? '' : encodeCursor(kind, keyOf(next)),
  };
}

import { ErrorCode, type WebAPICallResult } from '@slack/web-api';
import type { Config } from '../../config.js';

export type LineLevel = 'debug' | 'info' | 'warn' | 'error';

/** What the thread is started with (plain data: it crosses into another V8 isolate). */
export interface WebApiThreadData {
  slackApi: Config['slackApi'];
  /** The levels of WebClient's log lines the main thread's logger writes; the others are not sent. */
  lineLevels: LineLevel[];
}

/** One Web API call for the thread to make with the client of that token. */
export interface CallRequest {
  id: number;
  token: string;
  method: string;
  args: Record<string, unknown>;
}

export type ThreadMessage =
  | { kind: 'result'; id: number; result: WebAPICallResult }
  | { kind: 'error'; id: number; error: SerializedError }
  | { kind: 'log'; level: LineLevel; message: string };

/**
 * A Web API error as plain data. Structured cloning keeps only an Error's name and message, but the
 * callers read WebClient's fields: `code` to tell a platform error from a 429 or a network failure,
 * `data.error`, `retryAfter`, `statusCode`.
 */
export interface SerializedError {
  name: string;
  message: string;
  code?: string;
  data?: unknown;
  retryAfter?: number;
  statusCode?: number;
  statusMessage?: string;
  headers?: Record<string, string>;
  body?: unknown;
  original?: { name: string; message: string };
}

const CARRIED_FIELDS = [
  'code',
  'data',
  'retryAfter',
  'statusCode',
  'statusMessage',
  'headers',
  'body',
] as const;

export function serializeError(error: unknown): SerializedError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const serialized: SerializedError = { name: error.name, message: error.message };
  const fields = error as unknown as Record<string, unknown>;
  for (const field of CARRIED_FIELDS) {
    if (fields[field] !== undefined) Object.assign(serialized, { [field]: fields[field] });
  }
  const { original } = fields;
  if (original instanceof Error) serialized.original = { name: original.name, message: original.message };
  return serialized;
}

/** The error the caller sees: same name, message and fields, with the caller's own stack. */
export function reviveError(serialized: SerializedError): Error {
  const error = new Error(serialized.message);
  error.name = serialized.name;
  const { original, ...fields } = serialized;
  Object.assign(error, fields);
  if (original !== undefined) {
    const cause = new Error(original.message);
    cause.name = original.name;
    Object.assign(error, { original: cause });
  }
  return error;
}

/** What callers get when the thread itself fails: a request error, which they treat as transient. */
export function threadFailure(reason: string): Error {
  return reviveError({
    name: 'Error',
    message: `A request error occurred: the Web API thread ${reason}`,
    code: ErrorCode.RequestError,
  });
}

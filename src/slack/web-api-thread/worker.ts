/**
 * The Web API thread: owns the WebClients and makes every call the main thread hands it. See
 * thread.ts for why the calls leave the main thread. It imports neither Bolt nor the database.
 */
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import { LogLevel, type Logger as SlackLogger } from '@slack/logger';
import { WebClient } from '@slack/web-api';
import type { LogLevel as ConfiguredLevel } from '../../config.js';
import { keepAliveFetch } from '../http-fetch.js';
import { type ClientProfile, webClientPolicy } from '../web-client-options.js';
import { type CallRequest, serializeError, type ThreadMessage, type WebApiThreadData } from './protocol.js';

const RANK: Record<ConfiguredLevel | 'debug' | 'info' | 'warn' | 'error', number> = {
  trace: 10,
  debug: 20,
  info: 30,
  warn: 40,
  error: 50,
  fatal: 60,
  silent: Number.POSITIVE_INFINITY,
};

/** WebClient's logger: lines at or above the configured level go to the main thread's pino logger. */
function forwardingLogger(port: MessagePort, level: ConfiguredLevel): SlackLogger {
  const write =
    (lineLevel: 'debug' | 'info' | 'warn' | 'error') =>
    (...args: unknown[]) => {
      if (RANK[lineLevel] < RANK[level]) return;
      const message = args.map((arg) => (arg instanceof Error ? arg.message : String(arg))).join(' ');
      port.postMessage({ kind: 'log', level: lineLevel, message } satisfies ThreadMessage);
    };
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    setLevel: () => undefined,
    getLevel: () => LogLevel.INFO,
    setName: () => undefined,
  };
}

function serve(port: MessagePort, { slackApi, logLevel }: WebApiThreadData): void {
  const logger = forwardingLogger(port, logLevel);
  // One fetch (and so one pool of keep-alive connections) for every client of the thread.
  const fetch = keepAliveFetch({ timeoutMs: slackApi.timeoutMs });
  const clients = new Map<string, WebClient>();
  const clientFor = (token: string, profile: ClientProfile): WebClient => {
    const key = `${profile}:${token}`;
    let client = clients.get(key);
    if (client === undefined) {
      client = new WebClient(token, { ...webClientPolicy(slackApi, profile), fetch, logger });
      clients.set(key, client);
    }
    return client;
  };
  const call = async ({ id, token, profile, method, args }: CallRequest): Promise<void> => {
    let reply: ThreadMessage;
    try {
      reply = { kind: 'result', id, result: await clientFor(token, profile).apiCall(method, args) };
    } catch (error) {
      reply = { kind: 'error', id, error: serializeError(error) };
    }
    try {
      port.postMessage(reply);
    } catch (error) {
      // A result that cannot be cloned still settles the caller's promise.
      port.postMessage({ kind: 'error', id, error: serializeError(error) } satisfies ThreadMessage);
    }
  };
  port.on('message', (request: CallRequest) => {
    void call(request);
  });
}

/**
 * A nice value for this thread alone (Linux gives each thread its own): when both cores are busy, the
 * scheduler runs the event loop that acknowledges Slack's requests before the calls made after an ack,
 * which can wait some milliseconds. Waking this thread with a call then no longer takes the core from
 * the main thread. Elsewhere (no /proc/thread-self) the thread keeps the process's priority.
 */
const THREAD_NICENESS = 10;

function yieldToMainThread(): void {
  try {
    const threadId = Number(readlinkSync('/proc/thread-self').split('/').at(-1));
    if (Number.isInteger(threadId)) setPriority(threadId, THREAD_NICENESS);
  } catch {
    // Not Linux, or not allowed: same priority as the main thread.
  }
}

if (parentPort === null) throw new Error('web-api-thread/worker.ts runs as a worker thread, not on its own');
yieldToMainThread();
serve(parentPort, workerData as WebApiThreadData);

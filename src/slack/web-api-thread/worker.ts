/**
 * The Web API thread: owns the WebClients and makes every call the main thread hands it. See
 * thread.ts for why the calls leave the main thread. It imports neither Bolt nor the database.
 */
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import { LogLevel, type Logger as SlackLogger } from '@slack/logger';
import { WebClient } from '@slack/web-api';
import { keepAliveFetch } from '../http-fetch.js';
import { clientsByToken, webClientPolicy } from '../web-client-options.js';
import {
  type CallRequest,
  type LineLevel,
  serializeError,
  type ThreadMessage,
  type WebApiThreadData,
} from './protocol.js';

/** WebClient's logger: lines of the levels the main thread writes go to its pino logger. */
function forwardingLogger(port: MessagePort, levels: readonly LineLevel[]): SlackLogger {
  const written = new Set(levels);
  const write =
    (lineLevel: LineLevel) =>
    (...args: unknown[]) => {
      if (!written.has(lineLevel)) return;
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

function serve(port: MessagePort, { slackApi, lineLevels }: WebApiThreadData): void {
  // One fetch (and so one pool of keep-alive connections) for every client of the thread.
  const options = {
    ...webClientPolicy(slackApi, 'interactive'),
    fetch: keepAliveFetch({ timeoutMs: slackApi.timeoutMs }),
    logger: forwardingLogger(port, lineLevels),
  };
  const clientFor = clientsByToken((token) => new WebClient(token, options));
  const call = async ({ id, token, method, args }: CallRequest): Promise<void> => {
    let reply: ThreadMessage;
    try {
      reply = { kind: 'result', id, result: await clientFor(token).apiCall(method, args) };
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

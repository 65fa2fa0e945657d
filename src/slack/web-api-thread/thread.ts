import { createRequire } from 'node:module';
import { extname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { type WebAPICallResult, WebClient } from '@slack/web-api';
import type { Config } from '../../config.js';
import { componentLogger, type Logger } from '../../logger.js';
import { boltLogger } from '../bolt-logger.js';
import { clientsByToken, webClientOptions } from '../web-client-options.js';
import {
  type CallRequest,
  type LineLevel,
  reviveError,
  type ThreadMessage,
  threadFailure,
  type WebApiThreadData,
} from './protocol.js';

/** The thread's entry beside this file: worker.js in the build, worker.ts when run from source. */
const ENTRY_EXTENSION = extname(fileURLToPath(import.meta.url));
const WORKER_ENTRY = new URL(`./worker${ENTRY_EXTENSION}`, import.meta.url);

interface Pending {
  resolve: (result: WebAPICallResult) => void;
  reject: (error: Error) => void;
}

export interface WebApiThreadOptions {
  slackApi: Config['slackApi'];
  /** The bot's logger: WebClient's lines from the thread are written through it. */
  logger: Logger;
}

const LINE_LEVELS: LineLevel[] = ['debug', 'info', 'warn', 'error'];

/**
 * Makes the listeners' Web API calls on a worker thread. The main thread's event loop is the one that
 * must acknowledge Slack's requests within 3 seconds, and a call made there cost it more than a whole
 * ack: on the 2-core bench machine (2026-12-05) a `views.open` took 160–170 µs of its CPU, against
 * about 40 µs to hand the call over and take the answer back, for a bare ack of about 200 µs. On the
 * ack benchmark the bot answered about 25 % more requests per second this way (bench/RESULTS.md).
 * WebClient, its retries and Retry-After waits, and the HTTP run beside the event loop, at a lower
 * priority than it (see worker.ts).
 *
 * Callers get real WebClients (`client()`): their methods, errors (`code`, `data`, `retryAfter`) and
 * options are WebClient's own, run on the thread with the `interactive` policy (a Retry-After is waited
 * out, a failed call retried a bounded number of times).
 */
export class WebApiThread {
  readonly #data: WebApiThreadData;
  readonly #logger: Logger;
  readonly #lines: ReturnType<typeof boltLogger>;
  readonly #clientFor: (token: string) => WebClient;
  readonly #pending = new Map<number, Pending>();
  #worker: Worker | undefined;
  #nextId = 1;
  #closed = false;
  #idle: (() => void) | undefined;

  constructor(options: WebApiThreadOptions) {
    this.#logger = componentLogger(options.logger, 'slack-web-api');
    this.#lines = boltLogger(this.#logger);
    this.#data = {
      slackApi: options.slackApi,
      lineLevels: LINE_LEVELS.filter((level) => this.#logger.isLevelEnabled(level)),
    };
    // What a client does on this thread itself (file uploads) goes with the same options.
    const clientOptions = webClientOptions(options.slackApi, options.logger);
    this.#clientFor = clientsByToken((token) => new ThreadedWebClient(token, clientOptions, this));
  }

  /** The WebClient with this token whose calls run on the thread (the same one for every ask). */
  client(token: string): WebClient {
    return this.#clientFor(token);
  }

  /** Starts the thread now instead of at the first call (which then waits for it to load). */
  start(): void {
    if (!this.#closed && this.#worker === undefined) this.#spawn();
  }

  call(request: Omit<CallRequest, 'id'>): Promise<WebAPICallResult> {
    if (this.#closed) return Promise.reject(threadFailure('is closed: the bot is stopping'));
    const worker = this.#worker ?? this.#spawn();
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      // Referenced only while a call is in flight, so an idle thread never keeps the process alive.
      if (this.#pending.size === 0) worker.ref();
      this.#pending.set(id, { resolve, reject });
      worker.postMessage({ ...request, id } satisfies CallRequest);
    });
  }

  /** Calls in flight: the count that close() waits for. */
  get inFlight(): number {
    return this.#pending.size;
  }

  /** Takes no more calls, waits up to `waitMs` for those in flight, then ends the thread. */
  async close(waitMs: number): Promise<void> {
    this.#closed = true;
    if (this.#pending.size > 0) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        new Promise<void>((resolve) => {
          this.#idle = resolve;
        }),
        new Promise<void>((resolve) => {
          timer = setTimeout(resolve, waitMs);
        }),
      ]);
      clearTimeout(timer);
      if (this.#pending.size > 0)
        this.#logger.warn({ running: this.#pending.size }, 'stopped with Web API calls in flight');
    }
    await this.#worker?.terminate();
  }

  #spawn(): Worker {
    // No resourceLimits: with only the old generation capped, V8 gave the thread a young generation
    // so small that garbage collection kept the process's four GC helper threads at 0.8 of a core.
    const worker = new Worker(ENTRY_EXTENSION === '.ts' ? sourceEntry() : WORKER_ENTRY, {
      workerData: this.#data,
    });
    worker.unref();
    worker.on('message', (message: ThreadMessage) => this.#receive(message));
    worker.on('error', (error) => this.#logger.error({ err: error }, 'the Web API thread failed'));
    worker.on('exit', (code) => {
      if (this.#worker === worker) this.#worker = undefined;
      this.#failAll(threadFailure(`stopped (exit code ${code})`));
    });
    this.#worker = worker;
    return worker;
  }

  #receive(message: ThreadMessage): void {
    if (message.kind === 'log') {
      this.#lines[message.level](message.message);
      return;
    }
    const pending = this.#settle(message.id);
    if (pending === undefined) return;
    if (message.kind === 'result') pending.resolve(message.result);
    else pending.reject(reviveError(message.error));
  }

  #settle(id: number): Pending | undefined {
    const pending = this.#pending.get(id);
    if (pending === undefined) return undefined;
    this.#pending.delete(id);
    if (this.#pending.size === 0) {
      this.#worker?.unref();
      this.#idle?.();
    }
    return pending;
  }

  #failAll(error: Error): void {
    for (const id of [...this.#pending.keys()]) this.#settle(id)?.reject(error);
  }
}

/**
 * Run from source (tests, `npm run dev`), the thread needs TypeScript loaded as the process has it.
 * On Node 20 the hooks that `--import tsx` registers do not reach a worker's own imports, so a small
 * module loads the entry through tsx's `tsImport` instead. tsx is a development dependency: the build
 * runs worker.js and never gets here.
 */
function sourceEntry(): URL {
  const require = createRequire(import.meta.url);
  const manifestPath = require.resolve('tsx/package.json');
  const manifest = require(manifestPath) as { exports: Record<string, { import: { default: string } }> };
  const tsxApi = new URL(manifest.exports['./esm/api']?.import.default ?? '', pathToFileURL(manifestPath));
  const bootstrap = `const { tsImport } = await import(${JSON.stringify(tsxApi.href)});
await tsImport(${JSON.stringify(WORKER_ENTRY.href)}, import.meta.url);`;
  return new URL(`data:text/javascript,${encodeURIComponent(bootstrap)}`);
}

/**
 * A WebClient whose calls are made on the thread. Its method namespaces (`client.views.open`…) are
 * bound to `apiCall`, so overriding that one method moves every call. File uploads stay here: their
 * bytes would not survive the clone as Buffers, and WebClient reads and posts them itself (its Web API
 * steps come back through `apiCall` and go to the thread).
 */
class ThreadedWebClient extends WebClient {
  readonly #thread: WebApiThread;
  readonly #token: string;

  constructor(token: string, options: ConstructorParameters<typeof WebClient>[1], thread: WebApiThread) {
    super(token, options);
    this.#token = token;
    this.#thread = thread;
  }

  override apiCall(method: string, options: Record<string, unknown> = {}): Promise<WebAPICallResult> {
    if (method === 'files.uploadV2' || Object.values(options).some((value) => Buffer.isBuffer(value))) {
      return super.apiCall(method, options);
    }
    return this.#thread.call({ token: this.#token, method, args: options });
  }
}

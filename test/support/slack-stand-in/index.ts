import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  failureAnswer,
  type HttpAnswer,
  handlerCrash,
  type InjectedFailure,
  type RecordedCall,
  settle,
  unknownMethod,
} from './answers.js';
import {
  type Args,
  decodeJsonFields,
  failure,
  invalidArguments,
  missingRequiredArgument,
  type SlackAnswer,
} from './arguments.js';
import { acceptUpload, type UploadedFile, uploadedFiles } from './files.js';
import { bearerToken, parseArgs, readBody, sendText, uploadedBytes } from './http.js';
import { conversationFor } from './ids.js';
import { methodHandlers } from './methods.js';
import { type RateLimit, RateLimits } from './rate-limits.js';
import {
  addUser,
  clearActivity,
  createState,
  type StandInState,
  type StandInUserInput,
  type StoredMessage,
} from './state.js';

export type { InjectedFailure, RecordedCall } from './answers.js';
export type { UploadedFile } from './files.js';
export type { RateLimit } from './rate-limits.js';
export type { StandInUserInput, StoredMessage } from './state.js';

export type MethodOverride = (
  args: Record<string, unknown>,
  call: RecordedCall,
) => Record<string, unknown> | Promise<Record<string, unknown>>;

export interface SlackStandInOptions {
  botUserId?: string;
  botId?: string;
  teamId?: string;
  teamDomain?: string;
  /** When given, only these tokens authenticate; otherwise any xoxb-/xoxp-/xapp- token does. */
  validTokens?: string[];
}

interface PendingFailure {
  failure: InjectedFailure;
  remaining: number;
  /** Only calls this accepts take the failure; others are answered as usual. */
  when?: (call: RecordedCall) => boolean;
}

interface PeriodicFailure {
  failure: InjectedFailure;
  every: number;
  seen: number;
}

const ANY_METHOD = '*';
const CLIENT_CREDENTIAL_METHODS = new Set(['oauth.v2.access', 'oauth.v2.exchange']);
const RESPONSE_URL_PREFIXES = ['/commands/', '/actions/', '/app/'];

/**
 * A fake Slack Web API on 127.0.0.1 for tests: point @slack/web-api's `slackApiUrl` at `apiUrl`.
 * It keeps a small model of the workspace (users, channel messages, views, uploaded files) and records every call.
 */
export class SlackStandIn {
  readonly apiUrl: string;
  /** http://127.0.0.1:PORT — also usable as the base of fake response_urls (/commands/…, /actions/…). */
  readonly baseUrl: string;
  private readonly recorded: RecordedCall[] = [];
  private readonly failures = new Map<string, PendingFailure[]>();
  private readonly periodicFailures = new Map<string, PeriodicFailure>();
  private readonly overrides = new Map<string, MethodOverride>();
  private readonly answerDelays = new Map<string, number>();
  private readonly rateLimits = new RateLimits();
  private readonly callListeners = new Set<() => void>();
  private readonly state: StandInState;

  private constructor(
    private readonly server: Server,
    private readonly validTokens: string[] | undefined,
    identity: Omit<StandInState['identity'], 'baseUrl'>,
  ) {
    const { port } = server.address() as AddressInfo;
    this.baseUrl = `http://127.0.0.1:${port}`;
    this.apiUrl = `${this.baseUrl}/api/`;
    this.state = createState({ ...identity, baseUrl: this.baseUrl });
    server.on('request', (req, res) => {
      this.route(req, res).catch((error: unknown) =>
        sendText(res, 500, `stand-in failure: ${String(error)}`),
      );
    });
  }

  static async start(options: SlackStandInOptions = {}): Promise<SlackStandIn> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return new SlackStandIn(server, options.validTokens, {
      teamId: options.teamId ?? 'T0001',
      teamName: 'Stand-in Workspace',
      teamDomain: options.teamDomain ?? 'stand-in',
      botUserId: options.botUserId ?? 'UBOT000001',
      botId: options.botId ?? 'BBOT000001',
      botName: 'coach-bot',
      appId: 'A0001',
    });
  }

  /** Every call in arrival order, optionally only one method's. */
  calls(method?: string): RecordedCall[] {
    return this.recorded.filter((call) => method === undefined || call.method === method);
  }

  /**
   * Makes the next `times` calls of `method` ('*' = any Web API method) fail; `times: Infinity` keeps
   * failing. With `when`, only the calls it accepts (one channel's, say) fail: the bot's other traffic
   * running meanwhile cannot use up the failure.
   */
  fail(
    method: string,
    failure: InjectedFailure,
    options: { times?: number; when?: (call: RecordedCall) => boolean } = {},
  ): void {
    const times = options.times ?? 1;
    if (times <= 0) return;
    const queue = this.failures.get(method) ?? [];
    queue.push({ failure, remaining: times, ...(options.when ? { when: options.when } : {}) });
    this.failures.set(method, queue);
  }

  /**
   * Fails a fixed share of the calls of `method`, deterministically: with `every: 5` the 5th, 10th,
   * 15th… call from now on fails, the others are answered normally, until reset(). One-off failures
   * from fail() come first and do not count.
   */
  failSome(method: string, failure: InjectedFailure, options: { every: number }): void {
    if (!Number.isInteger(options.every) || options.every < 1)
      throw new Error('every must be a whole number ≥ 1');
    this.periodicFailures.set(method, { failure, every: options.every, seen: 0 });
  }

  /**
   * Enforces a per-workspace limit on a Web API method, as Slack does: `burst` calls at once, refilled
   * at `perMinute`; a call over it gets HTTP 429 with Retry-After (whole seconds, at least 1) and is
   * recorded with status 429. `undefined` lifts the limit. Injected failures are answered first.
   */
  rateLimit(method: string, limit: RateLimit | undefined): void {
    if (limit === undefined) this.rateLimits.remove(method);
    else this.rateLimits.set(method, limit, Date.now());
  }

  /**
   * Carries out calls of `method` at once (a post is stored) but writes the answer `ms` later, like
   * Slack's own latency: a sender killed meanwhile has posted without ever learning so. 0 removes it.
   */
  delayAnswers(method: string, ms: number): void {
    if (ms > 0) this.answerDelays.set(method, ms);
    else this.answerDelays.delete(method);
  }

  /** Replaces the built-in answer of a method; an answer without `ok` counts as `ok: true`. */
  respond(method: string, handler: MethodOverride): void {
    this.overrides.set(method, handler);
  }

  /** Resolves with the answered calls of `method` once there are at least `count` of them. */
  waitForCalls(method: string, count: number, timeoutMs = 2000): Promise<RecordedCall[]> {
    const answered = () => this.calls(method).filter((call) => call.status !== 0);
    return new Promise((resolve, reject) => {
      const check = () => {
        const calls = answered();
        if (calls.length < count) return;
        cleanUp();
        resolve(calls);
      };
      const timer = setTimeout(() => {
        cleanUp();
        const seen = this.recorded.map((call) => call.method).join(', ') || 'none';
        reject(
          new Error(
            `waited ${timeoutMs}ms for ${count} ${method} call(s), got ${answered().length}; seen: ${seen}`,
          ),
        );
      }, timeoutMs);
      const cleanUp = () => {
        clearTimeout(timer);
        this.callListeners.delete(check);
      };
      this.callListeners.add(check);
      check();
    });
  }

  addUser(user: StandInUserInput): void {
    addUser(this.state, user);
  }

  /** The bot leaves a channel (or was never invited): posts and history there fail not_in_channel. */
  removeBotFromChannel(channel: string): void {
    this.state.channelsWithoutBot.add(channel);
  }

  /** Someone runs `/invite @bot` in the channel. */
  inviteBotToChannel(channel: string): void {
    this.state.channelsWithoutBot.delete(channel);
  }

  /** Archived channels refuse posts with is_archived. */
  archiveChannel(channel: string): void {
    this.state.archivedChannels.add(channel);
  }

  /** Messages left in a conversation (oldest first); a user id means that user's DM with the bot. */
  messages(channel: string): StoredMessage[] {
    return [...(this.state.messagesByChannel.get(conversationFor(channel)) ?? [])];
  }

  /** Views as Slack holds them now (opened, pushed, updated or published), with the ids Slack gave them. */
  views(): Array<Record<string, unknown>> {
    return [...this.state.views.values()].map((stored) => stored.view);
  }

  uploadedFiles(): UploadedFile[] {
    return uploadedFiles(this.state);
  }

  /** Forgets calls, failures, rate limits, overrides, messages, views and files; users stay. */
  reset(): void {
    this.recorded.length = 0;
    this.failures.clear();
    this.periodicFailures.clear();
    this.answerDelays.clear();
    this.rateLimits.clear();
    this.overrides.clear();
    clearActivity(this.state);
  }

  async stop(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    // fetch keeps connections alive; without this close() waits for them to time out.
    this.server.closeAllConnections();
    await closed;
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.baseUrl);
    const body = await readBody(req);
    const token = bearerToken(req);
    if (url.pathname.startsWith('/api/')) {
      const method = decodeURIComponent(url.pathname.slice('/api/'.length));
      const parsed = await parseArgs(req, url, body);
      if ('answer' in parsed)
        return this.handleCall(res, { method, args: {}, token }, async (call) => settle(call, parsed.answer));
      const { token: tokenField, ...args } = parsed.args;
      const callToken =
        token ?? (typeof tokenField === 'string' && tokenField !== '' ? tokenField : undefined);
      // Decoded before anything can fail, so even rejected calls record structured blocks/metadata.
      const decodeProblem = decodeJsonFields(args);
      return this.handleCall(res, { method, args, token: callToken }, (call) =>
        this.answerApiCall(call, decodeProblem),
      );
    }
    if (req.method === 'POST' && url.pathname.startsWith('/upload/')) {
      const fileId = decodeURIComponent(url.pathname.slice('/upload/'.length));
      const bytes = await uploadedBytes(req, body);
      const args = { file_id: fileId, length: bytes.length };
      return this.handleCall(res, { method: 'upload', args, token }, async (call) =>
        this.answerUpload(call, bytes),
      );
    }
    if (req.method === 'POST' && RESPONSE_URL_PREFIXES.some((prefix) => url.pathname.startsWith(prefix))) {
      const parsed = await parseArgs(req, url, body);
      const args = { ...('args' in parsed ? parsed.args : {}), response_url: url.href };
      return this.handleCall(res, { method: 'response_url', args, token }, async (call) => {
        call.ok = true;
        return { status: 200, body: 'ok', contentType: 'text/plain' };
      });
    }
    sendText(res, 404, 'Not Found');
  }

  private async handleCall(
    res: ServerResponse,
    request: Pick<RecordedCall, 'method' | 'args' | 'token'>,
    answer: (call: RecordedCall) => Promise<HttpAnswer>,
  ): Promise<void> {
    const call: RecordedCall = { ...request, receivedAt: Date.now(), status: 0, ok: false };
    this.recorded.push(call);
    const injected = this.takeFailure(call) ?? this.rateLimited(call);
    let result: HttpAnswer;
    if (injected === undefined) result = await answer(call).catch(handlerCrash(call));
    else {
      if (injected.kind === 'server_error' && injected.afterHandling)
        await answer(call).catch(handlerCrash(call));
      result = failureAnswer(injected, call);
    }
    const delay = this.answerDelays.get(call.method);
    if (delay !== undefined) await new Promise((resolve) => setTimeout(resolve, delay));
    call.status = result.status;
    call.answeredAt = Date.now();
    res.writeHead(result.status, { 'content-type': result.contentType, ...result.headers });
    res.end(result.body);
    for (const listener of [...this.callListeners]) listener();
  }

  private takeFailure(call: RecordedCall): InjectedFailure | undefined {
    const { method } = call;
    const own = this.failures.get(method);
    const isWebApiMethod = method !== 'upload' && method !== 'response_url';
    const queue = own?.length || !isWebApiMethod ? own : this.failures.get(ANY_METHOD);
    const next = queue?.[0];
    if (!queue || !next || (next.when !== undefined && !next.when(call)))
      return this.takePeriodicFailure(method);
    next.remaining -= 1;
    if (next.remaining <= 0) queue.shift();
    return next.failure;
  }

  private takePeriodicFailure(method: string): InjectedFailure | undefined {
    const periodic = this.periodicFailures.get(method);
    if (periodic === undefined) return undefined;
    periodic.seen += 1;
    return periodic.seen % periodic.every === 0 ? periodic.failure : undefined;
  }

  private rateLimited(call: RecordedCall): InjectedFailure | undefined {
    const retryAfterSeconds = this.rateLimits.take(call.method, call.receivedAt);
    return retryAfterSeconds === undefined ? undefined : { kind: 'rate_limited', retryAfterSeconds };
  }

  private async answerApiCall(
    call: RecordedCall,
    decodeProblem: SlackAnswer | undefined,
  ): Promise<HttpAnswer> {
    const authProblem = CLIENT_CREDENTIAL_METHODS.has(call.method)
      ? this.clientCredentialProblem(call.args)
      : this.authProblem(call.token);
    if (authProblem) return settle(call, authProblem);
    return settle(call, decodeProblem ?? (await this.answerMethod(call, call.args)));
  }

  /** The OAuth exchange authenticates the app with its client id and secret, not with a token. */
  private clientCredentialProblem(args: Args): SlackAnswer | undefined {
    return typeof args.client_id === 'string' && typeof args.client_secret === 'string'
      ? undefined
      : failure('invalid_client_id');
  }

  private authProblem(token: string | undefined): SlackAnswer | undefined {
    if (token === undefined) return failure('not_authed');
    const valid = this.validTokens ? this.validTokens.includes(token) : /^(xoxb|xoxp|xapp)-/.test(token);
    return valid ? undefined : failure('invalid_auth');
  }

  private async answerMethod(call: RecordedCall, args: Args): Promise<SlackAnswer> {
    const override = this.overrides.get(call.method);
    const handler = methodHandlers[call.method];
    if (!override && !handler) return unknownMethod(call.method);
    const missing = missingRequiredArgument(call.method, args);
    if (missing) return invalidArguments(`missing required field: ${missing}`);
    if (override) return { ok: true, ...(await override(args, call)) };
    return handler!(this.state, args);
  }

  private answerUpload(call: RecordedCall, bytes: Buffer): HttpAnswer {
    if (!acceptUpload(this.state, String(call.args.file_id), bytes)) {
      call.error = 'file_not_found';
      return { status: 404, body: 'Not Found', contentType: 'text/plain' };
    }
    call.ok = true;
    return { status: 200, body: `OK - ${bytes.length}`, contentType: 'text/plain' };
  }
}

import { createHmac, randomBytes } from 'node:crypto';

export interface DriverResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
  json: unknown;
  elapsedMs: number;
}

export interface SendOptions {
  signature?: 'valid' | 'forged' | 'missing';
  timestampSeconds?: number;
  omitTimestamp?: boolean;
  /** Sign the body, then change it before sending — what an attacker replaying a signature would do. */
  tamperBodyAfterSigning?: boolean;
  headers?: Record<string, string>;
}

/** Workspace-level values every payload carries. */
export interface PayloadContext {
  teamId?: string;
  teamDomain?: string;
  apiAppId?: string;
  /** The deprecated verification token Slack still puts in payloads. */
  verificationToken?: string;
  botUserId?: string;
  /** Base for generated response_urls; pass SlackStandIn.baseUrl to have them land in the stand-in. */
  responseUrlBase?: string;
  /** Milliseconds since the epoch; drives action_ts, event_time and the like. */
  nowMs?: number;
}

export interface SlashCommandInput {
  command: string;
  text?: string;
  userId: string;
  userName?: string;
  channelId?: string;
  channelName?: string;
  teamId?: string;
  triggerId?: string;
  responseUrl?: string;
}

export interface BlockActionInput {
  userId: string;
  actionId: string;
  blockId?: string;
  value?: string;
  /** Extra or replacement fields of the action, e.g. { type: 'static_select', selected_option: {...} }. */
  action?: Record<string, unknown>;
  triggerId?: string;
  container?: Record<string, unknown>;
  channelId?: string;
  messageTs?: string;
  /** The message the button sits in (text, blocks); its ts comes from messageTs. */
  message?: Record<string, unknown>;
  /** The view the action happened in (Home tab or modal); only the fields you care about. */
  view?: Record<string, unknown>;
  responseUrl?: string;
  teamId?: string;
}

export interface ViewSubmissionInput {
  userId: string;
  callbackId: string;
  values: Record<string, Record<string, unknown>>;
  privateMetadata?: string;
  viewId?: string;
  viewHash?: string;
  externalId?: string;
  rootViewId?: string;
  previousViewId?: string;
  blocks?: unknown[];
  title?: string;
  triggerId?: string;
  responseUrls?: Array<Record<string, unknown>>;
  teamId?: string;
}

export interface ViewClosedInput {
  userId: string;
  callbackId: string;
  privateMetadata?: string;
  viewId?: string;
  viewHash?: string;
  values?: Record<string, Record<string, unknown>>;
  isCleared?: boolean;
  teamId?: string;
}

export interface EventEnvelopeInput {
  eventId?: string;
  eventTime?: number;
  teamId?: string;
  retryNum?: number;
  retryReason?: string;
}

export interface SlackDriverOptions {
  /** Where the bot listens, e.g. http://127.0.0.1:3000 */
  baseUrl: string;
  signingSecret: string;
  /** Default '/slack/events' */
  path?: string;
  teamId?: string;
  teamDomain?: string;
  apiAppId?: string;
  botUserId?: string;
  responseUrlBase?: string;
  /** Clock in milliseconds; lets a test send requests that look old or from the future. */
  now?: () => number;
}

const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';
const DEFAULTS = {
  teamId: 'T0001',
  teamDomain: 'example',
  apiAppId: 'A0001',
  verificationToken: 'gIkuvaNzQIHg97ATvDxqgjtO',
  botUserId: 'UBOT000001',
  botId: 'BBOT000001',
  responseUrlBase: 'https://hooks.slack.com',
};

// ---------------------------------------------------------------- signing

/** Slack's request signature: 'v0=' + hex HMAC-SHA256 of `v0:<timestamp>:<raw body>`. */
export function signSlackRequest(signingSecret: string, timestampSeconds: number, rawBody: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestampSeconds}:${rawBody}`).digest('hex')}`;
}

/** Headers a Slack request carries; for load generators that sign each request themselves. */
export function signedHeaders(
  signingSecret: string,
  rawBody: string,
  contentType: string,
  timestampSeconds: number,
): Record<string, string> {
  return {
    'content-type': contentType,
    'x-slack-request-timestamp': String(timestampSeconds),
    'x-slack-signature': signSlackRequest(signingSecret, timestampSeconds, rawBody),
  };
}

// ---------------------------------------------------------------- ids

let sequence = 0;

function nextSequence(): number {
  sequence += 1;
  return sequence;
}

/** Shaped like Slack's: '13345224609.738474920.8088930838d88f008e0…' — and unique per call. */
export function newTriggerId(): string {
  const head = 10_000_000_000 + (nextSequence() % 89_999_999_999);
  return `${head}.${700_000_000 + randomInt(99_999_999)}.${randomBytes(16).toString('hex')}`;
}

function newEventId(): string {
  return `Ev${nextSequence().toString(36).toUpperCase().padStart(4, '0')}${randomAlnum(6)}`;
}

function newViewId(): string {
  return `V${randomAlnum(10)}`;
}

function randomInt(max: number): number {
  return randomBytes(4).readUInt32BE() % max;
}

function randomAlnum(length: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  return Array.from(randomBytes(length), (byte) => alphabet[byte % alphabet.length]).join('');
}

function slackTs(nowMs: number): string {
  const micros = Math.floor(nowMs) * 1000 + (nextSequence() % 1000);
  return `${Math.floor(micros / 1_000_000)}.${String(micros % 1_000_000).padStart(6, '0')}`;
}

function responseUrl(context: PayloadContext, kind: 'commands' | 'actions', teamId: string): string {
  const base = context.responseUrlBase ?? DEFAULTS.responseUrlBase;
  return `${base}/${kind}/${teamId}/${10_000_000_000 + nextSequence()}/${randomAlnum(24)}`;
}

function channelNameFor(channelId: string): string {
  if (channelId.startsWith('D')) return 'directmessage';
  if (channelId.startsWith('G')) return 'privategroup';
  return 'general';
}

// ---------------------------------------------------------------- payload builders

function resolved(context: PayloadContext, teamId?: string) {
  return {
    teamId: teamId ?? context.teamId ?? DEFAULTS.teamId,
    teamDomain: context.teamDomain ?? DEFAULTS.teamDomain,
    apiAppId: context.apiAppId ?? DEFAULTS.apiAppId,
    token: context.verificationToken ?? DEFAULTS.verificationToken,
    botUserId: context.botUserId ?? DEFAULTS.botUserId,
    nowMs: context.nowMs ?? Date.now(),
  };
}

/** Form body of a slash command, field order as Slack sends it. */
export function slashCommandBody(input: SlashCommandInput, context: PayloadContext = {}): string {
  const ws = resolved(context, input.teamId);
  const channelId = input.channelId ?? 'C0001';
  return new URLSearchParams({
    token: ws.token,
    team_id: ws.teamId,
    team_domain: ws.teamDomain,
    channel_id: channelId,
    channel_name: input.channelName ?? channelNameFor(channelId),
    user_id: input.userId,
    user_name: input.userName ?? input.userId.toLowerCase(),
    command: input.command,
    text: input.text ?? '',
    api_app_id: ws.apiAppId,
    is_enterprise_install: 'false',
    response_url: input.responseUrl ?? responseUrl(context, 'commands', ws.teamId),
    trigger_id: input.triggerId ?? newTriggerId(),
  }).toString();
}

function interactionUser(userId: string, teamId: string): Record<string, unknown> {
  const name = userId.toLowerCase();
  return { id: userId, username: name, name, team_id: teamId };
}

function interactionBase(
  type: string,
  userId: string,
  ws: ReturnType<typeof resolved>,
): Record<string, unknown> {
  return {
    type,
    team: { id: ws.teamId, domain: ws.teamDomain },
    user: interactionUser(userId, ws.teamId),
    api_app_id: ws.apiAppId,
    token: ws.token,
    enterprise: null,
    is_enterprise_install: false,
  };
}

/** A full view object as Slack sends it inside interaction payloads, filled around the given fields. */
function viewObject(
  fields: Record<string, unknown>,
  ws: ReturnType<typeof resolved>,
  type: 'home' | 'modal',
): Record<string, unknown> {
  const id = typeof fields.id === 'string' ? fields.id : newViewId();
  return {
    id,
    team_id: ws.teamId,
    type,
    blocks: [],
    private_metadata: '',
    callback_id: '',
    state: { values: {} },
    hash: `${Math.floor(ws.nowMs / 1000)}.${randomBytes(4).toString('hex')}`,
    clear_on_close: false,
    notify_on_close: false,
    close: null,
    submit: null,
    previous_view_id: null,
    root_view_id: id,
    app_id: ws.apiAppId,
    external_id: '',
    app_installed_team_id: ws.teamId,
    bot_id: DEFAULTS.botId,
    ...fields,
  };
}

/** Form body `payload=<json>` of a block_actions interaction (message button or view element). */
export function blockActionBody(input: BlockActionInput, context: PayloadContext = {}): string {
  return formPayload(blockActionPayload(input, context));
}

export function blockActionPayload(
  input: BlockActionInput,
  context: PayloadContext = {},
): Record<string, unknown> {
  const ws = resolved(context, input.teamId);
  const action = {
    type: 'button',
    action_id: input.actionId,
    block_id: input.blockId ?? randomAlnum(4),
    ...(input.value === undefined ? {} : { value: input.value }),
    action_ts: slackTs(ws.nowMs),
    ...input.action,
  };
  const payload: Record<string, unknown> = {
    ...interactionBase('block_actions', input.userId, ws),
    trigger_id: input.triggerId ?? newTriggerId(),
    ...(input.view ? viewActionParts(input, ws) : messageActionParts(input, ws, context)),
    actions: [action],
  };
  if (input.container) payload.container = input.container;
  return payload;
}

function viewActionParts(input: BlockActionInput, ws: ReturnType<typeof resolved>): Record<string, unknown> {
  const viewFields = input.view ?? {};
  const view = viewObject(viewFields, ws, viewFields.type === 'modal' ? 'modal' : 'home');
  // Actions inside views carry no response_url; the view and its state are the context.
  return { container: { type: 'view', view_id: view.id }, view, state: view.state };
}

function messageActionParts(
  input: BlockActionInput,
  ws: ReturnType<typeof resolved>,
  context: PayloadContext,
): Record<string, unknown> {
  const channelId = input.channelId ?? 'C0001';
  const messageTs = input.messageTs ?? slackTs(ws.nowMs - 60_000);
  return {
    container: { type: 'message', message_ts: messageTs, channel_id: channelId, is_ephemeral: false },
    channel: { id: channelId, name: channelNameFor(channelId) },
    message: {
      type: 'message',
      user: ws.botUserId,
      bot_id: DEFAULTS.botId,
      app_id: ws.apiAppId,
      team: ws.teamId,
      text: '',
      ...input.message,
      ts: messageTs,
    },
    state: { values: {} },
    response_url: input.responseUrl ?? responseUrl(context, 'actions', ws.teamId),
  };
}

/** Form body `payload=<json>` of a modal submission. */
export function viewSubmissionBody(input: ViewSubmissionInput, context: PayloadContext = {}): string {
  return formPayload(viewSubmissionPayload(input, context));
}

export function viewSubmissionPayload(
  input: ViewSubmissionInput,
  context: PayloadContext = {},
): Record<string, unknown> {
  const ws = resolved(context, input.teamId);
  const view = viewObject(
    {
      ...(input.viewId ? { id: input.viewId } : {}),
      ...(input.viewHash ? { hash: input.viewHash } : {}),
      title: { type: 'plain_text', text: input.title ?? 'Form' },
      submit: { type: 'plain_text', text: 'Submit' },
      close: { type: 'plain_text', text: 'Cancel' },
      blocks: input.blocks ?? [],
      private_metadata: input.privateMetadata ?? '',
      callback_id: input.callbackId,
      external_id: input.externalId ?? '',
      state: { values: input.values },
      ...(input.previousViewId ? { previous_view_id: input.previousViewId } : {}),
    },
    ws,
    'modal',
  );
  if (input.rootViewId) view.root_view_id = input.rootViewId;
  return {
    ...interactionBase('view_submission', input.userId, ws),
    trigger_id: input.triggerId ?? newTriggerId(),
    view,
    response_urls: input.responseUrls ?? [],
  };
}

export function viewClosedBody(input: ViewClosedInput, context: PayloadContext = {}): string {
  const ws = resolved(context, input.teamId);
  const view = viewObject(
    {
      ...(input.viewId ? { id: input.viewId } : {}),
      ...(input.viewHash ? { hash: input.viewHash } : {}),
      title: { type: 'plain_text', text: 'Form' },
      private_metadata: input.privateMetadata ?? '',
      callback_id: input.callbackId,
      notify_on_close: true,
      state: { values: input.values ?? {} },
    },
    ws,
    'modal',
  );
  return formPayload({
    ...interactionBase('view_closed', input.userId, ws),
    view,
    is_cleared: input.isCleared ?? false,
  });
}

/** JSON body of an Events API `event_callback` envelope. */
export function eventEnvelopeBody(
  event: Record<string, unknown>,
  input: EventEnvelopeInput = {},
  context: PayloadContext = {},
): string {
  const ws = resolved(context, input.teamId);
  const eventId = input.eventId ?? newEventId();
  const eventTs = typeof event.ts === 'string' ? event.ts : slackTs(ws.nowMs);
  return JSON.stringify({
    token: ws.token,
    team_id: ws.teamId,
    context_team_id: ws.teamId,
    context_enterprise_id: null,
    api_app_id: ws.apiAppId,
    event: { event_ts: eventTs, ...event },
    type: 'event_callback',
    event_id: eventId,
    event_time: input.eventTime ?? Math.floor(ws.nowMs / 1000),
    authorizations: [
      {
        enterprise_id: null,
        team_id: ws.teamId,
        user_id: ws.botUserId,
        is_bot: true,
        is_enterprise_install: false,
      },
    ],
    is_ext_shared_channel: false,
    event_context: `4-${Buffer.from(JSON.stringify({ et: event.type, tid: ws.teamId, aid: ws.apiAppId })).toString('base64url')}`,
  });
}

export function urlVerificationBody(challenge: string, context: PayloadContext = {}): string {
  return JSON.stringify({ token: resolved(context).token, challenge, type: 'url_verification' });
}

function formPayload(payload: Record<string, unknown>): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

// ---------------------------------------------------------------- the driver

/** Sends Slack-signed HTTP requests to the bot, the way Slack's servers would. */
export class SlackDriver {
  private readonly url: string;
  private readonly now: () => number;

  constructor(private readonly options: SlackDriverOptions) {
    this.url = new URL(options.path ?? '/slack/events', options.baseUrl).href;
    this.now = options.now ?? Date.now;
  }

  slashCommand(input: SlashCommandInput, options?: SendOptions): Promise<DriverResponse> {
    return this.send(slashCommandBody(input, this.context()), FORM, options);
  }

  blockAction(input: BlockActionInput, options?: SendOptions): Promise<DriverResponse> {
    return this.send(blockActionBody(input, this.context()), FORM, options);
  }

  viewSubmission(input: ViewSubmissionInput, options?: SendOptions): Promise<DriverResponse> {
    return this.send(viewSubmissionBody(input, this.context()), FORM, options);
  }

  viewClosed(input: ViewClosedInput, options?: SendOptions): Promise<DriverResponse> {
    return this.send(viewClosedBody(input, this.context()), FORM, options);
  }

  event(
    event: Record<string, unknown>,
    input: EventEnvelopeInput = {},
    options?: SendOptions,
  ): Promise<DriverResponse> {
    const retryHeaders: Record<string, string> =
      input.retryNum === undefined
        ? {}
        : {
            'x-slack-retry-num': String(input.retryNum),
            'x-slack-retry-reason': input.retryReason ?? 'http_timeout',
          };
    const withRetry = { ...options, headers: { ...retryHeaders, ...options?.headers } };
    return this.send(eventEnvelopeBody(event, input, this.context()), JSON_TYPE, withRetry);
  }

  urlVerification(challenge: string, options?: SendOptions): Promise<DriverResponse> {
    return this.send(urlVerificationBody(challenge, this.context()), JSON_TYPE, options);
  }

  /** The low-level path everything uses: signs `rawBody` (as asked) and POSTs it. */
  async send(rawBody: string, contentType: string, options: SendOptions = {}): Promise<DriverResponse> {
    const timestamp = options.timestampSeconds ?? Math.floor(this.now() / 1000);
    const headers: Record<string, string> = { 'content-type': contentType };
    if (!options.omitTimestamp) headers['x-slack-request-timestamp'] = String(timestamp);
    const signature = this.signatureFor(options.signature ?? 'valid', timestamp, rawBody);
    if (signature) headers['x-slack-signature'] = signature;
    const body = options.tamperBodyAfterSigning ? tamper(rawBody, contentType) : rawBody;
    const started = performance.now();
    const response = await fetch(this.url, {
      method: 'POST',
      headers: { ...headers, ...options.headers },
      body,
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: Object.fromEntries(response.headers),
      text,
      json: parseJsonOrUndefined(text),
      elapsedMs: performance.now() - started,
    };
  }

  private signatureFor(
    kind: 'valid' | 'forged' | 'missing',
    timestamp: number,
    rawBody: string,
  ): string | undefined {
    if (kind === 'missing') return undefined;
    const secret = kind === 'valid' ? this.options.signingSecret : `not-${this.options.signingSecret}`;
    return signSlackRequest(secret, timestamp, rawBody);
  }

  private context(): PayloadContext {
    const { teamId, teamDomain, apiAppId, botUserId, responseUrlBase } = this.options;
    return {
      nowMs: this.now(),
      ...(teamId ? { teamId } : {}),
      ...(teamDomain ? { teamDomain } : {}),
      ...(apiAppId ? { apiAppId } : {}),
      ...(botUserId ? { botUserId } : {}),
      ...(responseUrlBase ? { responseUrlBase } : {}),
    };
  }
}

function tamper(rawBody: string, contentType: string): string {
  if (contentType.startsWith(JSON_TYPE)) {
    const parsed = parseJsonOrUndefined(rawBody);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      return JSON.stringify({ ...parsed, tampered: true });
    }
    return `${rawBody} `;
  }
  return `${rawBody}&tampered=1`;
}

function parseJsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

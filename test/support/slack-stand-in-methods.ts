import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { slackReferencePath } from './slack-reference.js';

export type Args = Record<string, unknown>;
export type SlackAnswer = Record<string, unknown> & { ok: boolean; error?: string };

export interface WorkspaceIdentity {
  teamId: string;
  teamName: string;
  teamDomain: string;
  botUserId: string;
  botId: string;
  botName: string;
  appId: string;
  /** Where the stand-in listens, e.g. http://127.0.0.1:1234 — upload URLs point back here. */
  baseUrl: string;
}

export interface StandInUserInput {
  id: string;
  name?: string;
  real_name?: string;
  tz?: string | null;
  tz_offset?: number;
  deleted?: boolean;
  is_bot?: boolean;
  profile?: { email?: string; display_name?: string; real_name?: string };
}

export interface SlackUser {
  id: string;
  team_id: string;
  name: string;
  deleted: boolean;
  real_name: string;
  tz: string | null;
  tz_label?: string;
  tz_offset?: number;
  is_bot: boolean;
  is_app_user: boolean;
  is_admin: boolean;
  is_owner: boolean;
  is_restricted: boolean;
  is_ultra_restricted: boolean;
  updated: number;
  profile: Record<string, unknown>;
}

export interface StoredMessage {
  /** The conversation the message lives in (a D id for DMs); not part of Slack's message object. */
  channel: string;
  type: 'message';
  ts: string;
  user: string;
  bot_id: string;
  app_id: string;
  team: string;
  text: string;
  blocks?: unknown[];
  attachments?: unknown[];
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
  thread_ts?: string;
  reply_broadcast?: boolean;
  reply_count?: number;
  reply_users?: string[];
  latest_reply?: string;
  edited?: { user: string; ts: string };
  reactions?: Array<{ name: string; users: string[]; count: number }>;
  files?: Array<Record<string, unknown>>;
  upload?: boolean;
}

export interface StoredFile {
  id: string;
  filename: string;
  length: number;
  title?: string;
  bytes?: Buffer;
  completed: boolean;
  channelId?: string;
  threadTs?: string;
  created: number;
}

interface StoredView {
  view: Record<string, unknown>;
  userId?: string;
}

export interface StandInState {
  identity: WorkspaceIdentity;
  users: Map<string, SlackUser>;
  messagesByChannel: Map<string, StoredMessage[]>;
  views: Map<string, StoredView>;
  homeViewIdByUser: Map<string, string>;
  usedTriggerIds: Set<string>;
  openedDms: Set<string>;
  files: Map<string, StoredFile>;
  clock: SlackClock;
}

type MethodHandler = (state: StandInState, args: Args) => SlackAnswer;

const REFERENCE_DIR = slackReferencePath('methods');
const MESSAGE_BLOCK_LIMIT = 50;
const VIEW_BLOCK_LIMIT = 100;
const VIEW_TEXT_LIMIT = 24;

// ---------------------------------------------------------------- state

/** Hands out message timestamps that are unique and strictly increasing, like Slack's. */
export class SlackClock {
  private lastMicros = 0;

  nextTs(): string {
    this.lastMicros = Math.max(Date.now() * 1000, this.lastMicros + 1);
    return microsToTs(this.lastMicros);
  }
}

export function createState(identity: WorkspaceIdentity): StandInState {
  const state: StandInState = {
    identity,
    users: new Map(),
    messagesByChannel: new Map(),
    views: new Map(),
    homeViewIdByUser: new Map(),
    usedTriggerIds: new Set(),
    openedDms: new Set(),
    files: new Map(),
    clock: new SlackClock(),
  };
  // Real workspaces always list Slackbot and the app's own bot user, so code that syncs users must skip them.
  addUser(state, { id: 'USLACKBOT', name: 'slackbot', real_name: 'Slackbot', is_bot: false });
  addUser(state, {
    id: identity.botUserId,
    name: identity.botName,
    real_name: identity.botName,
    is_bot: true,
  });
  return state;
}

/** Forgets everything that happened, keeps the people. */
export function clearActivity(state: StandInState): void {
  state.messagesByChannel.clear();
  state.views.clear();
  state.homeViewIdByUser.clear();
  state.usedTriggerIds.clear();
  state.openedDms.clear();
  state.files.clear();
}

export function addUser(state: StandInState, input: StandInUserInput): SlackUser {
  const user = buildUser(input, state.identity.teamId);
  state.users.set(user.id, user);
  return user;
}

function buildUser(input: StandInUserInput, teamId: string): SlackUser {
  const name = input.name ?? input.id.toLowerCase();
  const realName = input.real_name ?? input.profile?.real_name ?? name;
  const tz = input.tz === undefined ? 'America/Los_Angeles' : input.tz;
  const displayName = input.profile?.display_name ?? '';
  return {
    id: input.id,
    team_id: teamId,
    name,
    deleted: input.deleted ?? false,
    real_name: realName,
    tz,
    ...(tz === null ? {} : { tz_label: timezoneLabel(tz) }),
    ...timezoneOffsetField(tz, input.tz_offset),
    is_bot: input.is_bot ?? false,
    is_app_user: false,
    is_admin: false,
    is_owner: false,
    is_restricted: false,
    is_ultra_restricted: false,
    updated: Math.floor(Date.now() / 1000),
    profile: {
      real_name: realName,
      real_name_normalized: realName,
      display_name: displayName,
      display_name_normalized: displayName,
      ...(input.profile?.email === undefined ? {} : { email: input.profile.email }),
      avatar_hash: createHash('sha1').update(input.id).digest('hex').slice(0, 12),
      team: teamId,
    },
  };
}

function timezoneOffsetField(tz: string | null, explicit: number | undefined): { tz_offset?: number } {
  if (explicit !== undefined) return { tz_offset: explicit };
  return tz === null ? {} : { tz_offset: timezoneOffsetSeconds(tz) };
}

function timezoneOffsetSeconds(tz: string): number {
  const label = timeZoneNamePart(tz, 'longOffset');
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(label);
  if (!match) return 0;
  const seconds = Number(match[2]) * 3600 + Number(match[3]) * 60;
  return match[1] === '-' ? -seconds : seconds;
}

function timezoneLabel(tz: string): string {
  return timeZoneNamePart(tz, 'long');
}

function timeZoneNamePart(tz: string, style: 'long' | 'longOffset'): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: style }).formatToParts(
    new Date(),
  );
  return parts.find((part) => part.type === 'timeZoneName')?.value ?? '';
}

// ---------------------------------------------------------------- ids, timestamps, cursors

export function dmChannelFor(userId: string): string {
  return `D${userId}`;
}

function isUserId(id: string): boolean {
  return /^[UW][A-Z0-9]+$/.test(id);
}

function isConversationId(id: string): boolean {
  return /^[CGD][A-Z0-9]+$/.test(id);
}

/** Bots post DMs by passing the user id as channel; Slack files them under the DM conversation. */
export function conversationFor(channel: string): string {
  return isUserId(channel) ? dmChannelFor(channel) : channel;
}

function microsToTs(micros: number): string {
  return `${Math.floor(micros / 1_000_000)}.${String(micros % 1_000_000).padStart(6, '0')}`;
}

function tsToMicros(ts: string): number {
  const match = /^(\d+)(?:\.(\d{1,6}))?$/.exec(ts);
  if (!match) return Number.NaN;
  return Number(match[1]) * 1_000_000 + Number((match[2] ?? '').padEnd(6, '0'));
}

function randomId(prefix: string, length = 10): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  const bytes = randomBytes(length);
  return prefix + Array.from(bytes, (byte) => alphabet[byte % alphabet.length]).join('');
}

function viewHash(): string {
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

function paginate<T>(
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

// ---------------------------------------------------------------- argument helpers

export function failure(error: string, messages?: string[]): SlackAnswer {
  return messages === undefined
    ? { ok: false, error }
    : { ok: false, error, response_metadata: { messages } };
}

export function invalidArguments(detail: string): SlackAnswer {
  return failure('invalid_arguments', [`[ERROR] ${detail}`]);
}

function isFlagSet(value: unknown): boolean {
  return value === true || value === 1 || value === 'true' || value === '1';
}

function numberArg(value: unknown, fallback: number): number {
  const parsed = typeof value === 'number' ? value : Number.parseInt(String(value ?? ''), 10);
  return Number.isFinite(parsed) ? parsed : fallback;
}

function stringArg(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const JSON_FIELDS = ['blocks', 'view', 'metadata', 'attachments', 'files'] as const;

/** Form bodies carry objects as JSON strings; decode them so handlers and test assertions see structure. */
export function decodeJsonFields(args: Args): SlackAnswer | undefined {
  for (const field of JSON_FIELDS) {
    const value = args[field];
    if (typeof value !== 'string' || !/^\s*[[{]/.test(value)) continue;
    try {
      args[field] = JSON.parse(value);
    } catch {
      if (field === 'blocks') return failure('invalid_blocks_format');
      if (field === 'metadata') return failure('invalid_metadata_format');
      return invalidArguments(`failed to parse JSON: ${field}`);
    }
  }
  return undefined;
}

const requiredArgsCache = new Map<string, string[] | undefined>();

/** Required argument names as Slack's reference data lists them; undefined when there is no reference. */
export function requiredArguments(method: string): string[] | undefined {
  if (!requiredArgsCache.has(method)) {
    const file = path.join(REFERENCE_DIR, `${method}.json`);
    const reference = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
    requiredArgsCache.set(method, reference?.args?.required);
  }
  return requiredArgsCache.get(method);
}

export function missingRequiredArgument(method: string, args: Args): string | undefined {
  const required = requiredArguments(method) ?? [];
  // The token travels in the Authorization header and is checked before we get here.
  return required.find((name) => name !== 'token' && (args[name] === undefined || args[name] === ''));
}

// ---------------------------------------------------------------- block and view checks

function blocksProblem(blocks: unknown, limit: number, pointer: string): string | undefined {
  if (!Array.isArray(blocks)) return `must be an array [json-pointer:${pointer}]`;
  if (blocks.length > limit) return `no more than ${limit} items allowed [json-pointer:${pointer}]`;
  for (const [index, block] of blocks.entries()) {
    const problem = blockProblem(block, `${pointer}/${index}`);
    if (problem) return problem;
  }
  return undefined;
}

function blockProblem(block: unknown, pointer: string): string | undefined {
  if (!isRecord(block) || typeof block.type !== 'string')
    return `missing required field: type [json-pointer:${pointer}]`;
  const text = isRecord(block.text) ? block.text.text : undefined;
  if (block.type === 'section') {
    if (typeof text === 'string' && text.length > 3000) {
      return `must be less than 3001 characters [json-pointer:${pointer}/text/text]`;
    }
    if (Array.isArray(block.fields) && block.fields.length > 10) {
      return `no more than 10 items allowed [json-pointer:${pointer}/fields]`;
    }
  }
  if (block.type === 'header' && typeof text === 'string' && text.length > 150) {
    return `must be less than 151 characters [json-pointer:${pointer}/text/text]`;
  }
  return undefined;
}

function viewProblem(view: unknown, expectedType: 'modal' | 'home' | 'any'): string | undefined {
  if (!isRecord(view)) return 'missing required field: view';
  if (expectedType !== 'any' && view.type !== expectedType) {
    return 'must be a valid enum value [json-pointer:/view/type]';
  }
  if (view.type === 'modal') {
    const titleProblem = buttonTextProblem(view.title, 'title', true);
    if (titleProblem) return titleProblem;
    const buttonProblem = buttonTextProblem(view.submit, 'submit') ?? buttonTextProblem(view.close, 'close');
    if (buttonProblem) return buttonProblem;
  }
  if (typeof view.private_metadata === 'string' && view.private_metadata.length > 3000) {
    return 'must be less than 3001 characters [json-pointer:/view/private_metadata]';
  }
  return blocksProblem(view.blocks ?? [], VIEW_BLOCK_LIMIT, '/view/blocks');
}

function buttonTextProblem(field: unknown, name: string, required = false): string | undefined {
  if (field === undefined || field === null) {
    return required ? `missing required field: ${name} [json-pointer:/view]` : undefined;
  }
  const text = isRecord(field) ? field.text : undefined;
  if (typeof text !== 'string') return `missing required field: text [json-pointer:/view/${name}]`;
  if (text.length > VIEW_TEXT_LIMIT) {
    return `must be less than ${VIEW_TEXT_LIMIT + 1} characters [json-pointer:/view/${name}/text]`;
  }
  return undefined;
}

function metadataProblem(metadata: unknown): boolean {
  return !isRecord(metadata) || typeof metadata.event_type !== 'string' || !isRecord(metadata.event_payload);
}

function hasMessageContent(args: Args): boolean {
  return ['text', 'blocks', 'attachments', 'markdown_text'].some(
    (field) => args[field] !== undefined && args[field] !== '',
  );
}

/** Shared checks for anything that carries message content; returns the Slack error to answer with. */
function messageContentProblem(args: Args): SlackAnswer | undefined {
  if (!hasMessageContent(args)) return failure('no_text');
  if (args.blocks !== undefined) {
    const problem = blocksProblem(args.blocks, MESSAGE_BLOCK_LIMIT, '/blocks');
    if (problem) return { ...failure('invalid_blocks', [`[ERROR] ${problem}`]), errors: [problem] };
  }
  if (args.metadata !== undefined && metadataProblem(args.metadata))
    return failure('invalid_metadata_format');
  return undefined;
}

// ---------------------------------------------------------------- messages

function channelMessages(state: StandInState, channel: string): StoredMessage[] {
  let messages = state.messagesByChannel.get(channel);
  if (!messages) {
    messages = [];
    state.messagesByChannel.set(channel, messages);
  }
  return messages;
}

function findMessage(state: StandInState, channel: string, ts: unknown): StoredMessage | undefined {
  return state.messagesByChannel.get(channel)?.find((message) => message.ts === ts);
}

export function toApiMessage(message: StoredMessage, includeMetadata: boolean): Record<string, unknown> {
  const { channel: _channel, metadata, ...rest } = message;
  return includeMetadata && metadata ? { ...rest, metadata } : rest;
}

function storeMessage(state: StandInState, channel: string, fields: Partial<StoredMessage>): StoredMessage {
  const { identity } = state;
  const message: StoredMessage = {
    channel,
    type: 'message',
    ts: state.clock.nextTs(),
    user: identity.botUserId,
    bot_id: identity.botId,
    app_id: identity.appId,
    team: identity.teamId,
    text: '',
    ...fields,
  };
  channelMessages(state, channel).push(message);
  if (message.thread_ts) noteReply(state, channel, message);
  return message;
}

function noteReply(state: StandInState, channel: string, reply: StoredMessage): void {
  const parent = findMessage(state, channel, reply.thread_ts);
  if (!parent || parent === reply) return;
  parent.thread_ts = parent.ts;
  parent.reply_count = (parent.reply_count ?? 0) + 1;
  parent.reply_users = [...new Set([...(parent.reply_users ?? []), reply.user])];
  parent.latest_reply = reply.ts;
}

function contentFields(args: Args): Partial<StoredMessage> {
  const fields: Partial<StoredMessage> = {};
  if (args.text !== undefined) fields.text = String(args.text);
  if (args.markdown_text !== undefined) fields.text = String(args.markdown_text);
  if (Array.isArray(args.blocks)) fields.blocks = args.blocks;
  if (Array.isArray(args.attachments)) fields.attachments = args.attachments;
  if (isRecord(args.metadata)) fields.metadata = args.metadata as StoredMessage['metadata'];
  return fields;
}

function postMessage(state: StandInState, args: Args): SlackAnswer {
  const problem = messageContentProblem(args);
  if (problem) return problem;
  const channel = conversationFor(String(args.channel));
  const threadTs = stringArg(args.thread_ts);
  const message = storeMessage(state, channel, {
    ...contentFields(args),
    ...(threadTs ? { thread_ts: threadTs } : {}),
    ...(threadTs && isFlagSet(args.reply_broadcast) ? { reply_broadcast: true } : {}),
  });
  return { ok: true, channel, ts: message.ts, message: toApiMessage(message, true) };
}

function updateMessage(state: StandInState, args: Args): SlackAnswer {
  const channel = String(args.channel);
  // Slack wants the conversation id here; a user id only works for posting.
  if (!isConversationId(channel)) return failure('channel_not_found');
  const message = findMessage(state, channel, args.ts);
  if (!message) return failure('message_not_found');
  const problem = messageContentProblem(args);
  if (problem) return problem;
  Object.assign(message, contentFields(args), {
    edited: { user: state.identity.botUserId, ts: state.clock.nextTs() },
  });
  return { ok: true, channel, ts: message.ts, text: message.text, message: toApiMessage(message, true) };
}

function deleteMessage(state: StandInState, args: Args): SlackAnswer {
  const channel = String(args.channel);
  const messages = state.messagesByChannel.get(channel);
  const index = messages?.findIndex((message) => message.ts === args.ts) ?? -1;
  if (!messages || index < 0) return failure('message_not_found');
  messages.splice(index, 1);
  return { ok: true, channel, ts: args.ts };
}

function postEphemeral(state: StandInState, args: Args): SlackAnswer {
  const problem = messageContentProblem(args);
  if (problem) return problem;
  return { ok: true, message_ts: state.clock.nextTs() };
}

function getPermalink(state: StandInState, args: Args): SlackAnswer {
  const channel = String(args.channel);
  const message = findMessage(state, channel, args.message_ts);
  if (!message) return failure('message_not_found');
  const base = `https://${state.identity.teamDomain}.slack.com/archives/${channel}/p${message.ts.replace('.', '')}`;
  const isReply = message.thread_ts !== undefined && message.thread_ts !== message.ts;
  const permalink = isReply ? `${base}?thread_ts=${message.thread_ts}&cid=${channel}` : base;
  return { ok: true, channel, permalink };
}

type TimeWindow = { oldest: number; latest: number; inclusive: boolean } | { error: string };

function timeWindow(args: Args): TimeWindow {
  const oldest = args.oldest === undefined ? 0 : tsToMicros(String(args.oldest));
  const latest = args.latest === undefined ? Number.POSITIVE_INFINITY : tsToMicros(String(args.latest));
  if (Number.isNaN(oldest)) return { error: 'invalid_ts_oldest' };
  if (Number.isNaN(latest)) return { error: 'invalid_ts_latest' };
  return { oldest, latest, inclusive: isFlagSet(args.inclusive) };
}

function insideWindow(ts: string, window: { oldest: number; latest: number; inclusive: boolean }): boolean {
  const micros = tsToMicros(ts);
  if (window.inclusive) return micros >= window.oldest && micros <= window.latest;
  return micros > window.oldest && micros < window.latest;
}

function conversationHistory(state: StandInState, args: Args): SlackAnswer {
  const channel = String(args.channel);
  if (!isConversationId(channel)) return failure('channel_not_found');
  const window = timeWindow(args);
  if ('error' in window) return failure(window.error);
  const newestFirst = (state.messagesByChannel.get(channel) ?? [])
    .filter((message) => isTopLevel(message) && insideWindow(message.ts, window))
    .reverse();
  const limit = Math.min(numberArg(args.limit, 100) || 100, 999);
  const page = paginate(newestFirst, (message) => message.ts, 'next_ts', args.cursor, limit);
  if ('error' in page) return failure(page.error);
  const includeMetadata = isFlagSet(args.include_all_metadata);
  return {
    ok: true,
    messages: page.items.map((message) => toApiMessage(message, includeMetadata)),
    has_more: page.nextCursor !== '',
    pin_count: 0,
    ...(page.nextCursor === '' ? {} : { response_metadata: { next_cursor: page.nextCursor } }),
  };
}

function isTopLevel(message: StoredMessage): boolean {
  return (
    message.thread_ts === undefined || message.thread_ts === message.ts || message.reply_broadcast === true
  );
}

function conversationReplies(state: StandInState, args: Args): SlackAnswer {
  const channel = String(args.channel);
  if (!isConversationId(channel)) return failure('channel_not_found');
  const root = findMessage(state, channel, args.ts);
  if (!root) return failure('thread_not_found');
  const thread = (state.messagesByChannel.get(channel) ?? []).filter(
    (message) => message === root || (root.thread_ts === root.ts && message.thread_ts === root.ts),
  );
  const page = paginate(thread, (message) => message.ts, 'next_ts', args.cursor, numberArg(args.limit, 1000));
  if ('error' in page) return failure(page.error);
  const includeMetadata = isFlagSet(args.include_all_metadata);
  return {
    ok: true,
    messages: page.items.map((message) => toApiMessage(message, includeMetadata)),
    has_more: page.nextCursor !== '',
    ...(page.nextCursor === '' ? {} : { response_metadata: { next_cursor: page.nextCursor } }),
  };
}

function addReaction(state: StandInState, args: Args): SlackAnswer {
  const name = String(args.name);
  if (name.includes(':')) return failure('invalid_name');
  const message = findMessage(state, String(args.channel), args.timestamp);
  if (!message) return failure('message_not_found');
  const reactions = message.reactions ?? [];
  let reaction = reactions.find((candidate) => candidate.name === name);
  if (reaction?.users.includes(state.identity.botUserId)) return failure('already_reacted');
  if (!reaction) {
    reaction = { name, users: [], count: 0 };
    reactions.push(reaction);
  }
  reaction.users.push(state.identity.botUserId);
  reaction.count = reaction.users.length;
  message.reactions = reactions;
  return { ok: true };
}

function removeReaction(state: StandInState, args: Args): SlackAnswer {
  const message = findMessage(state, String(args.channel), args.timestamp);
  if (!message) return failure('message_not_found');
  const reaction = message.reactions?.find((candidate) => candidate.name === args.name);
  if (!reaction?.users.includes(state.identity.botUserId)) return failure('no_reaction');
  reaction.users = reaction.users.filter((user) => user !== state.identity.botUserId);
  reaction.count = reaction.users.length;
  message.reactions = message.reactions?.filter((candidate) => candidate.count > 0);
  return { ok: true };
}

// ---------------------------------------------------------------- conversations

function openConversation(state: StandInState, args: Args): SlackAnswer {
  const channel = stringArg(args.channel);
  if (channel) return { ok: true, channel: { id: channel } };
  const userIds = (stringArg(args.users) ?? '').split(',').filter(Boolean);
  if (userIds.length === 0) return failure('users_list_not_supplied');
  if (userIds.some((id) => state.users.get(id)?.deleted)) return failure('user_disabled');
  const id = userIds.length === 1 ? dmChannelFor(userIds[0]!) : groupDmId(userIds);
  const alreadyOpen = state.openedDms.has(id);
  state.openedDms.add(id);
  return { ok: true, ...(alreadyOpen ? { no_op: true, already_open: true } : {}), channel: { id } };
}

function groupDmId(userIds: string[]): string {
  const digest = createHash('sha1')
    .update([...userIds].sort().join(','))
    .digest('hex');
  return `G${digest.slice(0, 10).toUpperCase()}`;
}

function conversationInfo(state: StandInState, args: Args): SlackAnswer {
  const id = String(args.channel);
  if (!isConversationId(id)) return failure('channel_not_found');
  const created = Math.floor(Date.now() / 1000);
  if (id.startsWith('D')) {
    const user = id.slice(1);
    return {
      ok: true,
      channel: {
        id,
        created,
        is_im: true,
        is_org_shared: false,
        ...(isUserId(user) ? { user } : {}),
        is_open: true,
      },
    };
  }
  const isPrivate = id.startsWith('G');
  return {
    ok: true,
    channel: {
      id,
      name: id.toLowerCase(),
      name_normalized: id.toLowerCase(),
      created,
      is_channel: !isPrivate,
      is_group: isPrivate,
      is_im: false,
      is_mpim: false,
      is_private: isPrivate,
      is_archived: false,
      is_general: false,
      is_member: true,
      context_team_id: state.identity.teamId,
    },
  };
}

// ---------------------------------------------------------------- users, team, auth

function publicUser(user: SlackUser, args: Args): Record<string, unknown> {
  return isFlagSet(args.include_locale) ? { ...user, locale: 'en-US' } : { ...user };
}

function userInfo(state: StandInState, args: Args): SlackAnswer {
  const user = state.users.get(String(args.user));
  return user ? { ok: true, user: publicUser(user, args) } : failure('user_not_found');
}

function listUsers(state: StandInState, args: Args): SlackAnswer {
  const users = [...state.users.values()];
  const page = paginate(users, (user) => user.id, 'user', args.cursor, numberArg(args.limit, 0));
  if ('error' in page) return failure(page.error);
  return {
    ok: true,
    members: page.items.map((user) => publicUser(user, args)),
    cache_ts: Math.floor(Date.now() / 1000),
    response_metadata: { next_cursor: page.nextCursor },
  };
}

function lookupUserByEmail(state: StandInState, args: Args): SlackAnswer {
  const email = String(args.email).toLowerCase();
  const user = [...state.users.values()].find((candidate) => {
    const candidateEmail = candidate.profile.email;
    return typeof candidateEmail === 'string' && candidateEmail.toLowerCase() === email;
  });
  return user ? { ok: true, user: publicUser(user, args) } : failure('users_not_found');
}

function authTest(state: StandInState): SlackAnswer {
  const { identity } = state;
  return {
    ok: true,
    url: `https://${identity.teamDomain}.slack.com/`,
    team: identity.teamName,
    user: identity.botName,
    team_id: identity.teamId,
    user_id: identity.botUserId,
    bot_id: identity.botId,
    is_enterprise_install: false,
  };
}

function teamInfo(state: StandInState): SlackAnswer {
  const { identity } = state;
  return {
    ok: true,
    team: {
      id: identity.teamId,
      name: identity.teamName,
      domain: identity.teamDomain,
      email_domain: '',
      icon: { image_default: true },
    },
  };
}

// ---------------------------------------------------------------- views

function claimTrigger(state: StandInState, args: Args): SlackAnswer | undefined {
  const trigger = stringArg(args.trigger_id) ?? stringArg(args.interactivity_pointer);
  if (!trigger) return invalidArguments('missing required field: trigger_id');
  // A trigger_id opens exactly one view; reusing it is a real bug Slack reports.
  if (state.usedTriggerIds.has(trigger)) return failure('exchanged_trigger_id');
  state.usedTriggerIds.add(trigger);
  return undefined;
}

function duplicateExternalId(state: StandInState, view: Record<string, unknown>, ownId?: string): boolean {
  const externalId = stringArg(view.external_id);
  if (!externalId) return false;
  return [...state.views.values()].some(
    (stored) => stored.view.external_id === externalId && stored.view.id !== ownId,
  );
}

function storeView(
  state: StandInState,
  input: Record<string, unknown>,
  options: { id?: string; rootViewId?: string; userId?: string } = {},
): Record<string, unknown> {
  const { identity } = state;
  const id = options.id ?? randomId('V');
  const view: Record<string, unknown> = {
    id,
    team_id: identity.teamId,
    type: input.type,
    ...(input.title === undefined ? {} : { title: input.title }),
    submit: input.submit ?? null,
    close: input.close ?? null,
    blocks: input.blocks ?? [],
    private_metadata: input.private_metadata ?? '',
    callback_id: input.callback_id ?? '',
    external_id: input.external_id ?? '',
    state: { values: {} },
    hash: viewHash(),
    clear_on_close: isFlagSet(input.clear_on_close),
    notify_on_close: isFlagSet(input.notify_on_close),
    root_view_id: options.rootViewId ?? id,
    previous_view_id: null,
    app_id: identity.appId,
    app_installed_team_id: identity.teamId,
    bot_id: identity.botId,
  };
  state.views.set(id, { view, ...(options.userId ? { userId: options.userId } : {}) });
  return view;
}

function openView(state: StandInState, args: Args): SlackAnswer {
  const problem = viewProblem(args.view, 'modal');
  if (problem) return invalidArguments(problem);
  const triggerProblem = claimTrigger(state, args);
  if (triggerProblem) return triggerProblem;
  const input = args.view as Record<string, unknown>;
  if (duplicateExternalId(state, input)) return failure('duplicate_external_id');
  return { ok: true, view: storeView(state, input) };
}

function updateView(state: StandInState, args: Args): SlackAnswer {
  const viewId = stringArg(args.view_id);
  const externalId = stringArg(args.external_id);
  if (!viewId && !externalId) return invalidArguments('missing required field: view_id');
  const problem = viewProblem(args.view, 'any');
  if (problem) return invalidArguments(problem);
  const stored = [...state.views.values()].find((candidate) =>
    viewId ? candidate.view.id === viewId : candidate.view.external_id === externalId,
  );
  if (!stored) return failure('not_found');
  const hash = stringArg(args.hash);
  if (hash && hash !== stored.view.hash) return failure('hash_conflict');
  const input = args.view as Record<string, unknown>;
  const id = String(stored.view.id);
  if (duplicateExternalId(state, input, id)) return failure('duplicate_external_id');
  const view = storeView(state, input, {
    id,
    rootViewId: String(stored.view.root_view_id),
    ...(stored.userId ? { userId: stored.userId } : {}),
  });
  return { ok: true, view };
}

function publishView(state: StandInState, args: Args): SlackAnswer {
  const problem = viewProblem(args.view, 'home');
  if (problem) return invalidArguments(problem);
  const userId = String(args.user_id);
  const existingId = state.homeViewIdByUser.get(userId);
  const existing = existingId ? state.views.get(existingId) : undefined;
  const hash = stringArg(args.hash);
  if (hash && existing && hash !== existing.view.hash) return failure('hash_conflict');
  const view = storeView(state, args.view as Record<string, unknown>, {
    ...(existingId ? { id: existingId } : {}),
    userId,
  });
  state.homeViewIdByUser.set(userId, String(view.id));
  return { ok: true, view };
}

// ---------------------------------------------------------------- files

function getUploadUrl(state: StandInState, args: Args): SlackAnswer {
  const length = numberArg(args.length, Number.NaN);
  if (!Number.isInteger(length) || length < 1) return invalidArguments('must be greater than 0: length');
  const id = randomId('F');
  state.files.set(id, { id, filename: String(args.filename), length, completed: false, created: Date.now() });
  return { ok: true, upload_url: `${state.identity.baseUrl}/upload/${id}`, file_id: id };
}

/** Stores bytes sent to an upload URL; false when no such upload was handed out. */
export function acceptUpload(state: StandInState, fileId: string, bytes: Buffer): boolean {
  const file = state.files.get(fileId);
  if (!file) return false;
  file.bytes = bytes;
  return true;
}

function completeUpload(state: StandInState, args: Args): SlackAnswer {
  if (!Array.isArray(args.files) || args.files.length === 0)
    return invalidArguments('missing required field: files');
  const requested = args.files.filter(isRecord);
  const files = requested.map((entry) => state.files.get(String(entry.id)));
  if (files.length !== args.files.length || files.some((file) => file?.bytes === undefined)) {
    return failure('file_not_found');
  }
  const channelArg = stringArg(args.channel_id) ?? stringArg(args.channels)?.split(',')[0];
  const channel = channelArg ? conversationFor(channelArg) : undefined;
  const threadTs = stringArg(args.thread_ts);
  const completed = files.map((file, index) => {
    const stored = file as StoredFile;
    const title = stringArg(requested[index]?.title);
    Object.assign(stored, { completed: true, title: title ?? stored.filename, channelId: channel, threadTs });
    return fileObject(state, stored);
  });
  if (channel) shareFiles(state, channel, completed, args);
  return { ok: true, files: completed };
}

function shareFiles(
  state: StandInState,
  channel: string,
  files: Array<Record<string, unknown>>,
  args: Args,
): void {
  const threadTs = stringArg(args.thread_ts);
  storeMessage(state, channel, {
    text: stringArg(args.initial_comment) ?? '',
    files,
    upload: true,
    ...(Array.isArray(args.blocks) ? { blocks: args.blocks } : {}),
    ...(threadTs ? { thread_ts: threadTs } : {}),
  });
}

function fileObject(state: StandInState, file: StoredFile): Record<string, unknown> {
  const { identity } = state;
  const extension = path.extname(file.filename).slice(1).toLowerCase();
  return {
    id: file.id,
    created: Math.floor(file.created / 1000),
    timestamp: Math.floor(file.created / 1000),
    name: file.filename,
    title: file.title ?? file.filename,
    mimetype: MIME_TYPES[extension] ?? 'application/octet-stream',
    filetype: extension || 'binary',
    user: identity.botUserId,
    user_team: identity.teamId,
    size: file.bytes?.length ?? file.length,
    mode: 'hosted',
    is_external: false,
    is_public: file.channelId?.startsWith('C') ?? false,
    url_private: `https://files.slack.com/files-pri/${identity.teamId}-${file.id}/${file.filename}`,
    permalink: `https://${identity.teamDomain}.slack.com/files/${identity.botUserId}/${file.id}/${file.filename}`,
  };
}

const MIME_TYPES: Record<string, string> = {
  csv: 'text/csv',
  txt: 'text/plain',
  md: 'text/markdown',
  json: 'application/json',
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

// ---------------------------------------------------------------- dispatch table

export const methodHandlers: Readonly<Record<string, MethodHandler>> = {
  'auth.test': authTest,
  'team.info': teamInfo,
  'chat.postMessage': postMessage,
  'chat.update': updateMessage,
  'chat.delete': deleteMessage,
  'chat.postEphemeral': postEphemeral,
  'chat.getPermalink': getPermalink,
  'conversations.history': conversationHistory,
  'conversations.replies': conversationReplies,
  'conversations.open': openConversation,
  'conversations.info': conversationInfo,
  'reactions.add': addReaction,
  'reactions.remove': removeReaction,
  'users.info': userInfo,
  'users.list': listUsers,
  'users.lookupByEmail': lookupUserByEmail,
  'views.open': openView,
  'views.push': openView,
  'views.update': updateView,
  'views.publish': publishView,
  'files.getUploadURLExternal': getUploadUrl,
  'files.completeUploadExternal': completeUpload,
};

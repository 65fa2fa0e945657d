// chat.*, conversations.history/replies and reactions.*: the messages kept per conversation.
import {
  type Args,
  failure,
  isFlagSet,
  isRecord,
  messageContentProblem,
  numberArg,
  type SlackAnswer,
  stringArg,
} from './arguments.js';
import { channelAccessProblem } from './conversations.js';
import { conversationFor, isConversationId, paginate, tsToMicros } from './ids.js';
import type { StandInState, StoredMessage } from './state.js';

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

export function storeMessage(
  state: StandInState,
  channel: string,
  fields: Partial<StoredMessage>,
): StoredMessage {
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

export function postMessage(state: StandInState, args: Args): SlackAnswer {
  const problem = messageContentProblem(args);
  if (problem) return problem;
  const channel = conversationFor(String(args.channel));
  const access = channelAccessProblem(state, channel);
  if (access) return access;
  const threadTs = stringArg(args.thread_ts);
  const message = storeMessage(state, channel, {
    ...contentFields(args),
    ...(threadTs ? { thread_ts: threadTs } : {}),
    ...(threadTs && isFlagSet(args.reply_broadcast) ? { reply_broadcast: true } : {}),
  });
  return { ok: true, channel, ts: message.ts, message: toApiMessage(message, true) };
}

export function updateMessage(state: StandInState, args: Args): SlackAnswer {
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

export function deleteMessage(state: StandInState, args: Args): SlackAnswer {
  const channel = String(args.channel);
  const messages = state.messagesByChannel.get(channel);
  const index = messages?.findIndex((message) => message.ts === args.ts) ?? -1;
  if (!messages || index < 0) return failure('message_not_found');
  messages.splice(index, 1);
  return { ok: true, channel, ts: args.ts };
}

export function postEphemeral(state: StandInState, args: Args): SlackAnswer {
  const problem = messageContentProblem(args);
  if (problem) return problem;
  return { ok: true, message_ts: state.clock.nextTs() };
}

export function getPermalink(state: StandInState, args: Args): SlackAnswer {
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

export function conversationHistory(state: StandInState, args: Args): SlackAnswer {
  const channel = String(args.channel);
  if (!isConversationId(channel)) return failure('channel_not_found');
  if (state.channelsWithoutBot.has(channel)) return failure('not_in_channel');
  const window = timeWindow(args);
  if ('error' in window) return failure(window.error);
  const newestFirst = (state.messagesByChannel.get(channel) ?? [])
    .filter((message) => isTopLevel(message) && insideWindow(message.ts, window))
    .reverse();
  const limit = Math.min(numberArg(args.limit, 100) || 100, 999);
  const page = paginate(newestFirst, (message) => message.ts, 'next_ts', args.cursor, limit);
  if ('error' in page) return failure(page.error);
  return messagePage(page, args, { pin_count: 0 });
}

function isTopLevel(message: StoredMessage): boolean {
  return (
    message.thread_ts === undefined || message.thread_ts === message.ts || message.reply_broadcast === true
  );
}

export function conversationReplies(state: StandInState, args: Args): SlackAnswer {
  const channel = String(args.channel);
  if (!isConversationId(channel)) return failure('channel_not_found');
  const root = findMessage(state, channel, args.ts);
  if (!root) return failure('thread_not_found');
  const thread = (state.messagesByChannel.get(channel) ?? []).filter(
    (message) => message === root || (root.thread_ts === root.ts && message.thread_ts === root.ts),
  );
  const page = paginate(thread, (message) => message.ts, 'next_ts', args.cursor, numberArg(args.limit, 1000));
  if ('error' in page) return failure(page.error);
  return messagePage(page, args);
}

/** The answer history and replies share; `extra` goes before response_metadata, as it always did. */
function messagePage(
  page: { items: StoredMessage[]; nextCursor: string },
  args: Args,
  extra: Record<string, unknown> = {},
): SlackAnswer {
  const includeMetadata = isFlagSet(args.include_all_metadata);
  return {
    ok: true,
    messages: page.items.map((message) => toApiMessage(message, includeMetadata)),
    has_more: page.nextCursor !== '',
    ...extra,
    ...(page.nextCursor === '' ? {} : { response_metadata: { next_cursor: page.nextCursor } }),
  };
}

export function addReaction(state: StandInState, args: Args): SlackAnswer {
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

export function removeReaction(state: StandInState, args: Args): SlackAnswer {
  const message = findMessage(state, String(args.channel), args.timestamp);
  if (!message) return failure('message_not_found');
  const reaction = message.reactions?.find((candidate) => candidate.name === args.name);
  if (!reaction?.users.includes(state.identity.botUserId)) return failure('no_reaction');
  reaction.users = reaction.users.filter((user) => user !== state.identity.botUserId);
  reaction.count = reaction.users.length;
  message.reactions = message.reactions?.filter((candidate) => candidate.count > 0);
  return { ok: true };
}

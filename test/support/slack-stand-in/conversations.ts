// conversations.open and conversations.info.
import { createHash } from 'node:crypto';
import { type Args, failure, type SlackAnswer, stringArg } from './arguments.js';
import { dmChannelFor, isConversationId, isUserId } from './ids.js';
import type { StandInState } from './state.js';

export function openConversation(state: StandInState, args: Args): SlackAnswer {
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

/** Why the bot may not post in or read a channel, as Slack says it; undefined when it may (DMs always). */
export function channelAccessProblem(state: StandInState, channel: string): SlackAnswer | undefined {
  if (state.archivedChannels.has(channel)) return failure('is_archived');
  if (state.channelsWithoutBot.has(channel)) return failure('not_in_channel');
  return undefined;
}

export function conversationInfo(state: StandInState, args: Args): SlackAnswer {
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
      is_archived: state.archivedChannels.has(id),
      is_general: false,
      is_member: !state.channelsWithoutBot.has(id),
      context_team_id: state.identity.teamId,
    },
  };
}

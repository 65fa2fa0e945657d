import { RosterInputError } from './errors.js';

/**
 * Whether the bot can post in a channel, asked through a port so the roster never talks to Slack
 * itself (src/slack/directory.ts answers with conversations.info).
 */
export type ChannelAccess = 'member' | 'not_member' | 'not_found' | 'archived';

export interface ChannelDirectory {
  /** Throws DirectoryUnavailableError when Slack cannot be asked. */
  access(workspaceId: string, channelId: string): Promise<ChannelAccess>;
}

/** A standings channel the bot can never post in; the Home form shows it on the channel field. */
export class UnusableChannelError extends RosterInputError {
  override name = 'UnusableChannelError';
}

/** Refuses a channel that is gone or archived; tells whether the bot still has to be invited. */
export async function checkStandingsChannel(
  channels: ChannelDirectory,
  workspaceId: string,
  channelId: string,
): Promise<{ botNotInChannel: boolean }> {
  const access = await channels.access(workspaceId, channelId);
  if (access === 'not_found') {
    throw new UnusableChannelError(
      `I cannot see <#${channelId}>: it was deleted, or it is private and I am not in it. Invite me there first (type \`/invite\` in the channel and pick me), then pick it again.`,
    );
  }
  if (access === 'archived') {
    throw new UnusableChannelError(`<#${channelId}> is archived. Pick a channel the team still uses.`);
  }
  return { botNotInChannel: access === 'not_member' };
}

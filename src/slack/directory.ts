import type { UsersInfoResponse, WebClient } from '@slack/web-api';
import type { ChannelDirectory } from '../domain/roster/channels.js';
import {
  DirectoryUnavailableError,
  type DirectoryUser,
  type PeopleDirectory,
} from '../domain/roster/directory.js';
import { isSlackError } from './slack-errors.js';
import type { WorkspaceClients } from './workspace-clients.js';

/** users.info and users.lookupByEmail answer with the same user object. */
type User = NonNullable<UsersInfoResponse['user']>;

/** The roster's PeopleDirectory over users.info and users.lookupByEmail, with each workspace's bot token. */
export function slackPeopleDirectory(clients: WorkspaceClients): PeopleDirectory {
  return {
    findById: (workspaceId, userId) =>
      lookUp(clients, workspaceId, 'user_not_found', (client) => client.users.info({ user: userId })),
    findByEmail: (workspaceId, email) =>
      lookUp(clients, workspaceId, 'users_not_found', (client) => client.users.lookupByEmail({ email })),
    async listAll(workspaceId) {
      const client = await clientOf(clients, workspaceId);
      const users: DirectoryUser[] = [];
      let cursor: string | undefined;
      try {
        do {
          // users.list is Tier 2 (20+ calls a minute): 200 a page, as Slack recommends.
          const page = await client.users.list({ limit: 200, ...(cursor ? { cursor } : {}) });
          for (const member of page.members ?? []) {
            if (member.id !== undefined) users.push(toDirectoryUser(member as User & { id: string }));
          }
          cursor = page.response_metadata?.next_cursor || undefined;
        } while (cursor !== undefined);
      } catch (error) {
        throw new DirectoryUnavailableError(
          `Slack could not list the workspace's users: ${(error as Error).message}`,
          { cause: error },
        );
      }
      return users;
    },
  };
}

async function clientOf(clients: WorkspaceClients, workspaceId: string): Promise<WebClient> {
  const client = await clients.forWorkspace(workspaceId);
  if (client === undefined) {
    throw new DirectoryUnavailableError(`the bot holds no token for workspace ${workspaceId}`);
  }
  return client;
}

async function lookUp(
  clients: WorkspaceClients,
  workspaceId: string,
  notFoundError: string,
  call: (client: WebClient) => Promise<{ user?: User }>,
): Promise<DirectoryUser | undefined> {
  const client = await clientOf(clients, workspaceId);
  let user: User | undefined;
  try {
    user = (await call(client)).user;
  } catch (error) {
    if (isSlackError(error, notFoundError)) return undefined;
    throw new DirectoryUnavailableError(
      `Slack could not be asked about a user: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
  if (user?.id === undefined) throw new DirectoryUnavailableError('Slack answered without a user');
  return toDirectoryUser(user as User & { id: string });
}

function toDirectoryUser(user: User & { id: string }): DirectoryUser {
  const profile = user.profile ?? {};
  return {
    userId: user.id,
    // What Slack itself shows: the display name when the person set one, else their full name.
    displayName: profile.display_name || profile.real_name || user.real_name || user.name || user.id,
    email: profile.email ?? null,
    timeZone: user.tz || null,
    deleted: user.deleted === true,
    isBot: user.is_bot === true,
    isWorkspaceAdmin: user.is_admin === true || user.is_owner === true || user.is_primary_owner === true,
  };
}

/** The roster's ChannelDirectory over conversations.info, with each workspace's bot token. */
export function slackChannelDirectory(clients: WorkspaceClients): ChannelDirectory {
  return {
    async access(workspaceId, channelId) {
      const client = await clientOf(clients, workspaceId);
      try {
        const { channel } = await client.conversations.info({ channel: channelId });
        if (channel?.is_archived) return 'archived';
        return channel?.is_member ? 'member' : 'not_member';
      } catch (error) {
        if (isSlackError(error, 'channel_not_found')) return 'not_found';
        throw new DirectoryUnavailableError(
          `Slack could not be asked about a channel: ${(error as Error).message}`,
          {
            cause: error,
          },
        );
      }
    },
  };
}

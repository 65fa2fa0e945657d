/**
 * What the roster needs to know about a Slack user, asked through a port so the domain never talks
 * to Slack itself (src/slack/directory.ts implements it with users.info / users.lookupByEmail).
 */
export interface DirectoryUser {
  userId: string;
  displayName: string;
  email: string | null;
  /** IANA zone from Slack's profile, null when Slack has none. */
  timeZone: string | null;
  /** Deactivated or deleted in Slack. */
  deleted: boolean;
  isBot: boolean;
  /** Workspace admin or owner in Slack: treated as an admin of the bot. */
  isWorkspaceAdmin: boolean;
}

export interface PeopleDirectory {
  /** undefined when Slack says the user does not exist (user_not_found). */
  findById(workspaceId: string, userId: string): Promise<DirectoryUser | undefined>;
  /** undefined when no user has that email (users_not_found). */
  findByEmail(workspaceId: string, email: string): Promise<DirectoryUser | undefined>;
  /**
   * Everyone in the workspace, deactivated people included. A few paged calls instead of one call per
   * person: what a large import asks for.
   */
  listAll(workspaceId: string): Promise<DirectoryUser[]>;
}

/** Slack could not be asked (network, rate limit, revoked token): the caller should try again later. */
export class DirectoryUnavailableError extends Error {
  override name = 'DirectoryUnavailableError';
}

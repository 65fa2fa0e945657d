// The workspace the stand-in models: its shapes, creating and clearing it, and the people in it.
import { createHash } from 'node:crypto';
import { microsToTs } from './ids.js';

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
  /** Workspace admin or owner in Slack. */
  is_admin?: boolean;
  is_owner?: boolean;
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
  /** Channels the bot was never invited to, or was removed from: posting there fails not_in_channel. */
  channelsWithoutBot: Set<string>;
  archivedChannels: Set<string>;
  clock: SlackClock;
}

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
    channelsWithoutBot: new Set(),
    archivedChannels: new Set(),
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
  state.channelsWithoutBot.clear();
  state.archivedChannels.clear();
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
    is_admin: input.is_admin ?? false,
    is_owner: input.is_owner ?? false,
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

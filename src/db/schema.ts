import type { ColumnType, Generated, Insertable, JSONColumnType, Selectable, Updateable } from 'kysely';

/** Timestamps are written as Date or ISO text and always read back as Date. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedTimestamp = ColumnType<Date, Date | string | undefined, never>;

export interface WorkspaceTable {
  /** Slack team id (T…). */
  id: string;
  enterprise_id: string | null;
  name: ColumnType<string, string | undefined, string>;
  installed_at: Timestamp;
  uninstalled_at: Timestamp | null;
  updated_at: Timestamp;
}

export interface SlackInstallationTable {
  install_key: string;
  enterprise_id: string | null;
  team_id: string | null;
  is_enterprise_install: ColumnType<boolean, boolean | undefined, boolean>;
  bot_user_id: string | null;
  /** Bolt's Installation object as Slack returned it, tokens included. */
  installation: JSONColumnType<Record<string, unknown>>;
  installed_at: CreatedTimestamp;
  updated_at: Timestamp;
}

export interface TeamTable {
  id: Generated<number>;
  workspace_id: string;
  name: string;
  manager_id: number | null;
  standings_channel_id: string | null;
  /** Local wall-clock time, 'HH:MM:SS'. */
  prompt_time: ColumnType<string, string | undefined, string>;
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  workdays: ColumnType<number[], number[] | undefined, number[]>;
  holiday_country: string | null;
  timezone: string | null;
  created_at: CreatedTimestamp;
  updated_at: Timestamp;
}

export interface PersonTable {
  id: Generated<number>;
  workspace_id: string;
  slack_user_id: string;
  display_name: ColumnType<string, string | undefined, string>;
  email: string | null;
  is_rep: ColumnType<boolean, boolean | undefined, boolean>;
  is_manager: ColumnType<boolean, boolean | undefined, boolean>;
  is_admin: ColumnType<boolean, boolean | undefined, boolean>;
  manager_id: number | null;
  team_id: number | null;
  timezone: string | null;
  slack_deactivated_at: Timestamp | null;
  created_at: CreatedTimestamp;
  updated_at: Timestamp;
}

export interface ProcessedSlackEventTable {
  event_id: string;
  workspace_id: string | null;
  event_type: string;
  received_at: CreatedTimestamp;
}

export interface Database {
  workspaces: WorkspaceTable;
  slack_installations: SlackInstallationTable;
  teams: TeamTable;
  people: PersonTable;
  processed_slack_events: ProcessedSlackEventTable;
}

export type Workspace = Selectable<WorkspaceTable>;
export type NewWorkspace = Insertable<WorkspaceTable>;
export type WorkspaceUpdate = Updateable<WorkspaceTable>;
export type SlackInstallation = Selectable<SlackInstallationTable>;
export type NewSlackInstallation = Insertable<SlackInstallationTable>;
export type Team = Selectable<TeamTable>;
export type NewTeam = Insertable<TeamTable>;
export type TeamUpdate = Updateable<TeamTable>;
export type Person = Selectable<PersonTable>;
export type NewPerson = Insertable<PersonTable>;
export type PersonUpdate = Updateable<PersonTable>;

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
  reminder_delay_minutes: ColumnType<number, number | undefined, number>;
  /** Local 'HH:MM:SS': the bot writes to the team's reps only inside these hours. */
  working_hours_start: ColumnType<string, string | undefined, string>;
  working_hours_end: ColumnType<string, string | undefined, string>;
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
  /** The rep's own prompt time ('HH:MM:SS'); null means the team's. */
  prompt_time: string | null;
  /** When this person's manager digest goes out, local 'HH:MM:SS'. */
  digest_time: ColumnType<string, string | undefined, string>;
  paused_at: Timestamp | null;
  /** Why the person gets no messages any more (deactivated in Slack, user_not_found…). */
  inactive_reason: string | null;
  profile_checked_at: Timestamp | null;
  /** Key of a ready-made question set rotating into the daily prompt. */
  question_set: string | null;
  dm_channel_id: string | null;
  created_at: CreatedTimestamp;
  updated_at: Timestamp;
}

export interface OutOfOfficeTable {
  id: Generated<number>;
  person_id: number;
  /** Local calendar dates, inclusive, 'YYYY-MM-DD'. */
  first_day: string;
  last_day: string;
  created_by_id: number | null;
  created_at: CreatedTimestamp;
}

export type CheckInStage = 'prompted' | 'asked_tried' | 'answered';
export type Outcome = 'sold' | 'tried' | 'did_not_try';
export type Skill = 'knows' | 'unsure' | 'does_not_know';
export type Obstacle =
  | 'none'
  | 'no_pipeline'
  | 'admin_work'
  | 'did_not_know_how'
  | 'waiting_on_customer'
  | 'other';

/** bigint ids come back from pg as strings; they are used as opaque keys. */
type BigId = ColumnType<string, never, never>;

export interface CheckInTable {
  id: BigId;
  workspace_id: string;
  person_id: number;
  local_date: string;
  about_date: string;
  question: string | null;
  stage: ColumnType<CheckInStage, CheckInStage | undefined, CheckInStage>;
  outcome: Outcome | null;
  skill: Skill | null;
  obstacle: Obstacle | null;
  note: string | null;
  question_answer: string | null;
  prompt_channel_id: string | null;
  prompt_ts: string | null;
  prompted_at: Timestamp | null;
  answered_at: Timestamp | null;
  created_at: CreatedTimestamp;
  updated_at: Timestamp;
}

export interface AnswerTable {
  id: BigId;
  check_in_id: string;
  outcome: Outcome;
  skill: Skill | null;
  obstacle: Obstacle | null;
  note: string | null;
  details: JSONColumnType<Record<string, unknown>>;
  idempotency_key: string;
  recorded_at: Timestamp;
}

export interface CheckInReplyTable {
  id: BigId;
  check_in_id: string;
  slack_ts: string;
  text: string;
  created_at: CreatedTimestamp;
}

export type SaleSource = 'check_in' | 'import' | 'review';

export interface SaleTable {
  id: BigId;
  workspace_id: string;
  person_id: number;
  check_in_id: string | null;
  description: string;
  /** numeric(14,2), kept as a decimal string so no cent is lost to floating point. */
  amount: ColumnType<string, string, string>;
  currency: string;
  account: string;
  won_because: string | null;
  closed_on: string;
  source: SaleSource;
  external_id: string | null;
  created_at: CreatedTimestamp;
  updated_at: Timestamp;
}

export type OutboxKind = 'prompt' | 'reminder' | 'digest';
export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'dropped';

export interface OutboxMessageTable {
  id: BigId;
  workspace_id: string;
  person_id: number;
  kind: OutboxKind;
  local_date: string;
  check_in_id: string | null;
  due_at: Timestamp;
  expires_at: Timestamp;
  status: ColumnType<OutboxStatus, OutboxStatus | undefined, OutboxStatus>;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: Timestamp;
  lease_until: Timestamp | null;
  leased_by: string | null;
  maybe_sent: ColumnType<boolean, boolean | undefined, boolean>;
  slack_channel_id: string | null;
  slack_ts: string | null;
  failure_reason: string | null;
  sent_at: Timestamp | null;
  created_at: CreatedTimestamp;
  updated_at: Timestamp;
}

export interface DeliveryPacingTable {
  workspace_id: string;
  next_slot_at: Timestamp;
  /** Slack's Retry-After for this workspace: no replica posts before it. */
  paused_until: ColumnType<Date | null, Date | null | undefined, Date | null>;
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
  out_of_office: OutOfOfficeTable;
  check_ins: CheckInTable;
  answers: AnswerTable;
  check_in_replies: CheckInReplyTable;
  sales: SaleTable;
  outbox_messages: OutboxMessageTable;
  delivery_pacing: DeliveryPacingTable;
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
export type OutOfOffice = Selectable<OutOfOfficeTable>;
export type CheckIn = Selectable<CheckInTable>;
export type CheckInUpdate = Updateable<CheckInTable>;
export type Answer = Selectable<AnswerTable>;
export type Sale = Selectable<SaleTable>;
export type NewSale = Insertable<SaleTable>;
export type OutboxMessage = Selectable<OutboxMessageTable>;
export type NewOutboxMessage = Insertable<OutboxMessageTable>;

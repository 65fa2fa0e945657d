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
  /** The currency standings are counted in; null means the bot's DEFAULT_CURRENCY. */
  reporting_currency: string | null;
  /** ISO weekday (1 = Monday) and local 'HH:MM:SS' of the weekly standings post. */
  standings_weekday: ColumnType<number, number | undefined, number>;
  standings_time: ColumnType<string, string | undefined, string>;
  standings_metric: ColumnType<StandingsMetric, StandingsMetric | undefined, StandingsMetric>;
  created_at: CreatedTimestamp;
  updated_at: Timestamp;
}

export type StandingsMetric = 'revenue' | 'deals';

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
  /** What an import file said when it was in another currency; amount/currency hold the converted figure. */
  original_amount: ColumnType<string | null, string | null | undefined, string | null>;
  original_currency: ColumnType<string | null, string | null | undefined, string | null>;
  exchange_rate: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: CreatedTimestamp;
  updated_at: Timestamp;
}

export type OpportunityStage =
  | 'prospecting'
  | 'qualified'
  | 'discovery'
  | 'proposal'
  | 'negotiation'
  | 'won'
  | 'lost';

export interface DecisionMaker {
  name: string;
  role: string | null;
  buying_criteria: string | null;
}

export interface OpportunityTable {
  id: BigId;
  workspace_id: string;
  person_id: number;
  external_id: string | null;
  account: string;
  name: string;
  /** numeric(14,2) as a decimal string. */
  amount: string;
  currency: string;
  stage: OpportunityStage;
  expected_close_on: string;
  probability: number;
  decision_makers: JSONColumnType<DecisionMaker[], DecisionMaker[] | undefined, DecisionMaker[]>;
  problem: string | null;
  customer_timeline: string | null;
  /** Keys of BUYER_ACTIONS in src/domain/deal-review/vocabulary.ts. */
  buyer_actions: ColumnType<string[], string[] | undefined, string[]>;
  buyer_actions_note: string | null;
  close_date_pushes: ColumnType<number, number | undefined, number>;
  stage_changed_at: Timestamp;
  closed_at: Timestamp | null;
  created_at: CreatedTimestamp;
  updated_at: Timestamp;
  /** The Home form that added the deal (`view:<view id>`): the same submission twice stores one deal. */
  submission_key: ColumnType<string | null, string | null | undefined, never>;
  /** One more with every change: an edit form saves only over the version it showed. */
  version: ColumnType<number, number | undefined, number>;
}

export type OpportunityChangeSource = 'home' | 'import' | 'review';

export interface OpportunityRevisionTable {
  id: BigId;
  opportunity_id: string;
  recorded_at: Timestamp;
  recorded_by_id: number | null;
  source: OpportunityChangeSource;
  stage: OpportunityStage;
  amount: string;
  currency: string;
  expected_close_on: string;
  probability: number;
}

export interface ReviewTable {
  id: BigId;
  workspace_id: string;
  rep_id: number;
  manager_id: number | null;
  reviewed_on: string;
  content: JSONColumnType<Record<string, unknown>>;
  submission_key: string;
  summary_channel_id: string | null;
  summary_ts: string | null;
  summary_lease_until: Timestamp | null;
  summary_attempts: ColumnType<number, number | undefined, number>;
  summary_failure_reason: string | null;
  created_at: CreatedTimestamp;
}

export interface ReviewForecastTable {
  id: BigId;
  review_id: string;
  opportunity_id: string;
  probability: number;
  amount: string;
  buyer_actions: ColumnType<string[], string[] | undefined, string[]>;
  buyer_actions_note: string | null;
  probability_reason: string | null;
  improve_odds: string | null;
}

export interface ReviewDraftTable {
  id: BigId;
  workspace_id: string;
  manager_id: number;
  rep_id: number;
  step: string;
  state: JSONColumnType<Record<string, unknown>>;
  version: ColumnType<number, number | undefined, number>;
  created_at: CreatedTimestamp;
  updated_at: Timestamp;
}

export type CommitmentStatus = 'open' | 'done';

export interface CommitmentTable {
  id: BigId;
  workspace_id: string;
  review_id: string;
  rep_id: number;
  owner_id: number;
  position: number;
  text: string;
  due_on: string;
  status: ColumnType<CommitmentStatus, CommitmentStatus | undefined, CommitmentStatus>;
  done_at: Timestamp | null;
  last_followed_up_on: string | null;
  /** The owner's local date of their last "Not yet": that day's DM keeps showing the answer. */
  not_yet_on: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: CreatedTimestamp;
  updated_at: Timestamp;
}

export type StandingsPostStatus = 'pending' | 'posting' | 'posted' | 'failed';

export interface StandingsPostTable {
  id: BigId;
  workspace_id: string;
  team_id: number;
  /** The local Monday that starts the week the post covers. */
  week_start: string;
  status: ColumnType<StandingsPostStatus, StandingsPostStatus | undefined, StandingsPostStatus>;
  attempts: ColumnType<number, number | undefined, number>;
  lease_until: Timestamp | null;
  leased_by: string | null;
  channel_id: string | null;
  message_ts: string | null;
  file_id: string | null;
  failure_reason: string | null;
  /** The standings as first computed for this post, so a retry posts exactly the same. */
  standings: JSONColumnType<Record<string, unknown>, Record<string, unknown> | null | undefined> | null;
  posted_at: Timestamp | null;
  /** When the post became due; one not out a day later is dropped rather than posted late. */
  due_at: Timestamp;
  /** When the manager and admins were told the post failed (they are told once). */
  failure_notified_at: Timestamp | null;
  created_at: CreatedTimestamp;
  updated_at: Timestamp;
}

export type OutboxKind = 'prompt' | 'reminder' | 'digest' | 'review_reminder';
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
  opportunities: OpportunityTable;
  opportunity_revisions: OpportunityRevisionTable;
  reviews: ReviewTable;
  review_forecasts: ReviewForecastTable;
  review_drafts: ReviewDraftTable;
  commitments: CommitmentTable;
  standings_posts: StandingsPostTable;
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
export type Opportunity = Selectable<OpportunityTable>;
export type NewOpportunity = Insertable<OpportunityTable>;
export type OpportunityUpdate = Updateable<OpportunityTable>;
export type OpportunityRevision = Selectable<OpportunityRevisionTable>;
export type Review = Selectable<ReviewTable>;
export type ReviewForecast = Selectable<ReviewForecastTable>;
export type ReviewDraft = Selectable<ReviewDraftTable>;
export type Commitment = Selectable<CommitmentTable>;
export type NewCommitment = Insertable<CommitmentTable>;
export type StandingsPost = Selectable<StandingsPostTable>;

import type { Db } from '../../db/database.js';
import type { Clock } from '../../domain/clock.js';
import type { ReviewSetup } from '../../domain/deal-review/service.js';
import type { ReviewSummaryPort } from '../../domain/deal-review/summary.js';
import type { StandingsPosting } from '../../domain/rankings/posting.js';
import type { ChannelDirectory } from '../../domain/roster/channels.js';
import type { PeopleDirectory } from '../../domain/roster/directory.js';
import type { Logger } from '../../logger.js';

/** What listeners may use: the database handle (passed on to domain functions), the clock, a logger. */
export interface ListenerDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  /** Slack's user directory, for the roster's look-ups and admin checks. */
  directory: PeopleDirectory;
  /** Whether the bot can post in a channel, checked when a team picks its standings channel. */
  channels: ChannelDirectory;
  /** Preselected in the "Log a sale" form. */
  defaultCurrency: string;
  /** DEFAULT_TIMEZONE: a person's local date when neither their profile nor their team has a zone. */
  defaultTimeZone: string;
  /** PROMPT_GRACE_MINUTES: a manager's Home tells a prompt still to come from one that will not come. */
  promptGraceMinutes: number;
  /** `/dealreview`: how the agenda is computed, and where the summary goes. */
  dealReview: { setup: ReviewSetup; summaries: ReviewSummaryPort };
  /** The weekly standings: `/ranking` shows them and re-runs a post. */
  standings: StandingsPosting;
}

import type { Db } from '../../db/database.js';
import { findPeopleByIds, listAdmins } from '../../db/queries/people.js';
import {
  claimFailureNotice,
  claimStandingsPosts,
  expireStandingsPosts,
  insertStandingsPosts,
  type LeasedChanges,
  listStandingsSchedules,
  type NewStandingsPost,
  updateLeasedStandingsPost,
} from '../../db/queries/standings-posts.js';
import { findTeamById } from '../../db/queries/teams.js';
import type { StandingsPost, Team } from '../../db/schema.js';
import type { Clock } from '../clock.js';
import {
  addDays,
  atLocalTime,
  isWorkday,
  localDate,
  localTimeOfDay,
  nextWorkday,
  weekday,
} from '../coaching/schedule.js';
import type { StandingsRequest } from './service.js';
import type { WeeklyStandings } from './standings.js';
import { currentWeek, standingsTimeZone, weekToPost } from './weeks.js';

/** The standings computation (computeWeeklyStandings), injected so posting can be tested on its own. */
export type ComputeStandings = (db: Db, request: StandingsRequest) => Promise<WeeklyStandings>;

/** What the due time of a team's weekly post depends on. */
export type StandingsScheduleOf = Pick<
  Team,
  | 'timezone'
  | 'standings_weekday'
  | 'standings_time'
  | 'prompt_time'
  | 'reminder_delay_minutes'
  | 'workdays'
  | 'holiday_country'
>;

/** How long after the reminder the post still waits, for the answers the reminder brings in. */
export const STANDINGS_ANSWER_MARGIN_MINUTES = 60;

/**
 * When the post that lands in the week starting `monday` (and covers the week before) is due: on
 * the team's standings day at its standings time, but never before the team's first prompt of that
 * week, its reminder delay and STANDINGS_ANSWER_MARGIN_MINUTES have passed. A sale is dated by the
 * day its check-in asks about, and the week's last workday (Friday) is only asked about in that
 * first prompt (Monday's, Tuesday's after a holiday Monday): a post computed earlier (and it is
 * frozen once computed) would leave that day's sales and effort out for everyone, every week.
 * The floor is applied when the post is due rather than refused when an admin sets the time, so it
 * stays right when the prompt time, reminder delay, workdays or a holiday change later; the stored
 * standings time is kept as the admin chose it. Instants are added in real minutes, as the
 * reminder is, so a DST change on the day moves both alike.
 */
export function standingsPostDueAt(team: StandingsScheduleOf, monday: string, defaultTimeZone: string): Date {
  const zone = standingsTimeZone(team, defaultTimeZone);
  const chosen = atLocalTime(addDays(monday, team.standings_weekday - 1), team.standings_time, zone);
  const schedule = { workdays: team.workdays, holidayCountry: team.holiday_country };
  const firstPromptDay = isWorkday(monday, schedule) ? monday : nextWorkday(monday, schedule);
  const answersIn =
    atLocalTime(firstPromptDay, team.prompt_time, zone).getTime() +
    (team.reminder_delay_minutes + STANDINGS_ANSWER_MARGIN_MINUTES) * 60_000;
  return new Date(Math.max(chosen.getTime(), answersIn));
}

/**
 * The weekday and local time the post goes out in an ordinary week (no holiday, no DST change), for
 * the settings to show next to the time an admin chose; `heldBack` when the floor moved it.
 */
export function usualStandingsPostTime(team: Omit<StandingsScheduleOf, 'timezone' | 'holiday_country'>): {
  weekday: number;
  time: string;
  heldBack: boolean;
} {
  // A fixed Monday in UTC with no holidays: the rule itself, without a calendar's exceptions.
  const monday = '2024-01-01';
  const dueAt = standingsPostDueAt({ ...team, timezone: 'UTC', holiday_country: null }, monday, 'UTC');
  const chosen = atLocalTime(addDays(monday, team.standings_weekday - 1), team.standings_time, 'UTC');
  return {
    weekday: weekday(localDate(dueAt, 'UTC')),
    time: localTimeOfDay(dueAt, 'UTC'),
    heldBack: dueAt.getTime() > chosen.getTime(),
  };
}

/** The post due in the team's current local week: it covers the last full week (standingsPostDueAt). */
export function postOfThisWeek(
  team: StandingsScheduleOf,
  now: Date,
  defaultTimeZone: string,
): { weekStart: string; dueAt: Date } {
  const monday = currentWeek(team, now, defaultTimeZone).weekStart;
  return {
    weekStart: weekToPost(team, now, defaultTimeZone).weekStart,
    dueAt: standingsPostDueAt(team, monday, defaultTimeZone),
  };
}

/** How a call to Slack went, in the words posting acts on. */
export type ChannelOutcome<T> =
  | { ok: true; value: T }
  /** permanent: trying again cannot help (not_in_channel, channel_not_found, is_archived…). */
  | { ok: false; permanent: boolean; reason: string };

/** Why a post failed, as the manager and admins are told. */
export interface StandingsFailure {
  workspaceId: string;
  teamName: string;
  channelId: string | null;
  weekStart: string;
  reason: string;
}

/**
 * Who hears of a failed post: the team's manager and the admins. Only admins can pick a channel or
 * post the week again, so the notice tells anyone else to ask one.
 */
export interface FailureRecipient {
  slackUserId: string;
  isAdmin: boolean;
}

/** The Slack side of the weekly post (src/slack/standings-channel.ts). */
export interface StandingsChannel {
  /** The ts of this row's post when it is already in the channel (a crash or a lost answer after posting). */
  findPost(post: StandingsPost, channelId: string): Promise<string | undefined>;
  post(post: StandingsPost, channelId: string, standings: WeeklyStandings): Promise<ChannelOutcome<string>>;
  /** Whether the chart with this file id is already in the post's thread. */
  hasChart(post: StandingsPost, channelId: string, threadTs: string, fileId: string): Promise<boolean>;
  /**
   * Uploads the chart into the post's thread; `onFileId` runs as soon as Slack names the file, so a
   * crash later on leaves the id behind for hasChart. Resolves with the file id.
   */
  uploadChart(input: {
    post: StandingsPost;
    channelId: string;
    threadTs: string;
    standings: WeeklyStandings;
    onFileId: (fileId: string) => Promise<void>;
  }): Promise<ChannelOutcome<string>>;
  /** A direct message to each recipient; one that cannot be reached is skipped. */
  tellFailure(recipients: readonly FailureRecipient[], failure: StandingsFailure): Promise<void>;
}

export interface StandingsPostingPolicy {
  defaultTimeZone: string;
  defaultCurrency: string;
  /** How long a claimed post stays this replica's; covers Slack's Retry-After waits inside a post. */
  leaseMs: number;
  /**
   * A post not out this long after it was due is dropped with a reason instead of landing late:
   * a day still reaches the team on the day it expects the standings, whatever the time zone.
   */
  lateWindowMs: number;
  /** Claims of one post before a post Slack keeps failing on is given up. */
  maxAttempts: number;
  /** Wait after a transient failure before the next claim. */
  retryDelayMs: number;
  /** Posts claimed at once by one replica. */
  batchSize: number;
  /** A tick stops claiming more after this long, so ticks of the minute job do not pile up. */
  tickBudgetMs: number;
}

export const DEFAULT_STANDINGS_POSTING: Omit<StandingsPostingPolicy, 'defaultTimeZone' | 'defaultCurrency'> =
  {
    leaseMs: 5 * 60_000,
    lateWindowMs: 24 * 60 * 60_000,
    maxAttempts: 5,
    retryDelayMs: 60_000,
    batchSize: 10,
    tickBudgetMs: 45_000,
  };

/** Failure reasons the domain itself gives (Slack's error codes are kept as Slack sends them). */
export const STANDINGS_FAILURES = {
  noChannel: 'no_channel',
  expired: 'expired',
  slackUnavailable: 'slack_unavailable',
} as const;

export interface StandingsPosting {
  db: Db;
  clock: Clock;
  channel: StandingsChannel;
  computeStandings: ComputeStandings;
  policy: StandingsPostingPolicy;
  workerId: string;
}

export type PostResult =
  | { kind: 'posted'; channelId: string; ts: string; chartProblem: string | null }
  | { kind: 'failed'; reason: string }
  | { kind: 'retrying'; reason: string }
  /** Another replica took the post over (this one was too slow): it finishes the job. */
  | { kind: 'lost' };

/**
 * Every team with a channel whose post for this week is due now gets its row. Rows exist once per
 * team and week, so every replica can run this each minute; past the late window nothing is queued.
 */
export async function queueDueStandingsPosts(
  db: Db,
  clock: Clock,
  policy: Pick<StandingsPostingPolicy, 'defaultTimeZone' | 'lateWindowMs'>,
): Promise<number> {
  const now = clock.now();
  const due: NewStandingsPost[] = [];
  for (const team of await listStandingsSchedules(db)) {
    const { weekStart, dueAt } = postOfThisWeek(team, now, policy.defaultTimeZone);
    const late = now.getTime() - dueAt.getTime();
    if (late >= 0 && late < policy.lateWindowMs) {
      due.push({
        workspace_id: team.workspace_id,
        team_id: team.team_id,
        week_start: weekStart,
        due_at: dueAt,
      });
    }
  }
  return insertStandingsPosts(db, due);
}

export interface PublishRound {
  results: Array<{ post: StandingsPost; result: PostResult }>;
  errors: Array<{ post: StandingsPost; error: unknown }>;
}

/** One tick of the posting: drop what is too late, then claim and post what is due. */
export async function publishDueStandingsPosts(posting: StandingsPosting): Promise<PublishRound> {
  const { db, clock, policy } = posting;
  const started = clock.now();
  const dueSince = new Date(started.getTime() - policy.lateWindowMs);
  await expireStandingsPosts(db, { dueBefore: dueSince, now: started, reason: STANDINGS_FAILURES.expired });
  const round: PublishRound = { results: [], errors: [] };
  // Small claims, so the replicas share a Monday morning of many teams; claiming again while there
  // is more keeps one tick from leaving teams for the next minute, up to the tick's time budget.
  for (;;) {
    const now = clock.now();
    const claimed = await claimStandingsPosts(db, {
      now,
      leaseUntil: new Date(now.getTime() + policy.leaseMs),
      workerId: posting.workerId,
      dueSince,
      limit: policy.batchSize,
    });
    const batch = await publishClaimed(posting, claimed);
    round.results.push(...batch.results);
    round.errors.push(...batch.errors);
    const elapsed = clock.now().getTime() - started.getTime();
    if (claimed.length < policy.batchSize || elapsed >= policy.tickBudgetMs) return round;
  }
}

/** Posts rows this worker has claimed, one after the other (one channel post each, paced by Slack anyway). */
export async function publishClaimed(
  posting: StandingsPosting,
  claimed: readonly StandingsPost[],
): Promise<PublishRound> {
  const { db, clock, policy } = posting;
  const round: PublishRound = { results: [], errors: [] };
  for (const post of claimed) {
    // Slack's waits may have eaten into the batch's lease: a row with less than half of it left goes
    // back to the queue at once, rather than be posted while another replica may take it over.
    const now = clock.now();
    if ((post.lease_until?.getTime() ?? 0) - now.getTime() < policy.leaseMs / 2) {
      await updateLeasedStandingsPost(db, post.id, posting.workerId, { lease_until: now }, now);
      continue;
    }
    try {
      round.results.push({ post, result: await publishPost(posting, post) });
    } catch (error) {
      // The row keeps its lease and comes back when it ends; the next attempt looks in the channel first.
      round.errors.push({ post, error });
    }
  }
  return round;
}

async function publishPost(posting: StandingsPosting, post: StandingsPost): Promise<PostResult> {
  const { db, channel, policy } = posting;
  const team = await findTeamById(db, post.team_id);
  // A post keeps the channel it first went to, even if the team has picked another since.
  const channelId = post.channel_id ?? team?.standings_channel_id ?? null;
  if (team === undefined || channelId === null) {
    return fail(posting, post, team, channelId, STANDINGS_FAILURES.noChannel);
  }
  const save = (changes: LeasedChanges) =>
    updateLeasedStandingsPost(db, post.id, posting.workerId, changes, posting.clock.now());

  let standings = post.standings as unknown as WeeklyStandings | null;
  if (standings === null) {
    standings = await posting.computeStandings(db, {
      teamId: team.id,
      weekStart: post.week_start,
      defaultCurrency: policy.defaultCurrency,
      defaultTimeZone: policy.defaultTimeZone,
    });
    // Kept before posting, so a retry posts exactly what the first attempt computed.
    if (!(await save({ channel_id: channelId, standings: JSON.stringify(standings) })))
      return { kind: 'lost' };
  }

  // Always looked for first: a crash, a lost answer or a re-run after a timed-out last attempt may
  // each have left a post in Slack that the row does not know, and one look a week per team is cheap.
  let ts = post.message_ts ?? (await channel.findPost(post, channelId));
  if (ts === undefined) {
    const sent = await channel.post(post, channelId, standings);
    if (!sent.ok) {
      return sent.permanent
        ? fail(posting, post, team, channelId, sent.reason)
        : retryLater(posting, post, team, channelId, sent.reason);
    }
    ts = sent.value;
  }
  if (ts !== post.message_ts && !(await save({ message_ts: ts, channel_id: channelId }))) {
    return { kind: 'lost' };
  }

  let fileId = post.file_id;
  let chartProblem: string | null = null;
  const chartThere = fileId !== null && (await channel.hasChart(post, channelId, ts, fileId));
  if (!chartThere) {
    const uploaded = await channel.uploadChart({
      post,
      channelId,
      threadTs: ts,
      standings,
      onFileId: async (id) => {
        await save({ file_id: id });
      },
    });
    if (uploaded.ok) fileId = uploaded.value;
    else if (!uploaded.permanent && post.attempts < policy.maxAttempts) {
      return retryLater(posting, post, team, channelId, `chart: ${uploaded.reason}`);
    } else {
      // The post itself is out: a chart that cannot follow is noted, never a reason to post again.
      chartProblem = `chart not uploaded: ${uploaded.reason}`;
      fileId = null;
    }
  }
  const now = posting.clock.now();
  const settled = await updateLeasedStandingsPost(
    db,
    post.id,
    posting.workerId,
    { status: 'posted', posted_at: now, lease_until: null, file_id: fileId, failure_reason: chartProblem },
    now,
  );
  return settled ? { kind: 'posted', channelId, ts, chartProblem } : { kind: 'lost' };
}

async function retryLater(
  posting: StandingsPosting,
  post: StandingsPost,
  team: Team,
  channelId: string,
  reason: string,
): Promise<PostResult> {
  if (post.attempts >= posting.policy.maxAttempts) {
    return fail(posting, post, team, channelId, `${STANDINGS_FAILURES.slackUnavailable}: ${reason}`);
  }
  const now = posting.clock.now();
  // The lease doubles as the back-off: the row is claimable again when it ends.
  const leaseUntil = new Date(now.getTime() + posting.policy.retryDelayMs * 2 ** (post.attempts - 1));
  const kept = await updateLeasedStandingsPost(
    posting.db,
    post.id,
    posting.workerId,
    { lease_until: leaseUntil, failure_reason: reason },
    now,
  );
  return kept ? { kind: 'retrying', reason } : { kind: 'lost' };
}

/** Marks the post failed for good and tells the team's manager and the admins, once. */
async function fail(
  posting: StandingsPosting,
  post: StandingsPost,
  team: Team | undefined,
  channelId: string | null,
  reason: string,
): Promise<PostResult> {
  const { db, clock } = posting;
  const now = clock.now();
  const marked = await updateLeasedStandingsPost(
    db,
    post.id,
    posting.workerId,
    { status: 'failed', failure_reason: reason, lease_until: null },
    now,
  );
  if (!marked) return { kind: 'lost' };
  if (team !== undefined && (await claimFailureNotice(db, post.id, now))) {
    await posting.channel.tellFailure(await failureRecipients(db, team), {
      workspaceId: post.workspace_id,
      teamName: team.name,
      channelId,
      weekStart: post.week_start,
      reason,
    });
  }
  return { kind: 'failed', reason };
}

/** The team's manager and every admin of the workspace, each once. */
async function failureRecipients(db: Db, team: Team): Promise<FailureRecipient[]> {
  const [manager] = team.manager_id === null ? [] : await findPeopleByIds(db, [team.manager_id]);
  const admins = await listAdmins(db, team.workspace_id);
  const people = [...(manager ? [manager] : []), ...admins].filter(
    (person) => person.slack_deactivated_at === null && person.inactive_reason === null,
  );
  const recipients = new Map<string, FailureRecipient>();
  for (const person of people) {
    const isAdmin = person.is_admin || recipients.get(person.slack_user_id)?.isAdmin === true;
    recipients.set(person.slack_user_id, { slackUserId: person.slack_user_id, isAdmin });
  }
  return [...recipients.values()];
}

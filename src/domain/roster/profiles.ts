import type { Db } from '../../db/database.js';
import {
  claimProfilesToCheck,
  type SlackProfile,
  updatePerson,
  upsertPerson,
} from '../../db/queries/people.js';
import type { Person } from '../../db/schema.js';
import type { Clock } from '../clock.js';
import { DirectoryUnavailableError, type DirectoryUser, type PeopleDirectory } from './directory.js';

/** Reasons the roster itself sets; the delivery worker may set others (user_not_found…), which stay. */
export const DEACTIVATED_IN_SLACK = 'deactivated in Slack';
export const NOT_FOUND_IN_SLACK = 'no longer in Slack';
const REASONS_SET_FROM_PROFILE = [DEACTIVATED_IN_SLACK, NOT_FOUND_IN_SLACK];

/**
 * Slack profiles change rarely; a daily look keeps time zones and admin status right without spending
 * the rate limit. Until it is this old, a person's row is taken as what Slack says about them.
 */
export const PROFILE_STALE_AFTER_MS = 20 * 60 * 60 * 1000;
/** A claimed check that never finished (crash, Slack down) is tried again after this. */
const PROFILE_RETRY_AFTER_MS = 60 * 60 * 1000;

/** A Slack workspace admin or owner who can still use Slack: an admin of the bot. */
export function isSlackAdmin(user: DirectoryUser): boolean {
  return user.isWorkspaceAdmin && !user.deleted && !user.isBot;
}

function profileOf(workspaceId: string, user: DirectoryUser): SlackProfile {
  return {
    workspaceId,
    slackUserId: user.userId,
    displayName: user.displayName,
    email: user.email,
    timezone: user.timeZone,
    workspaceAdmin: isSlackAdmin(user),
  };
}

/**
 * Whether the person's row is recent enough to stand for Slack's answer. A row the refresh has claimed
 * but not yet checked counts too (the claim dates it an hour short of stale), so a failed check
 * delays a new Slack admin by that hour at most, until either the refresh or a request asks again.
 */
export function profileCheckedRecently(person: Person, now: Date): boolean {
  return (
    person.profile_checked_at !== null &&
    person.profile_checked_at.getTime() > now.getTime() - PROFILE_STALE_AFTER_MS
  );
}

/**
 * Stores what Slack says about a user: profile fields, whether they can still get messages, and
 * whether they are a Slack workspace admin. A deactivated user is marked with the reason their manager
 * sees; one who is active again is unmarked. Admin status is only ever granted here, never taken: an
 * admin made with `/coach admin` is no Slack admin, and one who stops being a Slack admin keeps the
 * bot's admin rights until another admin runs `/coach admin @them off`, as before.
 */
export async function recordDirectoryUser(
  db: Db,
  workspaceId: string,
  user: DirectoryUser,
  now: Date,
): Promise<Person> {
  const person = await upsertPerson(db, profileOf(workspaceId, user), now);
  if (user.deleted) return markInactive(db, person, DEACTIVATED_IN_SLACK, now);
  if (
    person.slack_deactivated_at !== null &&
    REASONS_SET_FROM_PROFILE.includes(person.inactive_reason ?? '')
  ) {
    return updatePerson(db, person.id, { slack_deactivated_at: null, inactive_reason: null }, now);
  }
  return person;
}

async function markInactive(db: Db, person: Person, reason: string, now: Date): Promise<Person> {
  if (person.slack_deactivated_at !== null && person.inactive_reason === reason) return person;
  return updatePerson(
    db,
    person.id,
    { slack_deactivated_at: person.slack_deactivated_at ?? now, inactive_reason: reason },
    now,
  );
}

export interface ProfileRefreshReport {
  checked: number;
  deactivated: number;
  /** People whose check failed because Slack could not be asked; they come round again later. */
  unavailable: number;
}

/**
 * The daily profile refresh: people on the roster whose Slack profile was checked more than 20 hours
 * ago (or never) get users.info, at most `batchSize` per run so the caller controls the pace. It is
 * also what spares identifyActor a users.info per request, so a new Slack admin becomes an admin of
 * the bot here, within a day.
 */
export async function refreshProfiles(
  db: Db,
  clock: Clock,
  directory: PeopleDirectory,
  options: { batchSize: number },
): Promise<ProfileRefreshReport> {
  const now = clock.now();
  const claimed = await claimProfilesToCheck(db, {
    staleBefore: new Date(now.getTime() - PROFILE_STALE_AFTER_MS),
    retryAt: new Date(now.getTime() - PROFILE_STALE_AFTER_MS + PROFILE_RETRY_AFTER_MS),
    limit: options.batchSize,
  });
  const report: ProfileRefreshReport = { checked: 0, deactivated: 0, unavailable: 0 };
  for (const person of claimed) {
    let user: DirectoryUser | undefined;
    try {
      user = await directory.findById(person.workspace_id, person.slack_user_id);
    } catch (error) {
      if (!(error instanceof DirectoryUnavailableError)) throw error;
      report.unavailable += 1;
      continue;
    }
    const checkedAt = clock.now();
    const updated =
      user === undefined
        ? await markInactive(db, person, NOT_FOUND_IN_SLACK, checkedAt)
        : await recordDirectoryUser(db, person.workspace_id, user, checkedAt);
    if (user === undefined) await updatePerson(db, person.id, { profile_checked_at: checkedAt }, checkedAt);
    report.checked += 1;
    if (updated.slack_deactivated_at !== null) report.deactivated += 1;
  }
  return report;
}

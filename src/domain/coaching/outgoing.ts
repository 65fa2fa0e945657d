import type { Db } from '../../db/database.js';
import { countTeammateAnswers, findCheckInsByIds, recordPostedMessages } from '../../db/queries/check-ins.js';
import { findPeopleByIds, listTeammateIds, updatePerson } from '../../db/queries/people.js';
import type { CheckIn, OutboxMessage, Person } from '../../db/schema.js';
import { BatchWhileBusy } from '../../delivery/batch.js';
import type { Composed, OutboxContent } from '../../delivery/ports.js';
import type { Clock } from '../clock.js';
import { type FollowUps, loadFollowUps, recordFollowUpsShown } from '../deal-review/follow-ups.js';
import { composeReviewReminder, type ReviewReminder } from '../deal-review/review-reminders.js';
import {
  type Introduction,
  introductionKey,
  loadIntroductions,
  type PromptContent,
  promptContentOf,
} from './check-ins.js';
import type { Digest } from './digest.js';
import { composeManagerDigest, type DigestPolicy, loadFirstDigests } from './digest-input.js';
import { DEFAULT_DUE_POLICY } from './due-messages.js';
import { formatTimeOfDay } from './schedule.js';

/** What the bot says for one outbox row, before any Slack formatting. */
export type OutgoingMessage =
  | { kind: 'prompt'; recipientSlackUserId: string; prompt: PromptContent }
  | {
      kind: 'reminder';
      recipientSlackUserId: string;
      prompt: PromptContent;
      answeredTeammates: number;
      teammates: number;
    }
  | { kind: 'digest'; recipientSlackUserId: string; digest: Digest }
  | { kind: 'review_reminder'; recipientSlackUserId: string; reminder: ReviewReminder };

/** Slack errors that mean the person can no longer be written to. */
const PERSON_GONE: Readonly<Record<string, string>> = {
  user_not_found: 'Slack does not know this user any more (user_not_found)',
  account_inactive: 'the Slack account is deactivated (account_inactive)',
  user_disabled: 'the Slack account is disabled (user_disabled)',
};

function notSendable(person: Person): string | undefined {
  if (person.slack_deactivated_at !== null) return 'the person is deactivated in Slack';
  if (person.inactive_reason !== null) return `the person cannot be reached: ${person.inactive_reason}`;
  return undefined;
}

/** Most rows composed from one pair of look-ups. */
const COMPOSE_BATCH_MAX = 200;

/** One row's composition, or the error that row alone failed with. */
type Outcome = { ok: true; composed: Composed<OutgoingMessage> } | { ok: false; error: unknown };

/**
 * The daily-coaching side of delivery: content at send time, and what a send or a failure means.
 * `policy` is the tick's (DEFAULT_TIMEZONE and PROMPT_GRACE_MINUTES): the digest says from it when a
 * rep's prompt is still to come; without it, UTC and the default grace.
 */
export function coachingOutbox(
  db: Db,
  clock: Clock,
  policy: DigestPolicy = {
    defaultTimeZone: 'UTC',
    promptGraceMinutes: DEFAULT_DUE_POLICY.promptGraceMinutes,
  },
): OutboxContent<OutgoingMessage> {
  /**
   * What to say for one row, from its person, check-in and follow-ups as they are now, and whether it
   * is the manager's first digest (all looked up by the caller, for many rows at once). A reminder or a
   * manager's message still needs its own queries.
   */
  async function composeOne(
    message: OutboxMessage,
    person: Person | undefined,
    checkIn: CheckIn | undefined,
    followUps: FollowUps | undefined,
    introduction: Introduction | undefined,
    firstDigest: boolean,
  ): Promise<Composed<OutgoingMessage>> {
    if (person === undefined) return { send: false, reason: 'the person was removed' };
    const gone = notSendable(person);
    if (gone) return { send: false, reason: gone };

    if (message.kind === 'digest') {
      const digest = await composeManagerDigest(db, person, message.local_date, {
        now: clock.now(),
        policy,
      });
      if (digest === undefined) return { send: false, reason: 'the manager has no reps any more' };
      return {
        send: true,
        content: {
          kind: 'digest',
          recipientSlackUserId: person.slack_user_id,
          digest: firstDigest
            ? { ...digest, introduction: { digestTime: formatTimeOfDay(person.digest_time) } }
            : digest,
        },
      };
    }

    if (message.kind === 'review_reminder') {
      const reminder = await composeReviewReminder(db, person, message.local_date);
      if (reminder === undefined) return { send: false, reason: 'the manager has no reps any more' };
      if (reminder.repsWithoutReview.length === 0) {
        return { send: false, reason: `every rep has a review for ${reminder.month}` };
      }
      return {
        send: true,
        content: { kind: 'review_reminder', recipientSlackUserId: person.slack_user_id, reminder },
      };
    }

    if (person.paused_at !== null) return { send: false, reason: 'the rep paused their check-ins' };
    if (checkIn === undefined) return { send: false, reason: 'the check-in no longer exists' };
    if (message.kind === 'prompt') {
      return {
        send: true,
        content: {
          kind: 'prompt',
          recipientSlackUserId: person.slack_user_id,
          prompt: promptContentOf(checkIn, followUps, introduction),
        },
      };
    }
    // The reminder stays short: the follow-ups are in the morning's prompt.
    const prompt = promptContentOf(checkIn);
    if (checkIn.stage === 'answered') return { send: false, reason: 'the rep answered before the reminder' };
    const counts = await countTeammateAnswers(db, {
      personIds: await listTeammateIds(db, person),
      localDate: checkIn.local_date,
    });
    return {
      send: true,
      content: {
        kind: 'reminder',
        recipientSlackUserId: person.slack_user_id,
        prompt,
        answeredTeammates: counts.answered,
        teammates: counts.prompted,
      },
    };
  }

  /**
   * The rows the delivery lanes compose while a previous batch is being looked up go together: five
   * queries (people, check-ins, follow-ups, first prompts, first digests) for the batch instead of five
   * per row. Each row still reads its person and check-in after the worker asked, right before
   * posting, so a rep who paused or answered in the meantime is not written to.
   */
  const batches = new BatchWhileBusy<OutboxMessage, Outcome>(async (messages) => {
    const checkInIds = messages.flatMap((message) =>
      message.kind !== 'digest' && message.check_in_id !== null ? [message.check_in_id] : [],
    );
    const prompts = messages.filter((message) => message.kind === 'prompt');
    const digests = messages.filter((message) => message.kind === 'digest');
    const [people, checkIns, followUps, introductions, firstDigests] = await Promise.all([
      findPeopleByIds(db, [...new Set(messages.map((message) => message.person_id))]),
      findCheckInsByIds(db, [...new Set(checkInIds)]),
      loadFollowUps(
        db,
        prompts.map((message) => ({ ownerId: message.person_id, today: message.local_date })),
        'rep',
      ),
      loadIntroductions(
        db,
        prompts.map((message) => ({ personId: message.person_id, localDate: message.local_date })),
      ),
      loadFirstDigests(
        db,
        digests.map((message) => ({ personId: message.person_id, localDate: message.local_date })),
      ),
    ]);
    const personById = new Map(people.map((person) => [person.id, person]));
    const checkInById = new Map(checkIns.map((checkIn) => [String(checkIn.id), checkIn]));
    return Promise.all(
      messages.map(async (message): Promise<Outcome> => {
        const checkIn =
          message.check_in_id === null ? undefined : checkInById.get(String(message.check_in_id));
        try {
          return {
            ok: true,
            composed: await composeOne(
              message,
              personById.get(message.person_id),
              checkIn,
              message.kind === 'prompt' ? followUps.get(message.person_id) : undefined,
              message.kind === 'prompt'
                ? introductions.get(introductionKey(message.person_id, message.local_date))
                : undefined,
              message.kind === 'digest' &&
                firstDigests.has(introductionKey(message.person_id, message.local_date)),
            ),
          };
        } catch (error) {
          // A reminder's or a digest's own query failing fails that row alone, not the batch.
          return { ok: false, error };
        }
      }),
    );
  }, COMPOSE_BATCH_MAX);

  return {
    async compose(message: OutboxMessage): Promise<Composed<OutgoingMessage>> {
      const outcome = await batches.add(message);
      if (!outcome.ok) throw outcome.error;
      return outcome.composed;
    },

    async delivered(posts) {
      // First, so a check-in whose prompt shows as posted has its follow-ups recorded too: a redraw
      // of the DM finds the same lines.
      await recordFollowUpsShown(
        db,
        clock,
        posts.flatMap(({ content }) => followUpsIn(content) ?? []),
      );
      await recordPostedMessages(
        db,
        posts.map(({ message, sent }) => ({
          personId: message.person_id,
          promptCheckInId: message.kind === 'prompt' ? message.check_in_id : null,
          ...sent,
        })),
        clock.now(),
      );
    },

    async failedForGood(message, reason) {
      const gone = PERSON_GONE[reason];
      if (gone === undefined) return;
      // Stops every later prompt to this person, and their manager sees why in the digest.
      await updatePerson(db, message.person_id, { inactive_reason: gone }, clock.now());
    },
  };
}

function followUpsIn(content: OutgoingMessage): FollowUps | undefined {
  if (content.kind === 'prompt') return content.prompt.followUps;
  if (content.kind === 'digest') return content.digest.followUps;
  return undefined;
}

import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { countTeammateAnswers, findCheckIn } from '../../db/queries/check-ins.js';
import type { OutboxMessage, Person } from '../../db/schema.js';
import type { Composed, OutboxContent } from '../../delivery/ports.js';
import type { Clock } from '../clock.js';
import { type PromptContent, promptContentOf } from './check-ins.js';
import type { Digest } from './digest.js';
import { composeManagerDigest } from './digest-input.js';

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
  | { kind: 'digest'; recipientSlackUserId: string; digest: Digest };

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

async function findPerson(db: Db, id: number): Promise<Person | undefined> {
  return db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst();
}

async function teammatesOf(db: Db, person: Person): Promise<number[]> {
  // Teammates are the rep's team; a rep without a team is compared with their manager's other reps.
  let query = db.selectFrom('people').select('id').where('is_rep', '=', true).where('id', '<>', person.id);
  if (person.team_id !== null) query = query.where('team_id', '=', person.team_id);
  else if (person.manager_id !== null) query = query.where('manager_id', '=', person.manager_id);
  else return [];
  return (await query.execute()).map((row) => row.id);
}

/** The daily-coaching side of delivery: content at send time, and what a send or a failure means. */
export function coachingOutbox(db: Db, clock: Clock): OutboxContent<OutgoingMessage> {
  return {
    async compose(message: OutboxMessage): Promise<Composed<OutgoingMessage>> {
      const person = await findPerson(db, message.person_id);
      if (person === undefined) return { send: false, reason: 'the person was removed' };
      const gone = notSendable(person);
      if (gone) return { send: false, reason: gone };

      if (message.kind === 'digest') {
        const digest = await composeManagerDigest(db, person, message.local_date);
        if (digest === undefined) return { send: false, reason: 'the manager has no reps any more' };
        return {
          send: true,
          content: { kind: 'digest', recipientSlackUserId: person.slack_user_id, digest },
        };
      }

      if (person.paused_at !== null) return { send: false, reason: 'the rep paused their check-ins' };
      const checkIn = message.check_in_id === null ? undefined : await findCheckIn(db, message.check_in_id);
      if (checkIn === undefined) return { send: false, reason: 'the check-in no longer exists' };
      const prompt = promptContentOf(checkIn);
      if (message.kind === 'prompt') {
        return {
          send: true,
          content: { kind: 'prompt', recipientSlackUserId: person.slack_user_id, prompt },
        };
      }
      if (checkIn.stage === 'answered')
        return { send: false, reason: 'the rep answered before the reminder' };
      const counts = await countTeammateAnswers(db, {
        personIds: await teammatesOf(db, person),
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
    },

    async delivered(posts) {
      if (posts.length === 0) return;
      const now = clock.now();
      // One statement for all the posts: the person learns their DM channel (if not known yet), a
      // prompt's check-in learns the message its buttons live in.
      await sql`
        with sent as (
          select * from unnest(
            ${posts.map(({ message }) => message.person_id)}::integer[],
            ${posts.map(({ message }) => (message.kind === 'prompt' ? message.check_in_id : null))}::bigint[],
            ${posts.map(({ sent }) => sent.channelId)}::text[],
            ${posts.map(({ sent }) => sent.ts)}::text[]
          ) as s(person_id, check_in_id, channel_id, ts)
        ),
        learnt_dm as (
          update people as p
          set dm_channel_id = sent.channel_id
          from sent
          where p.id = sent.person_id and p.dm_channel_id is null
        )
        update check_ins as c
        set prompt_channel_id = sent.channel_id, prompt_ts = sent.ts, prompted_at = ${now}, updated_at = ${now}
        from sent
        where c.id = sent.check_in_id`.execute(db);
    },

    async failedForGood(message, reason) {
      const gone = PERSON_GONE[reason];
      if (gone === undefined) return;
      // Stops every later prompt to this person, and their manager sees why in the digest.
      await db
        .updateTable('people')
        .set({ inactive_reason: gone, updated_at: clock.now() })
        .where('id', '=', message.person_id)
        .execute();
    },
  };
}

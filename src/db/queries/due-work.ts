import { sql } from 'kysely';
import type { Db } from '../database.js';
import type { OutboxKind } from '../schema.js';
import { anyOf } from './any-of.js';

/** What deciding "is a prompt due for this rep now?" needs, in one row per active rep. */
export interface PromptCandidate {
  person_id: number;
  workspace_id: string;
  person_created_at: Date;
  /** When anything on the person's row last changed: a resume, a new prompt time, cleared days off… */
  person_updated_at: Date;
  person_timezone: string | null;
  person_prompt_time: string | null;
  question_set: string | null;
  team_timezone: string | null;
  team_prompt_time: string | null;
  /** When the team's settings last changed; null without a team. */
  team_updated_at: Date | null;
  workdays: number[] | null;
  holiday_country: string | null;
  working_hours_end: string | null;
}

/**
 * Reps who may get a prompt: not paused, not deactivated, in a workspace that still has the bot.
 * Schedule rules (workday, holiday, out of office, local time) are the domain's to apply.
 */
export async function listPromptCandidates(db: Db): Promise<PromptCandidate[]> {
  return db
    .selectFrom('people as p')
    .innerJoin('workspaces as w', 'w.id', 'p.workspace_id')
    .leftJoin('teams as t', 't.id', 'p.team_id')
    .select([
      'p.id as person_id',
      'p.workspace_id',
      'p.created_at as person_created_at',
      'p.updated_at as person_updated_at',
      'p.timezone as person_timezone',
      'p.prompt_time as person_prompt_time',
      'p.question_set',
      't.timezone as team_timezone',
      't.prompt_time as team_prompt_time',
      't.updated_at as team_updated_at',
      't.workdays',
      't.holiday_country',
      't.working_hours_end',
    ])
    .where('p.is_rep', '=', true)
    .where('p.paused_at', 'is', null)
    .where('p.slack_deactivated_at', 'is', null)
    .where('p.inactive_reason', 'is', null)
    .where('w.uninstalled_at', 'is', null)
    .execute();
}

export interface ReminderCandidate {
  check_in_id: string;
  person_id: number;
  workspace_id: string;
  local_date: string;
  prompted_at: Date;
  person_timezone: string | null;
  team_timezone: string | null;
  reminder_delay_minutes: number | null;
  working_hours_start: string | null;
  working_hours_end: string | null;
}

/** Check-ins sent from `sinceDate` on, still unanswered, whose rep has no reminder for that day yet. */
export async function listReminderCandidates(db: Db, sinceDate: string): Promise<ReminderCandidate[]> {
  return db
    .selectFrom('check_ins as c')
    .innerJoin('people as p', 'p.id', 'c.person_id')
    .leftJoin('teams as t', 't.id', 'p.team_id')
    .select([
      'c.id as check_in_id',
      'c.person_id',
      'c.workspace_id',
      'c.local_date',
      sql<Date>`c.prompted_at`.as('prompted_at'),
      'p.timezone as person_timezone',
      't.timezone as team_timezone',
      't.reminder_delay_minutes',
      't.working_hours_start',
      't.working_hours_end',
    ])
    .where('c.local_date', '>=', sinceDate)
    .where('c.prompted_at', 'is not', null)
    .where('c.stage', '<>', 'answered')
    .where('p.paused_at', 'is', null)
    .where('p.slack_deactivated_at', 'is', null)
    .where('p.inactive_reason', 'is', null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('outbox_messages as o')
            .select('o.id')
            .whereRef('o.person_id', '=', 'c.person_id')
            .whereRef('o.local_date', '=', 'c.local_date')
            .where('o.kind', '=', 'reminder'),
        ),
      ),
    )
    .execute();
}

export interface DigestCandidate {
  person_id: number;
  workspace_id: string;
  digest_time: string;
  person_timezone: string | null;
  team_timezone: string | null;
  workdays: number[] | null;
  holiday_country: string | null;
}

/**
 * Managers with at least one active rep. Their schedule is the team they manage (or, failing that,
 * the team they are on).
 */
export async function listDigestCandidates(db: Db): Promise<DigestCandidate[]> {
  return db
    .selectFrom('people as m')
    .innerJoin('workspaces as w', 'w.id', 'm.workspace_id')
    .leftJoin('teams as t', (join) =>
      join.on(
        sql<boolean>`t.id = coalesce((select tm.id from teams tm where tm.manager_id = m.id order by tm.id limit 1), m.team_id)`,
      ),
    )
    .select([
      'm.id as person_id',
      'm.workspace_id',
      'm.digest_time',
      'm.timezone as person_timezone',
      't.timezone as team_timezone',
      't.workdays',
      't.holiday_country',
    ])
    .where('m.slack_deactivated_at', 'is', null)
    .where('m.inactive_reason', 'is', null)
    .where('w.uninstalled_at', 'is', null)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('people as r')
          .select('r.id')
          .whereRef('r.manager_id', '=', 'm.id')
          .where('r.is_rep', '=', true),
      ),
    )
    .execute();
}

/** "person:date" keys of the outbox rows of one kind on the given dates, to skip known work cheaply. */
export async function listOutboxKeys(
  db: Db,
  kind: OutboxKind,
  dates: readonly string[],
): Promise<Set<string>> {
  if (dates.length === 0) return new Set();
  const rows = await db
    .selectFrom('outbox_messages')
    .select(['person_id', 'local_date'])
    .where('kind', '=', kind)
    .where('local_date', '=', anyOf(dates, 'date'))
    .execute();
  return new Set(rows.map((row) => `${row.person_id}:${row.local_date}`));
}

/** Out-of-office ranges that touch [from, to], per person. */
export async function listOutOfOfficeBetween(
  db: Db,
  from: string,
  to: string,
): Promise<Map<number, Array<{ first_day: string; last_day: string }>>> {
  const rows = await db
    .selectFrom('out_of_office')
    .select(['person_id', 'first_day', 'last_day'])
    .where('last_day', '>=', from)
    .where('first_day', '<=', to)
    .execute();
  const byPerson = new Map<number, Array<{ first_day: string; last_day: string }>>();
  for (const row of rows) {
    const ranges = byPerson.get(row.person_id) ?? [];
    ranges.push({ first_day: row.first_day, last_day: row.last_day });
    byPerson.set(row.person_id, ranges);
  }
  return byPerson;
}

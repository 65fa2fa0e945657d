import type { Db } from '../../src/db/database.js';
import type { Obstacle, Skill } from '../../src/db/schema.js';
import type { Clock } from '../../src/domain/clock.js';
import {
  DEFAULT_DUE_POLICY,
  type DuePolicy,
  enqueueDueMessages,
} from '../../src/domain/coaching/due-messages.js';
import { CHECK_IN_FIELDS, type ViewStateValues } from '../../src/slack/views/check-in.js';

/** The stand-in's workspace, registered by the bot's auth.test at start. */
export const WORKSPACE_ID = 'T0001';

export const DUE_POLICY: DuePolicy = { ...DEFAULT_DUE_POLICY, defaultTimeZone: 'UTC' };

export async function seedTeam(
  db: Db,
  team: {
    name: string;
    timezone?: string | null;
    promptTime?: string;
    workdays?: number[];
    holidayCountry?: string | null;
    reminderDelayMinutes?: number;
    workingHours?: [string, string];
    managerId?: number | null;
  },
): Promise<number> {
  const row = await db
    .insertInto('teams')
    .values({
      workspace_id: WORKSPACE_ID,
      name: team.name,
      timezone: team.timezone ?? null,
      prompt_time: team.promptTime ?? '09:00',
      workdays: team.workdays ?? [1, 2, 3, 4, 5],
      holiday_country: team.holidayCountry ?? null,
      reminder_delay_minutes: team.reminderDelayMinutes ?? 120,
      working_hours_start: team.workingHours?.[0] ?? '08:00',
      working_hours_end: team.workingHours?.[1] ?? '18:00',
      manager_id: team.managerId ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

const LONG_AGO = '2026-01-01T00:00:00Z';

export async function seedPerson(
  db: Db,
  person: {
    slackUserId: string;
    name?: string;
    isRep?: boolean;
    isManager?: boolean;
    isAdmin?: boolean;
    managerId?: number | null;
    teamId?: number | null;
    timezone?: string | null;
    promptTime?: string | null;
    digestTime?: string;
    questionSet?: string | null;
    /**
     * When the person was added; by default long before any test's day, as a rep added after a
     * day's prompt time is first prompted on the next workday.
     */
    createdAt?: Date | string;
  },
): Promise<number> {
  const row = await db
    .insertInto('people')
    .values({
      workspace_id: WORKSPACE_ID,
      slack_user_id: person.slackUserId,
      display_name: person.name ?? person.slackUserId,
      is_rep: person.isRep ?? true,
      is_manager: person.isManager ?? false,
      is_admin: person.isAdmin ?? false,
      manager_id: person.managerId ?? null,
      team_id: person.teamId ?? null,
      timezone: person.timezone ?? null,
      prompt_time: person.promptTime ?? null,
      ...(person.digestTime ? { digest_time: person.digestTime } : {}),
      question_set: person.questionSet ?? null,
      created_at: person.createdAt ?? LONG_AGO,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** One minute tick of the real scheduling rules, at the clock's time. */
export function tick(db: Db, clock: Clock, policy: DuePolicy = DUE_POLICY) {
  return enqueueDueMessages(db, clock, policy);
}

/** Polls until `check` returns a value (not undefined), or fails after the timeout. */
export async function eventually<T>(
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 5_000,
): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

type FieldValue = { type: string; value?: string | null; selected_option?: { value: string } | null };

function field(blockId: string, actionId: string, value: FieldValue): ViewStateValues {
  return { [blockId]: { [actionId]: value } };
}

export function saleValues(sale: {
  description: string;
  amount: string;
  currency?: string;
  account: string;
  wonBecause: string;
}): ViewStateValues {
  const f = CHECK_IN_FIELDS;
  return {
    ...field(f.saleDescription.blockId, f.saleDescription.actionId, {
      type: 'plain_text_input',
      value: sale.description,
    }),
    ...field(f.saleAmount.blockId, f.saleAmount.actionId, { type: 'plain_text_input', value: sale.amount }),
    ...field(f.saleCurrency.blockId, f.saleCurrency.actionId, {
      type: 'static_select',
      selected_option: { value: sale.currency ?? 'USD' },
    }),
    ...field(f.saleAccount.blockId, f.saleAccount.actionId, {
      type: 'plain_text_input',
      value: sale.account,
    }),
    ...field(f.saleWonBecause.blockId, f.saleWonBecause.actionId, {
      type: 'plain_text_input',
      value: sale.wonBecause,
    }),
  };
}

export function triedValues(tried: { whatHappened: string; skill: Skill }): ViewStateValues {
  const f = CHECK_IN_FIELDS;
  return {
    ...field(f.triedWhatHappened.blockId, f.triedWhatHappened.actionId, {
      type: 'plain_text_input',
      value: tried.whatHappened,
    }),
    ...field(f.triedSkill.blockId, f.triedSkill.actionId, {
      type: 'radio_buttons',
      selected_option: { value: tried.skill },
    }),
  };
}

export function obstacleValues(answer: {
  obstacle: Exclude<Obstacle, 'none'>;
  detail?: string;
}): ViewStateValues {
  const f = CHECK_IN_FIELDS;
  return {
    ...field(f.obstacle.blockId, f.obstacle.actionId, {
      type: 'radio_buttons',
      selected_option: { value: answer.obstacle },
    }),
    ...field(f.obstacleDetail.blockId, f.obstacleDetail.actionId, {
      type: 'plain_text_input',
      value: answer.detail ?? null,
    }),
  };
}

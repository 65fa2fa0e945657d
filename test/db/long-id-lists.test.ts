import { beforeAll, describe, expect, it } from 'vitest';
import { anyOf } from '../../src/db/queries/any-of.js';
import {
  countQuestionsAsked,
  countTeammateAnswers,
  findCheckInsByIds,
  insertCheckIns,
  listCheckInDays,
} from '../../src/db/queries/check-ins.js';
import { addOutOfOffice, listOutOfOffice } from '../../src/db/queries/out-of-office.js';
import { findPeopleByIds } from '../../src/db/queries/people.js';
import { countEffortDays } from '../../src/db/queries/rankings.js';
import { upsertWorkspace } from '../../src/db/queries/workspaces.js';
import { seedPerson, seedTeam, WORKSPACE_ID } from '../support/coaching.js';
import { useTestDatabase } from '../support/database.js';

// An Enterprise Grid workspace can hand these queries tens of thousands of ids (the admin's roster,
// a whole workspace's due prompts). Postgres refuses a statement with more than 65,535 bind
// parameters, so each list must travel as one array parameter, whatever its length.

const NOW = new Date('2026-11-24T14:00:00Z');
/** Above Postgres's 65,535 bind parameters per statement. */
const LONG = 70_000;

/** The real ids among LONG - real.length ids that match no row, so the list alone is past the limit. */
function longList(real: readonly number[]): number[] {
  const missing = Array.from({ length: LONG - real.length }, (_, n) => 10_000_000 + n);
  return [...missing.slice(0, LONG / 2), ...real, ...missing.slice(LONG / 2)];
}

describe('queries given more ids than Postgres has bind parameters', () => {
  const database = useTestDatabase();
  let people: number[] = [];
  let checkInIds: string[] = [];

  beforeAll(async () => {
    const db = database.current.db;
    await upsertWorkspace(db, { id: WORKSPACE_ID, enterpriseId: null, name: 'Grid' }, NOW);
    const teamId = await seedTeam(db, { name: 'Everyone' });
    people = [];
    for (const slackUserId of ['U1', 'U2', 'U3']) people.push(await seedPerson(db, { slackUserId, teamId }));
    const [first, second] = people as [number, number, number];
    await addOutOfOffice(
      db,
      { personId: first, firstDay: '2026-11-30', lastDay: '2026-12-04', createdById: null },
      NOW,
    );
    await addOutOfOffice(
      db,
      { personId: second, firstDay: '2026-11-25', lastDay: '2026-11-26', createdById: null },
      NOW,
    );
    const checkIns = await insertCheckIns(
      db,
      [
        {
          workspaceId: WORKSPACE_ID,
          personId: first,
          localDate: '2026-11-24',
          aboutDate: '2026-11-23',
          question: 'q1',
        },
        {
          workspaceId: WORKSPACE_ID,
          personId: second,
          localDate: '2026-11-24',
          aboutDate: '2026-11-23',
          question: null,
        },
      ],
      NOW,
    );
    checkInIds = checkIns.map((checkIn) => checkIn.id);
    await db
      .updateTable('check_ins')
      .set({ prompted_at: NOW, stage: 'answered', outcome: 'tried' })
      .where('id', '=', checkInIds[0]!)
      .execute();
  });

  it('finds people by a workspace-sized list of ids', async () => {
    const found = await findPeopleByIds(database.current.db, longList(people));
    expect(found.map((person) => person.id).sort((a, b) => a - b)).toEqual(people);
  });

  it("lists the out-of-office ranges of a workspace-sized roster (the admin's roster listing)", async () => {
    const ranges = await listOutOfOffice(database.current.db, longList(people), '2026-11-24');
    expect(ranges.map((range) => [range.person_id, range.first_day, range.last_day])).toEqual([
      [people[0], '2026-11-30', '2026-12-04'],
      [people[1], '2026-11-25', '2026-11-26'],
    ]);
  });

  it('reads check-ins for a workspace-sized list of people and of check-in ids', async () => {
    const db = database.current.db;
    const ids = longList(people);
    expect(await countQuestionsAsked(db, ids)).toEqual(new Map([[people[0], 1]]));
    expect(await countTeammateAnswers(db, { personIds: ids, localDate: '2026-11-24' })).toEqual({
      prompted: 1,
      answered: 1,
    });
    const days = await listCheckInDays(db, { personIds: ids, from: '2026-11-24', to: '2026-11-24' });
    expect(days.map((day) => day.person_id).sort((a, b) => a - b)).toEqual([people[0], people[1]]);
    expect(
      await countEffortDays(db, { personIds: ids, weekStart: '2026-11-23', weekEnd: '2026-11-29' }),
    ).toEqual(
      new Map([
        [people[0], { daysTried: 1, daysAnswered: 1, daysAsked: 1 }],
        [people[1], { daysTried: 0, daysAnswered: 0, daysAsked: 0 }],
      ]),
    );

    const checkIdList = [
      ...longList([])
        .map(String)
        .slice(0, LONG - checkInIds.length),
      ...checkInIds,
    ];
    const checkIns = await findCheckInsByIds(db, checkIdList);
    expect(checkIns.map((checkIn) => checkIn.id).sort()).toEqual([...checkInIds].sort());
  });

  it('matches nothing for an empty list, as `in` would', async () => {
    const rows = await database.current.db
      .selectFrom('people')
      .select('id')
      .where('id', '=', anyOf([], 'integer'))
      .execute();
    expect(rows).toEqual([]);
    // One parameter for the whole list, cast to the column's own type.
    const compiled = database.current.db
      .selectFrom('people')
      .select('id')
      .where('id', '=', anyOf(people, 'integer'))
      .compile();
    expect(compiled.sql).toContain('"id" = any($1::integer[])');
    expect(compiled.parameters).toEqual([people]);
  });
});

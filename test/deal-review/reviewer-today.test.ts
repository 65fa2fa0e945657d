import { beforeAll, describe, expect, it } from 'vitest';
import { findPersonById } from '../../src/db/queries/people.js';
import type { Person } from '../../src/db/schema.js';
import type { ReviewAgenda } from '../../src/domain/deal-review/agenda.js';
import { openReview, type ReviewSetup } from '../../src/domain/deal-review/service.js';
import { MovableClock } from '../support/clock.js';
import { seedPerson, seedTeam, WORKSPACE_ID } from '../support/coaching.js';
import { useTestDatabase } from '../support/database.js';

// 06:00 UTC on Thursday 26 November 2026: still Wednesday the 25th in Honolulu (UTC−10), already the
// evening of the 26th in Auckland (UTC+13), the bot's default zone here.
const NOW = '2026-11-26T06:00:00Z';
const DEFAULT_ZONE = 'Pacific/Auckland';

describe('the deal review counts from the reviewer’s local date', () => {
  const database = useTestDatabase();
  const clock = new MovableClock(NOW);
  const agendaDays: string[] = [];
  const setup: ReviewSetup = {
    defaultCurrency: 'USD',
    defaultTimeZone: DEFAULT_ZONE,
    loadAgenda: async (_db, request) => {
      agendaDays.push(request.today);
      return emptyAgenda(request.repId, request.today);
    },
  };
  const people: Record<string, Person> = {};

  beforeAll(async () => {
    const db = database.current.db;
    await db.insertInto('workspaces').values({ id: WORKSPACE_ID, enterprise_id: null }).execute();
    const seed = async (key: string, fields: Parameters<typeof seedPerson>[1]) => {
      const id = await seedPerson(db, fields);
      people[key] = (await findPersonById(db, id)) as Person;
    };
    const honolulu = await seedTeam(db, { name: 'Hawaii', timezone: 'Pacific/Honolulu' });
    await seed('hawaiiManager', { slackUserId: 'UMGRHI', isRep: false, isManager: true, teamId: honolulu });
    await db
      .updateTable('teams')
      .set({ manager_id: people.hawaiiManager!.id })
      .where('id', '=', honolulu)
      .execute();
    await seed('hawaiiRep', { slackUserId: 'UREPHI', managerId: people.hawaiiManager!.id, teamId: honolulu });
    await seed('lonerManager', { slackUserId: 'UMGRLONE', isRep: false, isManager: true });
    await seed('lonerRep', { slackUserId: 'UREPLONE', managerId: people.lonerManager!.id });
    await seed('parisManager', {
      slackUserId: 'UMGRFR',
      isRep: false,
      isManager: true,
      teamId: honolulu,
      timezone: 'Europe/Paris',
    });
  });

  const open = (reviewer: string, rep: string) =>
    openReview(database.current.db, clock, setup, {
      reviewer: people[reviewer]!,
      rep: people[rep]!,
      firstStep: 'status',
    });

  it('takes the team’s zone when the reviewer’s profile has none', async () => {
    const session = await open('hawaiiManager', 'hawaiiRep');
    expect(session.today).toBe('2026-11-25');
    expect(agendaDays.at(-1)).toBe('2026-11-25');
  });

  it('takes the bot’s default zone when the reviewer has neither a zone nor a team', async () => {
    const session = await open('lonerManager', 'lonerRep');
    expect(session.today).toBe('2026-11-26');
  });

  it('prefers the reviewer’s own zone to their team’s', async () => {
    const session = await open('parisManager', 'hawaiiRep');
    expect(session.today).toBe('2026-11-26');
  });
});

/** Only the day matters here: an agenda with nothing in it. */
function emptyAgenda(repId: number, today: string): ReviewAgenda {
  return {
    repId,
    repName: 'Rep',
    today,
    lastReview: null,
    statusReport: { currency: 'USD', periods: [], calibration: [] },
    newOpportunities: [],
    existingOpportunities: [],
    closingSoon: [],
  };
}

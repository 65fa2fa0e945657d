import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/database.js';
import {
  insertOpportunity,
  type OpportunityFields,
  updateOpportunity,
} from '../../src/db/queries/opportunities.js';
import type { OpportunityStage } from '../../src/db/schema.js';
import type { ReviewAgenda } from '../../src/domain/deal-review/agenda.js';
import { loadReviewAgenda } from '../../src/domain/deal-review/agenda-loader.js';
import { seedPerson, seedTeam, WORKSPACE_ID } from '../support/coaching.js';
import { useTestDatabase } from '../support/database.js';

const TODAY = '2026-11-23';
const DEFAULT_CURRENCY = 'USD';

const database = useTestDatabase();
let db: Db;

async function seedSales(
  personId: number,
  sales: Array<[closedOn: string, amount: string, currency: string]>,
) {
  await db
    .insertInto('sales')
    .values(
      sales.map(([closedOn, amount, currency], index) => ({
        workspace_id: WORKSPACE_ID,
        person_id: personId,
        description: `deal ${index + 1}`,
        amount,
        currency,
        account: 'Fixture',
        closed_on: closedOn,
        source: 'import' as const,
      })),
    )
    .execute();
}

async function seedReview(repId: number, managerId: number, reviewedOn: string, createdAt: string) {
  const row = await db
    .insertInto('reviews')
    .values({
      workspace_id: WORKSPACE_ID,
      rep_id: repId,
      manager_id: managerId,
      reviewed_on: reviewedOn,
      content: JSON.stringify({}),
      submission_key: `${repId}-${createdAt}`,
      created_at: createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

function deal(overrides: Partial<OpportunityFields> & { name: string }): OpportunityFields {
  return {
    account: 'Acme',
    amount: '1000.00',
    currency: 'EUR',
    stage: 'prospecting',
    expectedCloseOn: '2027-06-30',
    probability: 50,
    decisionMakers: [],
    problem: null,
    customerTimeline: null,
    buyerActions: [],
    buyerActionsNote: null,
    ...overrides,
  };
}

/** Opportunity ids by name; every change is made at an explicit instant, as the Home would at that time. */
function opportunityBook(personId: number) {
  const ids = new Map<string, string>();
  const change = (iso: string) => ({ source: 'home' as const, recordedById: personId, now: new Date(iso) });
  return {
    id: (name: string) => ids.get(name) as string,
    async create(iso: string, fields: Partial<OpportunityFields> & { name: string }) {
      const row = await insertOpportunity(
        db,
        { ...deal(fields), workspaceId: WORKSPACE_ID, personId, externalId: null },
        change(iso),
      );
      ids.set(fields.name, row.id);
    },
    async update(iso: string, name: string, fields: Partial<OpportunityFields>) {
      return updateOpportunity(db, ids.get(name) as string, fields, change(iso));
    },
  };
}

let managerId: number;
let aliceId: number;
let bobId: number;
let carolId: number;
let soloId: number;
let alice: ReturnType<typeof opportunityBook>;
let reviewTwoId: string;

beforeAll(async () => {
  db = database.current.db;
  await db.insertInto('workspaces').values({ id: WORKSPACE_ID, enterprise_id: null }).execute();
  const emea = await seedTeam(db, { name: 'EMEA' });
  await db.updateTable('teams').set({ reporting_currency: 'EUR' }).where('id', '=', emea).execute();
  managerId = await seedPerson(db, {
    slackUserId: 'UMORGAN',
    name: 'Morgan',
    isRep: false,
    isManager: true,
    teamId: emea,
  });
  await db.updateTable('teams').set({ manager_id: managerId }).where('id', '=', emea).execute();
  aliceId = await seedPerson(db, { slackUserId: 'UALICE', name: 'Alice', managerId, teamId: emea });
  bobId = await seedPerson(db, { slackUserId: 'UBOB', name: 'Bob', managerId, teamId: emea });
  carolId = await seedPerson(db, { slackUserId: 'UCAROL', name: 'Carol', managerId, teamId: emea });
  const americas = await seedTeam(db, { name: 'Americas' });
  const daveId = await seedPerson(db, { slackUserId: 'UDAVE', name: 'Dave', teamId: americas });
  const solo = await seedTeam(db, { name: 'Solo' });
  soloId = await seedPerson(db, { slackUserId: 'UERIN', name: 'Erin', teamId: solo });

  await seedSales(aliceId, [
    ['2025-12-31', '1000.00', 'EUR'], // last year
    ['2026-02-10', '1500.50', 'EUR'],
    ['2026-06-30', '700.00', 'EUR'], // Q2: the year, not the last quarter
    ['2026-07-01', '2000.10', 'EUR'], // first day of Q3
    ['2026-09-30', '300.20', 'EUR'], // last day of Q3
    ['2026-10-15', '400.30', 'EUR'],
    ['2026-10-31', '99.99', 'USD'], // a deal, but not EUR revenue
    ['2026-11-23', '250.00', 'EUR'], // today counts in the year
  ]);
  await seedSales(bobId, [
    ['2025-11-30', '9999.00', 'EUR'], // last year
    ['2026-03-01', '0.10', 'EUR'],
    ['2026-08-15', '0.20', 'EUR'], // 0.1 + 0.2 must stay 0.30
    ['2026-10-01', '1000.00', 'EUR'],
  ]);
  // Carol sells nothing but is one of the three reps the team averages over.
  await seedSales(daveId, [['2026-10-10', '50000.00', 'EUR']]); // another team
  await seedSales(soloId, [
    ['2026-10-05', '120.00', 'USD'],
    ['2026-10-06', '80.00', 'EUR'],
  ]);
});

describe('part 1: the status report', () => {
  it('puts the rep’s results next to the team average, in the team’s currency', async () => {
    const agenda = await loadReviewAgenda(db, {
      repId: aliceId,
      today: TODAY,
      defaultCurrency: DEFAULT_CURRENCY,
    });
    expect(agenda.repName).toBe('Alice');
    expect(agenda.statusReport.currency).toBe('EUR');
    expect(agenda.statusReport.periods).toEqual([
      {
        period: 'year_to_date',
        from: '2026-01-01',
        to: '2026-11-23',
        // Alice: 1500.50 + 700.00 + 2000.10 + 300.20 + 400.30 + 250.00 = 5151.10 EUR; 7 deals (the USD one too).
        rep: { revenue: '5151.10', deals: 7 },
        // Team: Alice 5151.10 + Bob (0.10 + 0.20 + 1000.00 = 1000.30) + Carol 0 = 6151.40 / 3 = 2050.466… → 2050.47;
        // deals (7 + 3 + 0) / 3 = 3.33… → 3.3.
        teamAverage: { revenue: '2050.47', deals: 3.3 },
      },
      {
        period: 'last_quarter',
        from: '2026-07-01',
        to: '2026-09-30',
        // Alice: 2000.10 + 300.20 = 2300.30; 2 deals.
        rep: { revenue: '2300.30', deals: 2 },
        // Team: (2300.30 + 0.20 + 0) / 3 = 766.833… → 766.83; deals (2 + 1 + 0) / 3 = 1.
        teamAverage: { revenue: '766.83', deals: 1 },
      },
      {
        period: 'last_month',
        from: '2026-10-01',
        to: '2026-10-31',
        // Alice: 400.30 EUR (99.99 USD is a deal, not EUR revenue); 2 deals.
        rep: { revenue: '400.30', deals: 2 },
        // Team: (400.30 + 1000.00 + 0) / 3 = 466.766… → 466.77; deals (2 + 1 + 0) / 3 = 1.
        teamAverage: { revenue: '466.77', deals: 1 },
      },
    ]);
  });

  it('averages a team of one over itself, in the default currency when the team has none', async () => {
    const agenda = await loadReviewAgenda(db, {
      repId: soloId,
      today: TODAY,
      defaultCurrency: DEFAULT_CURRENCY,
    });
    expect(agenda.statusReport.currency).toBe('USD');
    const lastMonth = agenda.statusReport.periods.find((period) => period.period === 'last_month');
    // 120.00 USD counts; 80.00 EUR is a deal without USD revenue.
    expect(lastMonth?.rep).toEqual({ revenue: '120.00', deals: 2 });
    expect(lastMonth?.teamAverage).toEqual({ revenue: '120.00', deals: 2 });
    const lastQuarter = agenda.statusReport.periods.find((period) => period.period === 'last_quarter');
    expect(lastQuarter?.rep).toEqual({ revenue: '0.00', deals: 0 });
    expect(lastQuarter?.teamAverage).toEqual({ revenue: '0.00', deals: 0 });
  });
});

describe('part 1 without a team', () => {
  it('has no team average for a rep with no team and no manager, rather than their own figures', async () => {
    const loneId = await seedPerson(db, { slackUserId: 'ULONE', name: 'Lone' });
    await seedSales(loneId, [['2026-10-07', '300.00', 'USD']]);
    const agenda = await loadReviewAgenda(db, { repId: loneId, today: TODAY, defaultCurrency: 'USD' });
    const lastMonth = agenda.statusReport.periods.find((period) => period.period === 'last_month');
    expect(lastMonth?.rep).toEqual({ revenue: '300.00', deals: 1 });
    expect(agenda.statusReport.periods.map((period) => period.teamAverage)).toEqual([null, null, null]);
  });
});

describe('parts 2 to 4: opportunity history across two reviews', () => {
  let agenda: ReviewAgenda;

  beforeAll(async () => {
    alice = opportunityBook(aliceId);
    const bob = opportunityBook(bobId);

    // Before review 1 (15 Sep).
    await alice.create('2026-06-01T09:00:00Z', {
      name: 'Lost early',
      stage: 'proposal',
      expectedCloseOn: '2026-10-15',
    });
    await alice.create('2026-07-10T09:00:00Z', {
      name: 'Won',
      stage: 'negotiation',
      expectedCloseOn: '2026-11-10',
    });
    await alice.create('2026-08-01T09:00:00Z', {
      name: 'Moved',
      stage: 'qualified',
      expectedCloseOn: '2026-11-30',
    });
    await alice.create('2026-08-05T09:00:00Z', {
      name: 'Pushed',
      stage: 'proposal',
      expectedCloseOn: '2026-10-31',
    });
    await seedReview(aliceId, managerId, '2026-09-15', '2026-09-15T15:00:00Z');

    // Between the reviews.
    await alice.create('2026-10-01T09:00:00Z', {
      name: 'Unchanged',
      stage: 'discovery',
      amount: '5000',
      expectedCloseOn: '2027-03-01',
    });
    await alice.update('2026-10-01T10:00:00Z', 'Moved', { stage: 'discovery' });
    await alice.update('2026-10-05T10:00:00Z', 'Lost early', { stage: 'lost' });
    await alice.update('2026-10-10T10:00:00Z', 'Pushed', { expectedCloseOn: '2026-11-15' }); // a push before review 2
    reviewTwoId = await seedReview(aliceId, managerId, '2026-10-20', '2026-10-20T15:00:00Z');

    // Since review 2.
    await alice.update('2026-11-01T10:00:00Z', 'Pushed', { expectedCloseOn: '2026-12-15' }); // push
    await alice.update('2026-11-02T10:00:00Z', 'Moved', { stage: 'proposal' });
    await alice.create('2026-11-03T09:00:00Z', {
      name: 'New',
      stage: 'prospecting',
      expectedCloseOn: '2026-12-23',
    });
    await alice.update('2026-11-05T10:00:00Z', 'Unchanged', { amount: '5000.00', stage: 'discovery' }); // no change
    await alice.update('2026-11-08T10:00:00Z', 'Won', { stage: 'won' });
    await alice.update('2026-11-10T10:00:00Z', 'Pushed', { expectedCloseOn: '2026-12-01' }); // earlier: no push
    await alice.update('2026-11-20T10:00:00Z', 'Pushed', { expectedCloseOn: '2026-12-24' }); // push
    // Held today: "the last review" is the one before today.
    await seedReview(aliceId, managerId, TODAY, '2026-11-23T08:00:00Z');
    await bob.create('2026-11-04T09:00:00Z', { name: 'Bob’s deal', expectedCloseOn: '2026-12-01' });

    await db
      .insertInto('commitments')
      .values([
        {
          workspace_id: WORKSPACE_ID,
          review_id: reviewTwoId,
          rep_id: aliceId,
          owner_id: managerId,
          position: 2,
          text: 'Join the call with Acme’s CFO',
          due_on: '2026-11-05',
          status: 'done',
        },
        {
          workspace_id: WORKSPACE_ID,
          review_id: reviewTwoId,
          rep_id: aliceId,
          owner_id: aliceId,
          position: 1,
          text: 'Send the proposal to Acme',
          due_on: '2026-10-30',
        },
      ])
      .execute();

    agenda = await loadReviewAgenda(db, { repId: aliceId, today: TODAY, defaultCurrency: DEFAULT_CURRENCY });
  });

  const names = (opportunities: Array<{ name: string }>) =>
    opportunities.map((opportunity) => opportunity.name);

  it('looks back to the latest review before today, with its commitments in order', () => {
    expect(agenda.lastReview).toEqual({
      id: reviewTwoId,
      reviewedOn: '2026-10-20',
      commitments: [
        {
          id: expect.any(String),
          text: 'Send the proposal to Acme',
          ownerId: aliceId,
          ownerName: 'Alice',
          dueOn: '2026-10-30',
          status: 'open',
        },
        {
          id: expect.any(String),
          text: 'Join the call with Acme’s CFO',
          ownerId: managerId,
          ownerName: 'Morgan',
          dueOn: '2026-11-05',
          status: 'done',
        },
      ],
    });
  });

  it('part 2 lists the open deals created since the last review', () => {
    expect(names(agenda.newOpportunities)).toEqual(['New']);
  });

  it('part 3 compares the deals open at the last review with now', () => {
    expect(
      agenda.existingOpportunities.map((movement) => ({
        name: movement.opportunity.name,
        stageThen: movement.stageThen,
        stageNow: movement.opportunity.stage,
        closeOnThen: movement.closeOnThen,
        closeOnNow: movement.opportunity.expectedCloseOn,
        movedForward: movement.movedForward,
        pushesSinceLastReview: movement.pushesSinceLastReview,
        closeDatePushes: movement.opportunity.closeDatePushes,
      })),
    ).toEqual([
      // Soonest current close date first. 'Lost early' closed before review 2: not part of it.
      {
        name: 'Won',
        stageThen: 'negotiation',
        stageNow: 'won',
        closeOnThen: '2026-11-10',
        closeOnNow: '2026-11-10',
        movedForward: true,
        pushesSinceLastReview: 0,
        closeDatePushes: 0,
      },
      {
        name: 'Moved',
        stageThen: 'discovery',
        stageNow: 'proposal',
        closeOnThen: '2026-11-30',
        closeOnNow: '2026-11-30',
        movedForward: true,
        pushesSinceLastReview: 0,
        closeDatePushes: 0,
      },
      {
        // 15 Nov → 15 Dec (push) → 1 Dec (earlier) → 24 Dec (push): two since review 2, three in all.
        name: 'Pushed',
        stageThen: 'proposal',
        stageNow: 'proposal',
        closeOnThen: '2026-11-15',
        closeOnNow: '2026-12-24',
        movedForward: false,
        pushesSinceLastReview: 2,
        closeDatePushes: 3,
      },
      {
        name: 'Unchanged',
        stageThen: 'discovery',
        stageNow: 'discovery',
        closeOnThen: '2027-03-01',
        closeOnNow: '2027-03-01',
        movedForward: false,
        pushesSinceLastReview: 0,
        closeDatePushes: 0,
      },
    ]);
  });

  it('part 4 lists the open deals closing today through today + 30 days', () => {
    // 2026-11-23 + 30 days = 2026-12-23: 'New' on that day is in, 'Pushed' on 24 Dec is not, 'Won' is closed.
    expect(names(agenda.closingSoon)).toEqual(['Moved', 'New']);
    expect(agenda.closingSoon[0]).toMatchObject({ amount: '1000.00', currency: 'EUR', probability: 50 });
  });

  it('shows every open deal as new, and nothing as pre-existing, before a rep’s first review', async () => {
    const first = await loadReviewAgenda(db, {
      repId: bobId,
      today: TODAY,
      defaultCurrency: DEFAULT_CURRENCY,
    });
    expect(first.lastReview).toBeNull();
    expect(names(first.newOpportunities)).toEqual(['Bob’s deal']);
    expect(first.existingOpportunities).toEqual([]);
    expect(names(first.closingSoon)).toEqual(['Bob’s deal']);
  });
});

describe('calibration', () => {
  it('compares the probabilities stated in reviews with what closed', async () => {
    const carol = opportunityBook(carolId);
    const forecasts: Array<[name: string, stated: number, outcome: OpportunityStage]> = [
      ['Eighty A', 78, 'won'],
      ['Eighty B', 80, 'lost'],
      ['Eighty C', 84, 'lost'],
      ['Eighty D', 75, 'lost'],
      ['Eighty-five', 85, 'lost'],
      ['Still open', 90, 'negotiation'],
    ];
    for (const [name] of forecasts) {
      await carol.create('2026-09-01T09:00:00Z', {
        name,
        stage: 'negotiation',
        expectedCloseOn: '2026-11-15',
      });
    }
    await carol.create('2026-09-01T09:00:00Z', {
      name: 'Restated',
      stage: 'proposal',
      expectedCloseOn: '2026-11-15',
    });
    const september = await seedReview(carolId, managerId, '2026-09-10', '2026-09-10T15:00:00Z');
    const october = await seedReview(carolId, managerId, '2026-10-12', '2026-10-12T15:00:00Z');
    const forecast = (reviewId: string, name: string, probability: number) => ({
      review_id: reviewId,
      opportunity_id: carol.id(name),
      probability,
      amount: '1000.00',
    });
    await db
      .insertInto('review_forecasts')
      .values([
        forecast(september, 'Restated', 40),
        forecast(october, 'Restated', 60),
        ...forecasts.map(([name, stated]) => forecast(october, name, stated)),
      ])
      .execute();

    const request = { repId: carolId, today: TODAY, defaultCurrency: DEFAULT_CURRENCY };
    const before = await loadReviewAgenda(db, request);
    expect(before.statusReport.calibration).toEqual([]);

    for (const [name, , outcome] of forecasts)
      await carol.update('2026-11-16T09:00:00Z', name, { stage: outcome });
    await carol.update('2026-11-16T09:00:00Z', 'Restated', { stage: 'won' });

    const after = await loadReviewAgenda(db, request);
    expect(after.statusReport.calibration).toEqual([
      // Restated: the latest forecast (60 %, not 40 %) counts; won.
      { stated: 60, decided: 1, won: 1 },
      // 78, 80, 84 and 75 round to 80: one of four won.
      { stated: 80, decided: 4, won: 1 },
      // 85 rounds up to 90; lost. 'Still open' (90 %) has no outcome yet.
      { stated: 90, decided: 1, won: 0 },
    ]);
  });
});

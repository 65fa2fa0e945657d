import { beforeAll, describe, expect, it } from 'vitest';
import { importOpportunities, OpportunityImportError } from '../../src/domain/opportunities/import.js';
import { seedPerson } from '../support/coaching.js';
import { useRosterWorld, WORKSPACE_ID } from '../support/roster.js';

const HEADER = 'external_id,rep,account,name,amount,currency,stage,expected_close_on,probability';

describe('importOpportunities', () => {
  const world = useRosterWorld([
    { id: 'UREP1', real_name: 'Rita Rep', profile: { email: 'rita@acme.test' } },
    { id: 'UMGR', real_name: 'Maya Manager' },
  ]);
  let ritaId: number;

  const run = (lines: string[]) =>
    importOpportunities(world.db, world.clock, world.directory, WORKSPACE_ID, `${lines.join('\n')}\n`);
  const stored = async () => ({
    opportunities: await world.db.selectFrom('opportunities').selectAll().orderBy('id').execute(),
    revisions: await world.db.selectFrom('opportunity_revisions').selectAll().orderBy('id').execute(),
  });

  beforeAll(async () => {
    ritaId = await seedPerson(world.db, { slackUserId: 'UREP1', name: 'Rita Rep' });
    await seedPerson(world.db, { slackUserId: 'UMGR', name: 'Maya Manager', isRep: false, isManager: true });
  });

  const FILE = [
    `${HEADER},problem,decision_makers`,
    'CRM-1,UREP1,Acme,40 seats,"12,000",eur,Proposal,2026-12-15,60,Quotes take a week,Dana — CFO — payback; Lee — IT',
    'CRM-2,rita@acme.test,Globex,Pilot,500,USD,qualified,2027-01-31,20,,',
    'CRM-3,UMGR,Initech,Renewal,100,USD,proposal,2026-12-01,50,,',
    'CRM-4,UNOBODY,Umbrella,Upsell,100,USD,proposal,2026-12-01,50,,',
    'CRM-5,UREP1,Hooli,Expansion,-3,USD,closing,2026-12-01,150,,',
    'CRM-1,UREP1,Acme,again,1,USD,won,2026-12-01,100,,',
    'CRM-6,UREP1,Too few columns',
    ',UREP1,Acme,no id,1,USD,won,2026-12-01,100,,',
  ];

  it('creates each new deal with a revision from the import, and says why the others were refused', async () => {
    world.clock.set('2026-11-23T10:00:00Z');
    const report = await run(FILE);
    expect(report.created.map((line) => [line.line, line.externalId, line.rep])).toEqual([
      [2, 'CRM-1', 'UREP1'],
      [3, 'CRM-2', 'UREP1'],
    ]);
    expect(report.updated).toEqual([]);
    expect(report.unchanged).toEqual([]);
    expect(report.rejected.map((line) => [line.line, line.reason])).toEqual([
      [4, 'rep: on the roster, but not as a rep'],
      [5, 'rep: not on the roster'],
      [
        6,
        "amount: The amount can't be negative. stage: Pick a stage: Prospecting, Qualified, Discovery, Proposal, Negotiation, Won, Lost. probability: Enter a whole number from 0 to 100.",
      ],
      [7, 'duplicate of line 2'],
      [
        8,
        'malformed line: expected 11 columns (external_id,rep,account,name,amount,currency,stage,expected_close_on,probability,problem,decision_makers), found 3',
      ],
      [9, 'no external_id'],
    ]);

    const { opportunities, revisions } = await stored();
    expect(opportunities).toMatchObject([
      {
        external_id: 'CRM-1',
        person_id: ritaId,
        amount: '12000.00',
        currency: 'EUR',
        stage: 'proposal',
        problem: 'Quotes take a week',
        decision_makers: [
          { name: 'Dana', role: 'CFO', buying_criteria: 'payback' },
          { name: 'Lee', role: 'IT', buying_criteria: null },
        ],
      },
      { external_id: 'CRM-2', person_id: ritaId, problem: null, decision_makers: [] },
    ]);
    expect(revisions.map((revision) => [revision.source, revision.recorded_by_id])).toEqual([
      ['import', null],
      ['import', null],
    ]);
  });

  it('changes nothing when the same file runs again', async () => {
    const before = await stored();
    world.clock.set('2026-11-24T10:00:00Z');
    const report = await run(FILE);
    expect(report.created).toEqual([]);
    expect(report.updated).toEqual([]);
    expect(report.unchanged.map((line) => line.externalId)).toEqual(['CRM-1', 'CRM-2']);
    expect(await stored()).toEqual(before);
  });

  it('updates a changed line with one revision, keeping what a missing column does not say', async () => {
    world.clock.set('2026-11-25T10:00:00Z');
    const report = await run([HEADER, 'CRM-1,UREP1,Acme,40 seats,12000,EUR,negotiation,2027-01-10,70']);
    expect(report.updated.map((line) => line.externalId)).toEqual(['CRM-1']);
    const { opportunities, revisions } = await stored();
    expect(opportunities[0]).toMatchObject({
      stage: 'negotiation',
      expected_close_on: '2027-01-10',
      close_date_pushes: 1,
      // Not columns of this file: left as the first import stored them.
      problem: 'Quotes take a week',
      decision_makers: [expect.objectContaining({ name: 'Dana' }), expect.objectContaining({ name: 'Lee' })],
    });
    expect(revisions.at(-1)).toMatchObject({
      source: 'import',
      stage: 'negotiation',
      recorded_at: new Date('2026-11-25T10:00:00Z'),
    });
    expect(revisions).toHaveLength(3);
  });

  it.each([
    ['', /^The file has no lines to import\./],
    ['external_id,rep,account\nCRM-1,UREP1,Acme', /^Line 1 lacks name, amount, currency/],
    [`${HEADER},owner`, /^Line 1 has a column "owner" the import does not know\./],
    [`${HEADER},problem,Problem`, /^Line 1 has the column problem twice\./],
  ])('refuses a file whose header is wrong (%j), writing nothing', async (text, message) => {
    const before = await stored();
    const attempt = importOpportunities(world.db, world.clock, world.directory, WORKSPACE_ID, text);
    await expect(attempt).rejects.toThrow(OpportunityImportError);
    await expect(attempt).rejects.toThrow(message);
    expect(await stored()).toEqual(before);
  });
});

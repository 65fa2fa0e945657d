import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/database.js';
import {
  insertOpportunity,
  listOpenOpportunities,
  type OpportunityChange,
  type OpportunityFields,
  updateOpportunity,
} from '../../src/db/queries/opportunities.js';
import { seedPerson, WORKSPACE_ID } from '../support/coaching.js';
import { useTestDatabase } from '../support/database.js';

const database = useTestDatabase();
let db: Db;
let repId: number;

const FIELDS: OpportunityFields = {
  account: 'Acme',
  name: '40 seats',
  amount: '12000',
  currency: 'EUR',
  stage: 'discovery',
  expectedCloseOn: '2026-12-15',
  probability: 40,
  decisionMakers: [{ name: 'Dana', role: 'CFO', buying_criteria: 'payback within a year' }],
  problem: 'Quotes take a week',
  customerTimeline: 'Board meets in December',
  buyerActions: ['shared_problem', 'ran_evaluation'],
  buyerActionsNote: null,
};

const at = (iso: string, source: OpportunityChange['source'] = 'home'): OpportunityChange => ({
  source,
  recordedById: repId,
  now: new Date(iso),
});

function revisionsOf(id: string) {
  return db
    .selectFrom('opportunity_revisions')
    .select(['recorded_at', 'source', 'stage', 'amount', 'expected_close_on', 'probability'])
    .where('opportunity_id', '=', id)
    .orderBy('id')
    .execute();
}

beforeAll(async () => {
  db = database.current.db;
  await db.insertInto('workspaces').values({ id: WORKSPACE_ID, enterprise_id: null }).execute();
  repId = await seedPerson(db, { slackUserId: 'UREP', name: 'Rita' });
});

async function create(iso = '2026-11-01T09:00:00Z') {
  return insertOpportunity(
    db,
    { ...FIELDS, workspaceId: WORKSPACE_ID, personId: repId, externalId: null },
    at(iso),
  );
}

describe('insertOpportunity', () => {
  it('stores the deal with its first revision', async () => {
    const created = await create();
    expect(created).toMatchObject({
      amount: '12000.00',
      decision_makers: FIELDS.decisionMakers,
      buyer_actions: ['shared_problem', 'ran_evaluation'],
      close_date_pushes: 0,
      closed_at: null,
      stage_changed_at: new Date('2026-11-01T09:00:00Z'),
    });
    expect(await revisionsOf(created.id)).toEqual([
      {
        recorded_at: new Date('2026-11-01T09:00:00Z'),
        source: 'home',
        stage: 'discovery',
        amount: '12000.00',
        expected_close_on: '2026-12-15',
        probability: 40,
      },
    ]);
  });
});

describe('insertOpportunity with a submission key', () => {
  const submitted = (submissionKey: string, account: string, iso: string) =>
    insertOpportunity(
      db,
      { ...FIELDS, account, workspaceId: WORKSPACE_ID, personId: repId, externalId: null, submissionKey },
      at(iso),
    );
  const storedWithKey = (submissionKey: string) =>
    db.selectFrom('opportunities').selectAll().where('submission_key', '=', submissionKey).execute();

  it('stores one deal for the same submission twice, and returns that deal the second time', async () => {
    const first = await submitted('view:VTWICE', 'Twice Ltd', '2026-11-01T09:00:00Z');
    const again = await submitted('view:VTWICE', 'Twice Ltd', '2026-11-01T09:00:05Z');
    expect(again).toEqual(first);
    expect(await storedWithKey('view:VTWICE')).toHaveLength(1);
    expect(await revisionsOf(first.id)).toHaveLength(1);
  });

  it('stores one deal for the same submission sent twice at once', async () => {
    const both = await Promise.all([
      submitted('view:VRACE', 'Race Ltd', '2026-11-01T09:00:00Z'),
      submitted('view:VRACE', 'Race Ltd', '2026-11-01T09:00:00Z'),
    ]);
    expect(both[0].id).toBe(both[1].id);
    expect(await storedWithKey('view:VRACE')).toHaveLength(1);
    expect(await revisionsOf(both[0].id)).toHaveLength(1);
  });

  it('keeps deals without a key apart', async () => {
    const [one, two] = [await create(), await create()];
    expect(one.id).not.toBe(two.id);
    expect([one.submission_key, two.submission_key]).toEqual([null, null]);
  });
});

describe('updateOpportunity', () => {
  it('writes nothing when every field says what is stored already', async () => {
    const created = await create();
    const result = await updateOpportunity(
      db,
      created.id,
      // The same deal as typed again: amount without cents, decision maker keys in another order.
      {
        ...FIELDS,
        amount: '12000.0',
        decisionMakers: [{ buying_criteria: 'payback within a year', role: 'CFO', name: 'Dana' }],
      },
      at('2026-11-02T09:00:00Z'),
    );
    expect(result?.changed).toBe(false);
    expect(result?.opportunity.updated_at).toEqual(created.updated_at);
    expect(await revisionsOf(created.id)).toHaveLength(1);
  });

  it('counts a later close date as a push, and an earlier one not', async () => {
    const created = await create();
    const later = await updateOpportunity(
      db,
      created.id,
      { expectedCloseOn: '2027-01-10' },
      at('2026-11-02T09:00:00Z'),
    );
    expect(later?.opportunity.close_date_pushes).toBe(1);
    const earlier = await updateOpportunity(
      db,
      created.id,
      { expectedCloseOn: '2026-12-20' },
      at('2026-11-03T09:00:00Z'),
    );
    expect(earlier?.opportunity.close_date_pushes).toBe(1);
    expect(earlier?.opportunity.stage_changed_at).toEqual(new Date('2026-11-01T09:00:00Z'));
    expect((await revisionsOf(created.id)).map((revision) => revision.expected_close_on)).toEqual([
      '2026-12-15',
      '2027-01-10',
      '2026-12-20',
    ]);
  });

  it('restarts the stage clock on a new stage and stamps a win as closed', async () => {
    const created = await create();
    const moved = await updateOpportunity(db, created.id, { stage: 'proposal' }, at('2026-11-04T09:00:00Z'));
    expect(moved?.opportunity).toMatchObject({
      stage_changed_at: new Date('2026-11-04T09:00:00Z'),
      closed_at: null,
    });
    const won = await updateOpportunity(
      db,
      created.id,
      { stage: 'won', probability: 100 },
      at('2026-11-05T09:00:00Z', 'import'),
    );
    expect(won?.opportunity).toMatchObject({
      stage_changed_at: new Date('2026-11-05T09:00:00Z'),
      closed_at: new Date('2026-11-05T09:00:00Z'),
    });
    // Only the probability changes: the deal stays closed when it was.
    const restated = await updateOpportunity(
      db,
      created.id,
      { stage: 'won', probability: 90 },
      at('2026-11-06T09:00:00Z'),
    );
    expect(restated?.opportunity.closed_at).toEqual(new Date('2026-11-05T09:00:00Z'));
    const revisions = await revisionsOf(created.id);
    expect(revisions.map((revision) => [revision.source, revision.stage, revision.probability])).toEqual([
      ['home', 'discovery', 40],
      ['home', 'proposal', 40],
      ['import', 'won', 100],
      ['home', 'won', 90],
    ]);
  });

  it('moves the version on with each change, and not when nothing changed', async () => {
    const created = await create();
    expect(created.version).toBe(1);
    const moved = await updateOpportunity(db, created.id, { stage: 'proposal' }, at('2026-11-02T09:00:00Z'));
    expect(moved?.opportunity.version).toBe(2);
    const same = await updateOpportunity(db, created.id, { stage: 'proposal' }, at('2026-11-03T09:00:00Z'));
    expect(same).toMatchObject({ changed: false, stale: false, opportunity: { version: 2 } });
  });

  it('writes nothing over a version newer than `ifVersion`, and says it is stale', async () => {
    const created = await create();
    // Another change lands at the same instant: a timestamp could not tell the two versions apart.
    await updateOpportunity(db, created.id, { stage: 'proposal' }, at('2026-11-01T09:00:00Z'));
    const stale = await updateOpportunity(
      db,
      created.id,
      { stage: 'discovery', amount: '20000' },
      at('2026-11-01T09:00:00Z'),
      { ifVersion: created.version },
    );
    expect(stale).toMatchObject({
      changed: false,
      stale: true,
      opportunity: { stage: 'proposal', amount: '12000.00', version: 2 },
    });
    expect((await revisionsOf(created.id)).map((revision) => revision.stage)).toEqual([
      'discovery',
      'proposal',
    ]);
  });

  it('saves over the version given, and calls the same fields again unchanged rather than stale', async () => {
    const created = await create();
    const saved = await updateOpportunity(db, created.id, { amount: '15000' }, at('2026-11-02T09:00:00Z'), {
      ifVersion: created.version,
    });
    expect(saved).toMatchObject({
      changed: true,
      stale: false,
      opportunity: { amount: '15000.00', version: 2 },
    });
    // The same form submitted again (a late ack): what it says is stored already.
    const again = await updateOpportunity(db, created.id, { amount: '15000' }, at('2026-11-02T09:00:05Z'), {
      ifVersion: created.version,
    });
    expect(again).toMatchObject({ changed: false, stale: false, opportunity: { version: 2 } });
    expect(await revisionsOf(created.id)).toHaveLength(2);
  });

  it('says so when the deal does not exist', async () => {
    expect(
      await updateOpportunity(db, '999999', { stage: 'won' }, at('2026-11-05T09:00:00Z')),
    ).toBeUndefined();
  });
});

describe('listOpenOpportunities', () => {
  it('returns the first `limit` open deals, closing soonest first, and counts every open one', async () => {
    const personId = await seedPerson(db, { slackUserId: 'ULIST', name: 'Lena' });
    const add = (expectedCloseOn: string, stage: OpportunityFields['stage'] = 'discovery') =>
      insertOpportunity(
        db,
        { ...FIELDS, expectedCloseOn, stage, workspaceId: WORKSPACE_ID, personId, externalId: null },
        at('2026-11-01T09:00:00Z'),
      );
    await add('2026-12-20');
    const soonest = await add('2026-12-01');
    const next = await add('2026-12-10');
    await add('2026-11-20', 'won');

    const listed = await listOpenOpportunities(db, personId, 2);
    expect(listed.total).toBe(3);
    expect(listed.opportunities.map((deal) => deal.id)).toEqual([soonest.id, next.id]);
    expect(listed.opportunities[0]).toEqual(soonest);
    expect(await listOpenOpportunities(db, repId + 1_000_000, 2)).toEqual({ opportunities: [], total: 0 });
  });

  it('returns the page at `offset`, deals closing the same day by id, with the same total', async () => {
    const personId = await seedPerson(db, { slackUserId: 'UPAGE', name: 'Paula' });
    const add = (expectedCloseOn: string) =>
      insertOpportunity(
        db,
        { ...FIELDS, expectedCloseOn, workspaceId: WORKSPACE_ID, personId, externalId: null },
        at('2026-11-01T09:00:00Z'),
      );
    const later = await add('2026-12-20');
    const sameDay = [await add('2026-12-01'), await add('2026-12-01'), await add('2026-12-01')];
    const pages = [
      await listOpenOpportunities(db, personId, 2, 0),
      await listOpenOpportunities(db, personId, 2, 2),
    ];
    expect(pages.map((page) => page.total)).toEqual([4, 4]);
    expect(pages.flatMap((page) => page.opportunities.map((deal) => deal.id))).toEqual([
      ...sameDay.map((deal) => deal.id),
      later.id,
    ]);
    expect(await listOpenOpportunities(db, personId, 2, 4)).toEqual({ opportunities: [], total: 0 });
  });
});

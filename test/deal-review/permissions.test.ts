import { beforeAll, describe, expect, it } from 'vitest';
import { resolveReviewRequest } from '../../src/domain/deal-review/permissions.js';
import { addRep } from '../../src/domain/roster/service.js';
import { useRosterWorld } from '../support/roster.js';

const world = useRosterWorld([
  { id: 'UADMIN', real_name: 'Ada Admin', is_admin: true },
  { id: 'UMGRA', real_name: 'Maya Manager' },
  { id: 'UMGRB', real_name: 'Boris Manager' },
  { id: 'UREP1', real_name: 'Rita Rep' },
  { id: 'UREP2', real_name: 'Sam Rep' },
  { id: 'UNOMGR', real_name: 'Nina Nomanager' },
]);

/** Who may review a rep is said as the roster says who may change one. */
describe('deal review refusals', () => {
  beforeAll(async () => {
    const admin = await world.actor('UADMIN');
    const add = (repUserId: string, managerUserId?: string) =>
      addRep(world.db, world.clock, world.directory, admin, {
        repUserId,
        ...(managerUserId ? { managerUserId } : {}),
      });
    await add('UREP1', 'UMGRA');
    await add('UREP2', 'UMGRB');
    await add('UNOMGR');
  });

  const review = async (reviewer: string, rep: string | undefined) =>
    resolveReviewRequest(world.db, await world.actor(reviewer), rep);

  it('names the rep’s manager, worded as the roster’s refusals', async () => {
    await expect(review('UMGRB', 'UREP1')).rejects.toThrow(
      'Only their manager <@UMGRA> or an admin can review <@UREP1>.',
    );
  });

  it('names the admins for a rep without a manager', async () => {
    await expect(review('UMGRB', 'UNOMGR')).rejects.toThrow(
      'Only an admin can review <@UNOMGR>: they have no manager. Ask an admin (<@UADMIN>) or a Slack workspace admin.',
    );
    expect(await review('UADMIN', 'UNOMGR')).toMatchObject({
      kind: 'review',
      rep: { slack_user_id: 'UNOMGR' },
    });
  });

  it('tells someone not on the roster so, and names the admins who can add them', async () => {
    for (const rep of [undefined, 'UREP1']) {
      await expect(review('USTRANGER', rep)).rejects.toThrow(
        "Only a rep’s manager or an admin can run a deal review. You are not on the roster: ask an admin (<@UADMIN>) or a Slack workspace admin to add you as your reps' manager.",
      );
    }
  });

  it('says a manager can add someone who is not a rep yet, not only an admin', async () => {
    await expect(review('UMGRA', 'UNOBODY')).rejects.toThrow(
      '<@UNOBODY> is not a rep on the roster, so there is nothing to review. A manager or an admin can add them with `/coach add <@UNOBODY>`.',
    );
  });
});

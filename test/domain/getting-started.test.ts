import { describe, expect, it } from 'vitest';
import { setupProgress } from '../../src/domain/roster/getting-started.js';

const team = (name: string, managerSlackUserId: string | null, standingsChannelId: string | null) => ({
  name,
  managerSlackUserId,
  standingsChannelId,
});

describe('the first setup’s progress', () => {
  it('has nothing done on an empty roster: no team means no team has its manager or channel yet', () => {
    expect(setupProgress([], false)).toEqual({
      done: { team: false, manager: false, channel: false, reps: false },
      teamsWithoutManager: [],
      teamsWithoutChannel: [],
    });
  });

  it('counts a step done only when every team has taken it, and says which have not', () => {
    expect(
      setupProgress(
        [team('EMEA', 'UMGR', null), team('APAC', null, 'C0STAND'), team('LATAM', null, null)],
        true,
      ),
    ).toEqual({
      done: { team: true, manager: false, channel: false, reps: true },
      teamsWithoutManager: ['APAC', 'LATAM'],
      teamsWithoutChannel: ['EMEA', 'LATAM'],
    });
    expect(setupProgress([team('EMEA', 'UMGR', 'C0STAND')], false)?.done).toEqual({
      team: true,
      manager: true,
      channel: true,
      reps: false,
    });
  });

  it('is over once every step is done', () => {
    expect(
      setupProgress([team('EMEA', 'UMGR', 'C0STAND'), team('APAC', 'UMGR2', 'C0APAC')], true),
    ).toBeUndefined();
  });
});

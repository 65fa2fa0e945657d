import type { TeamSummary } from './listing.js';

/**
 * A workspace's first setup, in the order an admin has to take it: nothing is sent until a rep exists,
 * the digest needs a manager, and the weekly standings need a channel.
 */
export const SETUP_STEPS = ['team', 'manager', 'channel', 'reps'] as const;
export type SetupStep = (typeof SETUP_STEPS)[number];

export interface SetupProgress {
  done: Record<SetupStep, boolean>;
  /** The teams the manager step is still open for, by name, in the order the roster lists them. */
  teamsWithoutManager: string[];
  /** The teams the channel step is still open for, likewise. */
  teamsWithoutChannel: string[];
}

/**
 * How far the first setup got, from the admin's list of teams and whether any rep exists; undefined
 * once every step is done, so the checklist goes away by itself. "Every team has a manager" is not
 * done while there is no team: step 2 cannot be ticked before step 1.
 */
export function setupProgress(
  teams: readonly Pick<TeamSummary, 'name' | 'managerSlackUserId' | 'standingsChannelId'>[],
  anyRep: boolean,
): SetupProgress | undefined {
  const teamsWithoutManager = teams.filter((team) => team.managerSlackUserId === null).map((t) => t.name);
  const teamsWithoutChannel = teams.filter((team) => team.standingsChannelId === null).map((t) => t.name);
  const team = teams.length > 0;
  const done = {
    team,
    manager: team && teamsWithoutManager.length === 0,
    channel: team && teamsWithoutChannel.length === 0,
    reps: anyRep,
  };
  if (SETUP_STEPS.every((step) => done[step])) return undefined;
  return { done, teamsWithoutManager, teamsWithoutChannel };
}

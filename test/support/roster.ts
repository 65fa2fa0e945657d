import { afterAll, beforeAll } from 'vitest';
import type { Db } from '../../src/db/database.js';
import type { Clock } from '../../src/domain/clock.js';
import { type Actor, identifyActor } from '../../src/domain/roster/actor.js';
import type { ChannelDirectory } from '../../src/domain/roster/channels.js';
import type { PeopleDirectory } from '../../src/domain/roster/directory.js';
import { registerWorkspace } from '../../src/domain/workspaces/service.js';
import { tokenCipher } from '../../src/domain/workspaces/token-cipher.js';
import { slackChannelDirectory, slackPeopleDirectory } from '../../src/slack/directory.js';
import { webClientsByToken } from '../../src/slack/web-client-options.js';
import { workspaceClients } from '../../src/slack/workspace-clients.js';
import { useTestDatabase } from './database.js';
import { SlackStandIn, type StandInUserInput } from './slack-stand-in/index.js';

export const WORKSPACE_ID = 'T0001';

/** Everything roster domain tests need: a fresh database with the stand-in's workspace, the stand-in, the real directory over it. */
export interface RosterWorld {
  db: Db;
  standIn: SlackStandIn;
  directory: PeopleDirectory;
  /** The real channel look-up (conversations.info) over the stand-in. */
  channels: ChannelDirectory;
  clock: Clock & { set(iso: string): void };
  /** Who is asking, resolved the way the bot does (a Slack workspace admin becomes an admin). */
  actor(slackUserId: string): Promise<Actor>;
}

export function useRosterWorld(users: StandInUserInput[]): RosterWorld {
  const database = useTestDatabase();
  const world = {} as RosterWorld;
  let now = new Date('2026-11-23T10:00:00Z');
  world.clock = {
    now: () => now,
    set: (iso) => {
      now = new Date(iso);
    },
  };
  beforeAll(async () => {
    world.db = database.current.db;
    world.standIn = await SlackStandIn.start();
    for (const user of users) world.standIn.addUser(user);
    const clients = workspaceClients({
      authorization: { kind: 'single-workspace', botToken: 'xoxb-roster-test' },
      db: world.db,
      cipher: tokenCipher([]),
      clientFor: webClientsByToken({ slackApiUrl: world.standIn.apiUrl, retryConfig: { retries: 0 } }),
    });
    world.directory = slackPeopleDirectory(clients);
    world.channels = slackChannelDirectory(clients);
    await registerWorkspace(world.db, world.clock, {
      teamId: WORKSPACE_ID,
      enterpriseId: undefined,
      name: 'Acme',
    });
    world.actor = (slackUserId) =>
      identifyActor(world.db, world.clock, world.directory, WORKSPACE_ID, slackUserId);
  });
  afterAll(async () => {
    await world.standIn?.stop();
  });
  return world;
}

import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { upsertWorkspace } from '../../src/db/queries/workspaces.js';
import { STANDINGS_METADATA_EVENT } from '../../src/slack/standings-channel.js';
import { eventually, seedPerson, seedTeam, WORKSPACE_ID } from '../support/coaching.js';
import { promptDueOneMinuteAgo } from '../support/due-now.js';
import { botStarted, useReplicaScenarios } from '../support/replicas.js';
import { backdatePerson, seedSale } from '../support/standings.js';

const CHANNELS = ['CREPLICA1', 'CREPLICA2', 'CREPLICA3'];

/**
 * Three bot processes on one database, started together so their first tick lands in the same
 * moment, just after the teams' posting minute: each team's week is posted exactly once.
 */
describe('replicas posting the weekly standings', () => {
  const scenario = useReplicaScenarios();

  it('three processes ticking at the posting minute: one post and one chart per team', async () => {
    const current = await scenario();
    const { db } = current.database;
    const now = new Date();
    await upsertWorkspace(db, { id: WORKSPACE_ID, enterpriseId: null, name: 'Stand-in Workspace' }, now);
    // Today, one minute ago, local to a zone where that minute is still today.
    const { timezone, promptTime: postingTime } = promptDueOneMinuteAgo(now);
    const today = DateTime.fromJSDate(now, { zone: timezone });
    const lastWednesday = today.minus({ days: today.weekday - 1 + 5 }).toISODate()!;
    const teamIds: number[] = [];
    for (const [index, channelId] of CHANNELS.entries()) {
      const teamId = await seedTeam(db, { name: `Replica team ${index + 1}`, timezone });
      for (const rep of ['A', 'B']) {
        const personId = await seedPerson(db, {
          slackUserId: `U${rep}${index + 1}`,
          name: `${rep}${index + 1}`,
          teamId,
        });
        await backdatePerson(db, personId);
        await db.updateTable('people').set({ profile_checked_at: now }).where('id', '=', personId).execute();
        await seedSale(db, personId, lastWednesday, rep === 'A' ? '2000.00' : '500.00');
      }
      await db
        .updateTable('teams')
        .set({
          standings_channel_id: channelId,
          standings_weekday: today.weekday,
          standings_time: postingTime,
        })
        .where('id', '=', teamId)
        .execute();
      teamIds.push(teamId);
    }

    const bots = current.startBots(3);
    await Promise.all(bots.map(botStarted));
    const posted = () =>
      db
        .selectFrom('standings_posts')
        .selectAll()
        .where('status', '=', 'posted')
        .orderBy('team_id')
        .execute();
    const rows = await eventually(async () => {
      const done = await posted();
      return done.length === CHANNELS.length ? done : undefined;
    }, 30_000);
    // Leave time for a straggler that would post twice.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await current.stopBots();

    expect(rows.map((row) => row.team_id)).toEqual(teamIds);
    for (const [index, channelId] of CHANNELS.entries()) {
      const posts = current.standIn
        .messages(channelId)
        .filter((message) => message.metadata?.event_type === STANDINGS_METADATA_EVENT);
      expect(posts, channelId).toHaveLength(1);
      expect(posts[0]?.ts).toBe(rows[index]?.message_ts);
      const calls = current.standIn
        .calls('chat.postMessage')
        .filter((call) => call.args.channel === channelId);
      expect(calls, channelId).toHaveLength(1);
      const charts = current.standIn.uploadedFiles().filter((file) => file.channelId === channelId);
      expect(charts.map((file) => file.threadTs)).toEqual([rows[index]?.message_ts]);
    }
    expect(current.standIn.calls('files.completeUploadExternal')).toHaveLength(CHANNELS.length);
    expect(bots.map((bot) => bot.child.exitCode)).toEqual([0, 0, 0]);
  }, 60_000);
});

import { describe, expect, it } from 'vitest';
import { eventually } from '../support/coaching.js';
import { botStarted, useReplicaScenarios } from '../support/replicas.js';

/**
 * Several bot processes (replicas) on one database, against one Slack stand-in, as production runs
 * them: ticking at the same moment, claiming side by side, and one of them killed mid fan-out. Every
 * rep must get exactly one prompt. (Database and Slack outages: replicas-outages.test.ts.)
 */
describe('replicas delivering one fan-out', () => {
  const scenario = useReplicaScenarios();

  it('three processes started at once: every rep gets exactly one prompt', async () => {
    const current = await scenario();
    const ids = await current.seedDueTeam(300);
    // At this pace a claim takes at most 125 rows (what fits in half a 5 s lease), so the processes
    // share the roster instead of the first one taking it all.
    const bots = current.startBots(3, { DELIVERY_RATE_PER_MINUTE: '6000' });
    await Promise.all(bots.map(botStarted));
    await current.allSent(ids.length, 30_000);
    const workers = await current.rowsByPid('sent');
    await current.stopBots();

    await current.expectExactlyOnePromptEach(ids);
    expect(workers.size, 'processes that delivered').toBeGreaterThanOrEqual(2);
    expect(bots.map((bot) => bot.child.exitCode)).toEqual([0, 0, 0]);
  }, 50_000);

  it('a process SIGKILLed mid fan-out and restarted: nothing lost, nothing sent twice', async () => {
    const current = await scenario();
    const ids = await current.seedDueTeam(300);
    // Slack-like latency: each post is stored at once but answered 200 ms later, so a process killed
    // mid fan-out has posts out whose answers it never saw: only the DM history can tell.
    current.standIn.delayAnswers('chat.postMessage', 200);
    // 100 prompts a second shared by both processes: the fan-out takes about three seconds.
    const env = { DELIVERY_RATE_PER_MINUTE: '6000' };
    const bots = current.startBots(2, env);
    await Promise.all(bots.map(botStarted));
    await eventually(() => (current.delivered() >= ids.length / 3 ? true : undefined), 20_000);

    // Kill a process while it has posts out whose answers it has not seen yet: their rows still say
    // sending, the stand-in already holds the messages.
    const victimPid = await eventually(async () => {
      const byPid = new Map<number, number>();
      for (const row of await current.heldRows()) {
        if (current.isPosted(row)) byPid.set(row.pid, (byPid.get(row.pid) ?? 0) + 1);
      }
      return [...byPid].find(([, count]) => count >= 2)?.[0];
    }, 10_000);
    const victim = bots.find((bot) => bot.child.pid === victimPid);
    victim?.child.kill('SIGKILL');
    expect((await victim?.waitForExit())?.code).toBe('SIGKILL');
    const deliveredAtKill = current.delivered();

    // The dead process can change nothing any more: these rows wait for their 5 s lease to run out.
    const held = (await current.heldRows()).filter((row) => row.pid === victimPid);
    const postedUnsettled = held.filter((row) => current.isPosted(row));
    expect(postedUnsettled.length).toBeGreaterThan(0);

    const [restarted] = current.startBots(1, env);
    if (restarted) await botStarted(restarted);
    await current.allSent(ids.length, 30_000);
    await current.stopBots();

    await current.expectExactlyOnePromptEach(ids);
    expect(deliveredAtKill).toBeLessThan(ids.length);
    // Every row the dead process held came back as "maybe sent" and was looked for in the rep's DM;
    // the ones already there were marked sent from it, with the post's ts, and not posted again.
    const lookedIn = new Set(current.standIn.calls('conversations.history').map((call) => call.args.channel));
    expect(held.filter((row) => !lookedIn.has(`D${row.slackUserId}`))).toEqual([]);
    const rows = await current.database.db
      .selectFrom('outbox_messages')
      .select(['id', 'slack_ts'])
      .where(
        'id',
        'in',
        postedUnsettled.map((row) => row.id),
      )
      .execute();
    for (const row of rows) {
      const rep = postedUnsettled.find((posted) => posted.id === row.id)?.slackUserId;
      expect(row.slack_ts).toBe(current.standIn.messages(`D${rep}`)[0]?.ts);
    }
  }, 50_000);
});

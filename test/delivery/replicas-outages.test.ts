import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { eventually } from '../support/coaching.js';
import { botStarted, problemsLogged, useReplicaScenarios } from '../support/replicas.js';
import { TcpProxy, viaProxy } from '../support/tcp-proxy.js';

/**
 * Two bot processes (replicas) delivering one fan-out while what they depend on fails: the database
 * goes away for a while, or Slack answers a share of the posts with 429. Every rep must still get
 * exactly one prompt, no process may die, and no post may go out inside a Retry-After.
 */
describe('replicas delivering through outages', () => {
  const scenario = useReplicaScenarios();

  it('the database cut off for 3 s mid fan-out: nothing lost, nothing sent twice, no process exits', async () => {
    const current = await scenario();
    const ids = await current.seedDueTeam(300);
    const direct = new URL(current.database.url);
    const proxy = await TcpProxy.start({ host: direct.hostname, port: Number(direct.port || 5432) });
    current.proxy = proxy;
    const bots = current.startBots(2, {
      DATABASE_URL: viaProxy(current.database.url, proxy),
      DELIVERY_RATE_PER_MINUTE: '6000',
    });
    await Promise.all(bots.map(botStarted));
    await eventually(() => (current.delivered() >= ids.length / 3 ? true : undefined), 20_000);

    // Every connection dropped and new ones refused, as the bots see a Postgres restart (the data
    // stays, as it does through a restart); a proxy does it in milliseconds, for this test alone.
    proxy.cut();
    const deliveredAtCut = current.delivered();
    await sleep(3_000);
    proxy.restore();

    await current.allSent(ids.length, 30_000);
    expect(bots.map((bot) => bot.child.exitCode)).toEqual([null, null]);
    await current.stopBots();

    await current.expectExactlyOnePromptEach(ids);
    expect(deliveredAtCut).toBeLessThan(ids.length);
    // The cut did reach the bots: they noticed the database was gone (and carried on).
    expect(bots.flatMap(problemsLogged).length).toBeGreaterThan(0);
  }, 50_000);

  it('Slack answering every 5th post with 429 Retry-After: 1: all delivered once, none sent inside a Retry-After', async () => {
    const current = await scenario();
    // Each 429 pauses the whole workspace for a second, so a small roster keeps this short.
    const ids = await current.seedDueTeam(20);
    current.standIn.failSome(
      'chat.postMessage',
      { kind: 'rate_limited', retryAfterSeconds: 1 },
      { every: 5 },
    );
    // 10 a second (Slack's own pace for a workspace is slower still): a claim takes 12 rows, so both
    // replicas hold planned sends when either one is told to wait.
    const bots = current.startBots(2, { DELIVERY_RATE_PER_MINUTE: '600' });
    await Promise.all(bots.map(botStarted));
    await current.allSent(ids.length, 40_000);
    const workers = await current.rowsByPid('sent');
    await current.stopBots();

    await current.expectExactlyOnePromptEach(ids);
    const posts = current.standIn.calls('chat.postMessage');
    const limited = posts.filter((call) => call.status === 429);
    expect(limited.length).toBeGreaterThanOrEqual(ids.length / 5);
    // A post that reached the stand-in after a 429 was answered and before its Retry-After ran out.
    // 50 ms of slack covers requests already on their way when the answer left.
    const violations = limited.flatMap((answer) => {
      const answeredAt = answer.answeredAt ?? 0;
      return posts
        .filter((call) => call.receivedAt > answeredAt + 50 && call.receivedAt < answeredAt + 1_000)
        .map((call) => ({ after429Ms: call.receivedAt - answeredAt, channel: call.args.channel }));
    });
    expect(violations).toEqual([]);
    // Both replicas sent, so a pause had to reach the one that was not told itself.
    expect(workers.size, 'processes that delivered').toBe(2);
  }, 50_000);
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from './support/bot.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { SlackStandIn } from './support/slack-stand-in/index.js';
import { TcpProxy, viaProxy } from './support/tcp-proxy.js';

describe('health routes', () => {
  let database: TestDatabase;
  let standIn: SlackStandIn;
  let proxy: TcpProxy;
  let bot: TestBot;

  beforeAll(async () => {
    database = await createTestDatabase();
    standIn = await SlackStandIn.start();
    const target = new URL(database.url);
    proxy = await TcpProxy.start({ host: target.hostname, port: Number(target.port || 5432) });
    bot = await startTestBot({ standIn, databaseUrl: viaProxy(database.url, proxy) });
  });
  afterAll(async () => {
    await bot?.stop();
    await proxy?.stop();
    await standIn?.stop();
    await database?.drop();
  });

  const get = async (path: string) => {
    const response = await fetch(`${bot.baseUrl}${path}`);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('/healthz is 200 and /readyz is 200 while the database answers', async () => {
    expect(await get('/healthz')).toEqual({ status: 200, body: { status: 'ok' } });
    expect(await get('/readyz')).toEqual({ status: 200, body: { status: 'ready' } });
  });

  it('/readyz is 503 while the database is unreachable, /healthz stays 200, and both recover', async () => {
    proxy.cut();
    const started = Date.now();
    expect(await get('/readyz')).toEqual({
      status: 503,
      body: { status: 'unavailable', reason: 'database unreachable' },
    });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect((await get('/healthz')).status).toBe(200);

    proxy.restore();
    await expect
      .poll(async () => (await get('/readyz')).status, { timeout: 10_000, interval: 200 })
      .toBe(200);
  });

  it('answers an unknown path with 404', async () => {
    expect((await fetch(`${bot.baseUrl}/nope`)).status).toBe(404);
  });
});

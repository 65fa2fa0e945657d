import { describe, expect, it } from 'vitest';
import { useBotBehindProxy } from './support/bot.js';

describe('health routes', () => {
  const fixture = useBotBehindProxy();

  const get = async (path: string) => {
    const response = await fetch(`${fixture.bot.baseUrl}${path}`);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('/healthz is 200 and /readyz is 200 while the database answers', async () => {
    expect(await get('/healthz')).toEqual({ status: 200, body: { status: 'ok' } });
    expect(await get('/readyz')).toEqual({ status: 200, body: { status: 'ready' } });
  });

  it('/readyz is 503 while the database is unreachable, /healthz stays 200, and both recover', async () => {
    fixture.proxy.cut();
    const started = Date.now();
    expect(await get('/readyz')).toEqual({
      status: 503,
      body: { status: 'unavailable', reason: 'database unreachable' },
    });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect((await get('/healthz')).status).toBe(200);

    fixture.proxy.restore();
    await expect
      .poll(async () => (await get('/readyz')).status, { timeout: 10_000, interval: 200 })
      .toBe(200);
  });

  it('answers an unknown path with 404', async () => {
    expect((await fetch(`${fixture.bot.baseUrl}/nope`)).status).toBe(404);
  });
});

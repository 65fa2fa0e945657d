import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { type FetchFunction, LogLevel, WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keepAliveFetch } from '../../src/slack/http-fetch.js';

describe('the fetch WebClient uses', () => {
  let server: http.Server;
  let baseUrl: string;
  let connections = 0;
  const seen: Array<{ url: string; body: string; headers: http.IncomingHttpHeaders }> = [];

  beforeAll(async () => {
    server = http.createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => {
        body += chunk;
      });
      request.on('end', () => {
        seen.push({ url: request.url ?? '', body, headers: request.headers });
        if (request.url === '/moved/auth.test') {
          response.writeHead(302, { location: `${baseUrl}/api/auth.test` }).end();
          return;
        }
        response
          .writeHead(200, { 'content-type': 'application/json', 'x-oauth-scopes': 'chat:write, commands' })
          .end(JSON.stringify({ ok: true, echoed: body.length }));
      });
    });
    server.on('connection', () => {
      connections += 1;
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('sends calls with their body and headers over one kept-alive connection', async () => {
    connections = 0;
    seen.length = 0;
    const client = new WebClient('xoxb-fetch-test', {
      slackApiUrl: `${baseUrl}/api/`,
      fetch: keepAliveFetch(),
    });
    const results = [];
    for (let i = 0; i < 3; i += 1)
      results.push(await client.chat.postMessage({ channel: 'C1', text: 'héllo' }));
    expect(results.map((result) => result.ok)).toEqual([true, true, true]);
    expect(results[0]?.response_metadata?.scopes).toEqual(['chat:write', 'commands']);
    expect(connections).toBe(1);
    expect(seen[0]?.url).toBe('/api/chat.postMessage');
    expect(new URLSearchParams(seen[0]?.body).get('text')).toBe('héllo');
    expect(seen[0]?.headers.authorization).toBe('Bearer xoxb-fetch-test');
    expect(seen[0]?.headers['content-type']).toBe('application/x-www-form-urlencoded');
  });

  it('refuses a redirect instead of following it, as fetch does with redirect: error', async () => {
    seen.length = 0;
    const client = new WebClient('xoxb-fetch-test', {
      slackApiUrl: `${baseUrl}/moved/`,
      fetch: keepAliveFetch(),
      retryConfig: { retries: 0 },
      logLevel: LogLevel.ERROR,
    });
    await expect(client.auth.test()).rejects.toMatchObject({ code: 'slack_webapi_request_error' });
    expect(seen.map((request) => request.url)).toEqual(['/moved/auth.test']);
  });

  it('leaves every other request to the platform fetch', async () => {
    const handedOver: Array<Parameters<FetchFunction>> = [];
    const platformFetch: FetchFunction = async (...args) => {
      handedOver.push(args);
      return new Response('{}');
    };
    const fetch = keepAliveFetch({ platformFetch, timeoutMs: 5_000 });
    const form = new FormData();
    await fetch(`${baseUrl}/api/files.upload`, { method: 'POST', body: form, redirect: 'error' });
    await fetch(`${baseUrl}/hooks/respond`, { method: 'POST', body: '{"text":"hi"}' });
    expect(handedOver.map(([url]) => url)).toEqual([
      `${baseUrl}/api/files.upload`,
      `${baseUrl}/hooks/respond`,
    ]);
  });

  it('gives up when the time limit or the signal ends before the answer is complete', async () => {
    const slow = http.createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"ok":');
    });
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(slow.address() as AddressInfo).port}/api/auth.test`;
      const init = { method: 'POST', body: '', redirect: 'error' } as const;
      await expect(keepAliveFetch({ timeoutMs: 100 })(url, init)).rejects.toMatchObject({
        name: 'TimeoutError',
      });
      const aborted = keepAliveFetch()(url, { ...init, signal: AbortSignal.timeout(100) });
      await expect(aborted).rejects.toMatchObject({ name: 'TimeoutError' });
    } finally {
      slow.closeAllConnections();
      await new Promise((resolve) => slow.close(resolve));
    }
  });
});

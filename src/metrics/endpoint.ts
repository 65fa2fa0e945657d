import { createHash, timingSafeEqual } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { Registry } from 'prom-client';
import type { HttpRoute } from '../http-route.js';
import type { Logger } from '../logger.js';

export const METRICS_PATH = '/metrics';

/**
 * GET /metrics for Prometheus. The port also faces the internet for Slack, so the scraper must send
 * `Authorization: Bearer <METRICS_TOKEN>`; anything else gets 401 and no hint of what was wrong.
 */
export function metricsRoute(registry: Registry, token: string, logger: Logger): HttpRoute {
  const expected = digest(token);
  return {
    path: METRICS_PATH,
    method: 'GET',
    handler: (req, res) => {
      if (!presentsToken(req.headers.authorization, expected)) {
        sendText(res, 401, 'Send "Authorization: Bearer <METRICS_TOKEN>".\n', {
          'www-authenticate': 'Bearer realm="metrics"',
        });
        return;
      }
      registry.metrics().then(
        (text) => {
          res.writeHead(200, { 'content-type': registry.contentType, 'cache-control': 'no-store' });
          res.end(text);
        },
        (error: unknown) => {
          logger.error({ err: error }, 'metrics could not be collected');
          sendText(res, 500, 'Metrics could not be collected; see the logs.\n');
        },
      );
    },
  };
}

/**
 * Whether an Authorization header carries the token. Digests of equal length are compared in constant
 * time, so neither the token's characters nor its length can be found by timing the answers.
 */
export function presentsToken(header: string | undefined, expectedDigest: Buffer): boolean {
  const given = /^Bearer +(\S+) *$/i.exec(header ?? '')?.[1];
  if (given === undefined) return false;
  return timingSafeEqual(digest(given), expectedDigest);
}

export function digest(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(text);
}

import type { ServerResponse } from 'node:http';
import { type Db, isDatabaseReachable } from '../db/database.js';
import type { HttpRoute } from '../http-route.js';

function sendJson(res: ServerResponse, status: number, body: Record<string, unknown>): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

/**
 * /healthz answers while the process serves HTTP (a liveness probe must not restart the bot because
 * Postgres blinked); /readyz also needs the database, so a load balancer stops sending traffic that
 * cannot be stored.
 */
export function healthRoutes(db: Db): HttpRoute[] {
  return [
    { path: '/healthz', method: 'GET', handler: (_req, res) => sendJson(res, 200, { status: 'ok' }) },
    {
      path: '/readyz',
      method: 'GET',
      handler: (_req, res) => {
        void isDatabaseReachable(db, 2_000).then((reachable) =>
          reachable
            ? sendJson(res, 200, { status: 'ready' })
            : sendJson(res, 503, { status: 'unavailable', reason: 'database unreachable' }),
        );
      },
    },
  ];
}

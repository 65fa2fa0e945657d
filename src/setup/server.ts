import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HttpRoute } from '../http-route.js';

/**
 * Without Slack credentials there is no Bolt app to serve HTTP, but a health probe, a metrics scraper
 * and a person opening the port in a browser should still get an answer: the routes and the setup guide.
 */
export async function startSetupServer(options: {
  port: number;
  routes: HttpRoute[];
  guide: (port: number) => string;
}): Promise<{ port: number; stop(): Promise<void> }> {
  let port = options.port;
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const route = options.routes.find(
      (candidate) => candidate.path === path && candidate.method === req.method,
    );
    if (route !== undefined) return route.handler(req, res);
    if (path === '/' && req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(options.guide(port));
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('Not found. GET / explains how to connect this bot to Slack.\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    port,
    stop: () =>
      new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

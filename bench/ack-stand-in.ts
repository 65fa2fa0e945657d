/**
 * The Slack stand-in of the ack benchmark: the two Web API methods the bot calls there (auth.test at
 * start, views.open after every button click), answered as Slack answers them, and nothing else.
 *
 * Not the test stand-in (test/support/slack-stand-in): that one checks every argument against the
 * method reference, records every call and keeps every view, which cost about 400 µs of CPU per
 * views.open. Slack's servers are not on the bot's machine in production, but here the stand-in shares
 * the benchmark's two cores with the bot, so whatever it spends is taken from the bot alone (the bare
 * app never calls it). This one still refuses what Slack would refuse (a wrong token, a missing,
 * malformed, reused or expired trigger_id, a view that is not a modal) and counts every answer.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface AckStandInCounts {
  callsByMethod: Record<string, number>;
  /** How long after the click was sent each views.open arrived, ms, in arrival order. */
  openDelaysMs: number[];
  failed: number;
  /** A few distinct reasons for failed calls, to print. */
  errors: string[];
}

export interface AckStandIn {
  port: number;
  apiUrl: string;
  /** What was answered since the last call, then forgets it (and the trigger ids seen). */
  takeCounts(): AckStandInCounts;
  stop(): Promise<void>;
}

const IDS = { team: 'T0BENCH01', app: 'A0BENCH01', bot: 'B0BENCH01', user: 'U0BOT0001' };
/** `<ms since 1970 when the click was sent>.<sequence>.<hex>`, as bench/ack.ts builds them. */
const TRIGGER_ID = /^(\d+)\.\d+\.[0-9a-f]+$/;
/** Slack's: a trigger_id must be used within 3 s of the interaction. */
const TRIGGER_LIFETIME_MS = 3_000;

export async function startAckStandIn(options: { token: string }): Promise<AckStandIn> {
  const authorization = `Bearer ${options.token}`;
  let callsByMethod: Record<string, number> = {};
  let failures: Record<string, number> = {};
  let usedTriggers = new Set<string>();
  let openDelaysMs: number[] = [];
  let viewCount = 0;

  const answer = (
    method: string,
    body: string,
    headers: http.IncomingHttpHeaders,
  ): Record<string, unknown> => {
    if (headers.authorization !== authorization) return { ok: false, error: 'invalid_auth' };
    if (method === 'auth.test') {
      return {
        ok: true,
        url: 'https://bench.slack.com/',
        team: 'Bench',
        user: 'coach',
        team_id: IDS.team,
        user_id: IDS.user,
        bot_id: IDS.bot,
        is_enterprise_install: false,
      };
    }
    if (method !== 'views.open') return { ok: false, error: 'unknown_method' };
    const args = new URLSearchParams(body);
    const triggerId = args.get('trigger_id') ?? '';
    const issuedAt = TRIGGER_ID.exec(triggerId)?.[1];
    if (issuedAt === undefined) return { ok: false, error: 'invalid_trigger_id' };
    if (usedTriggers.has(triggerId)) return { ok: false, error: 'exchanged_trigger_id' };
    const delay = Date.now() - Number(issuedAt);
    openDelaysMs.push(delay);
    if (delay > TRIGGER_LIFETIME_MS) return { ok: false, error: 'expired_trigger_id' };
    let view: Record<string, unknown>;
    try {
      view = JSON.parse(args.get('view') ?? '') as Record<string, unknown>;
    } catch {
      return { ok: false, error: 'invalid_arguments' };
    }
    if (view?.type !== 'modal' || typeof view.title !== 'object' || !Array.isArray(view.blocks)) {
      return { ok: false, error: 'invalid_arguments' };
    }
    usedTriggers.add(triggerId);
    viewCount += 1;
    const id = `V0BENCH${viewCount.toString(36).toUpperCase().padStart(6, '0')}`;
    // The fields Slack's answer has (see the test stand-in's views.ts), the view as sent among them.
    return {
      ok: true,
      view: {
        id,
        team_id: IDS.team,
        submit: null,
        close: null,
        private_metadata: '',
        callback_id: '',
        external_id: '',
        ...view,
        state: { values: {} },
        hash: `${Date.now()}.${viewCount}`,
        clear_on_close: false,
        notify_on_close: false,
        root_view_id: id,
        previous_view_id: null,
        app_id: IDS.app,
        app_installed_team_id: IDS.team,
        bot_id: IDS.bot,
      },
    };
  };

  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const method = (request.url ?? '').replace(/^\/api\//, '').split('?')[0] ?? '';
      const result = answer(method, Buffer.concat(chunks).toString('utf8'), request.headers);
      callsByMethod[method] = (callsByMethod[method] ?? 0) + 1;
      if (result.ok !== true) {
        const reason = `${method}: ${String(result.error)}`;
        failures[reason] = (failures[reason] ?? 0) + 1;
      }
      const text = JSON.stringify(result);
      response.writeHead(200, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': Buffer.byteLength(text),
        'x-slack-req-id': `bench-${viewCount}`,
      });
      response.end(text);
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    apiUrl: `http://127.0.0.1:${port}/api/`,
    takeCounts() {
      const counts: AckStandInCounts = {
        callsByMethod,
        openDelaysMs,
        failed: Object.values(failures).reduce((sum, count) => sum + count, 0),
        errors: Object.keys(failures).slice(0, 5),
      };
      callsByMethod = {};
      failures = {};
      usedTriggers = new Set();
      openDelaysMs = [];
      return counts;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

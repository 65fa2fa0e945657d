/**
 * One process of the ack benchmark (bench/ack.ts starts it): `stand-in`, `bare` or `bot`.
 * It prints one JSON line `{"role":…,"port":…}` on stdout once it is listening and stops cleanly on
 * SIGTERM or SIGINT. Every role reads what it needs from the environment the orchestrator gives it.
 */
import type { AddressInfo } from 'node:net';
import { App } from '@slack/bolt';
import { pino } from 'pino';
import { startBot } from '../src/main.js';
import { type AckStandInCounts, startAckStandIn } from './ack-stand-in.js';

type Role = 'stand-in' | 'bare' | 'bot';

interface Running {
  port: number;
  apiUrl?: string;
  stop(): Promise<void>;
}

/** What the stand-in answered since the last report; the orchestrator asks after each bot measurement. */
export interface StandInReport extends AckStandInCounts {
  type: 'stand-in-report';
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} must be set for the benchmark target`);
  return value;
}

async function startStandIn(): Promise<Running> {
  const standIn = await startAckStandIn({ token: required('SLACK_BOT_TOKEN') });
  process.on('message', (message) => {
    if ((message as { type?: string }).type !== 'report') return;
    process.send?.({ type: 'stand-in-report', ...standIn.takeCounts() } satisfies StandInReport);
  });
  return { port: standIn.port, apiUrl: standIn.apiUrl, stop: () => standIn.stop() };
}

async function startBareApp(): Promise<Running> {
  const app = new App({
    signingSecret: required('SLACK_SIGNING_SECRET'),
    token: required('SLACK_BOT_TOKEN'),
    // Known ids keep Bolt from calling auth.test; the bare app never talks to the stand-in.
    botId: 'B1',
    botUserId: 'U1',
    clientOptions: { slackApiUrl: required('SLACK_API_URL') },
  });
  app.command('/coach', async ({ ack }) => {
    await ack();
  });
  app.action('tour_open', async ({ ack }) => {
    await ack();
  });
  app.view('tour_step', async ({ ack }) => {
    await ack();
  });
  const server = await app.start(0);
  return { port: (server.address() as AddressInfo).port, stop: () => app.stop() as Promise<void> };
}

async function startRealBot(): Promise<Running> {
  const databaseUrl = process.env.DATABASE_URL;
  const bot = await startBot(
    {
      SLACK_BOT_TOKEN: required('SLACK_BOT_TOKEN'),
      SLACK_SIGNING_SECRET: required('SLACK_SIGNING_SECRET'),
      SLACK_API_URL: required('SLACK_API_URL'),
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : { DATA_DIR: required('DATA_DIR') }),
      PORT: '0',
      LOG_LEVEL: 'info',
      // Set to measure the bot with /metrics on (the request counter on the ack path).
      ...(process.env.METRICS_TOKEN ? { METRICS_TOKEN: process.env.METRICS_TOKEN } : {}),
    },
    // Lines are still built and written (as in production), only not to a terminal.
    { logDestination: pino.destination({ dest: '/dev/null', sync: false }) },
  );
  return { port: bot.port, stop: () => bot.stop() };
}

const starters: Record<Role, () => Promise<Running>> = {
  'stand-in': startStandIn,
  bare: startBareApp,
  bot: startRealBot,
};

function isRole(value: string | undefined): value is Role {
  return value !== undefined && value in starters;
}

async function main(): Promise<void> {
  const role = process.argv[2];
  if (!isRole(role)) throw new Error(`usage: ack-target.ts <${Object.keys(starters).join('|')}>`);

  // Handlers come first: a signal during start (the bot may be starting PostgreSQL) must not kill the
  // process before it can stop what it started.
  let running: Running | undefined;
  let stopRequested = false;
  const stop = () => {
    stopRequested = true;
    // Still starting (main stops once the start is done), or already stopping.
    if (running === undefined) return;
    const stopping = running;
    running = undefined;
    stopping.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`${role} did not stop cleanly: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  // An orchestrator that dies without SIGTERM closes the IPC channel; do not outlive it.
  process.on('disconnect', stop);

  running = await starters[role]();
  if (stopRequested) return stop();
  process.stdout.write(`${JSON.stringify({ role, port: running.port, apiUrl: running.apiUrl })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`benchmark target failed to start: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});

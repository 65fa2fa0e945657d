/**
 * The bot of the fan-out benchmark: startBot from src/main.ts, configured from the environment
 * bench/fanout.ts gives it. The orchestrator compiles this file with src/ and migrations/ to plain
 * JavaScript and runs it with `node`, as production runs dist/src/main.js: no TypeScript loader sits
 * in the process whose memory and CPU are measured.
 *
 * Prints one JSON line `{"port":…}` on stdout once started; stops cleanly on SIGTERM or SIGINT.
 */
import { pino } from 'pino';
import { type RunningBot, startBot } from '../src/main.js';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} must be set for the benchmark's bot`);
  return value;
}

async function main(): Promise<void> {
  // Handlers come first: a signal during start must not kill the process before it can stop what it
  // started.
  let bot: RunningBot | undefined;
  let stopRequested = false;
  const stop = () => {
    stopRequested = true;
    if (bot === undefined) return;
    const stopping = bot;
    bot = undefined;
    stopping.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`the bot did not stop cleanly: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  // An orchestrator that dies without SIGTERM closes the IPC channel; do not outlive it.
  process.on('disconnect', stop);

  bot = await startBot(
    {
      SLACK_BOT_TOKEN: required('SLACK_BOT_TOKEN'),
      SLACK_SIGNING_SECRET: required('SLACK_SIGNING_SECRET'),
      SLACK_API_URL: required('SLACK_API_URL'),
      DATABASE_URL: required('DATABASE_URL'),
      DELIVERY_RATE_PER_MINUTE: required('DELIVERY_RATE_PER_MINUTE'),
      DELIVERY_CONCURRENCY: required('DELIVERY_CONCURRENCY'),
      PORT: '0',
      LOG_LEVEL: 'info',
    },
    // Lines are still built and written (as in production), only not to a terminal; BENCH_BOT_LOG keeps
    // them in a file instead, to see what the bot did.
    { logDestination: pino.destination({ dest: process.env.BENCH_BOT_LOG || '/dev/null', sync: false }) },
  );
  if (stopRequested) return stop();
  process.stdout.write(`${JSON.stringify({ port: bot.port })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`the bot failed to start: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});

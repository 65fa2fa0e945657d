import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DestinationStream } from 'pino';
import { type Config, ConfigError, loadConfig } from './config.js';
import type { Db } from './db/database.js';
import { EmbeddedDatabaseError } from './db/embedded-postgres.js';
import { openDatabase } from './db/open.js';
import { DEFAULT_DELIVERY_OPTIONS, DeliveryWorker } from './delivery/worker.js';
import { type Clock, systemClock } from './domain/clock.js';
import { DEFAULT_DUE_POLICY, enqueueDueMessages } from './domain/coaching/due-messages.js';
import { coachingOutbox } from './domain/coaching/outgoing.js';
import { loadReviewAgenda } from './domain/deal-review/agenda-loader.js';
import { deliverPendingReviewSummaries } from './domain/deal-review/summary.js';
import { forgetOldOutboxMessages, forgetOldSlackEventIds } from './domain/housekeeping/service.js';
import {
  DEFAULT_STANDINGS_POSTING,
  publishDueStandingsPosts,
  queueDueStandingsPosts,
} from './domain/rankings/posting.js';
import { computeWeeklyStandings } from './domain/rankings/service.js';
import { refreshProfiles } from './domain/roster/profiles.js';
import { resealInstallations } from './domain/workspaces/service.js';
import { TokenKeyError, tokenCipher } from './domain/workspaces/token-cipher.js';
import type { HttpRoute } from './http-route.js';
import { componentLogger, createLogger, type Logger } from './logger.js';
import { createBotMetrics } from './metrics/bot-metrics.js';
import { type ScheduledJob, Scheduler } from './scheduler.js';
import { buildSetupGuide } from './setup/guide.js';
import { startSetupServer } from './setup/server.js';
import { createSlackService, SlackStartError } from './slack/app.js';
import { healthRoutes } from './slack/health.js';

/** Composition root: config → logger → database → migrations → metrics → Slack app → scheduler. */

export interface StartOptions {
  /** Where JSON log lines go (stdout by default). */
  logDestination?: DestinationStream;
  clock?: Clock;
}

export interface RunningBot {
  /** The HTTP port actually listened on. */
  port: number;
  config: Config;
  db: Db;
  logger: Logger;
  /** Graceful stop: scheduler, then HTTP and in-flight listeners, then the pool, then the embedded server. */
  stop(): Promise<void>;
  /**
   * Resolves true once no listener work is running (what a listener does after its ack included), or
   * false if `timeoutMs` passes first. Always true while Slack is not configured.
   */
  listenersIdle(timeoutMs: number): Promise<boolean>;
}

/**
 * users.info calls per minute for the daily profile refresh: under a third of Slack's Tier 4 rate
 * (~100/min per workspace), so three replicas together stay under it and leave room for the
 * roster's own look-ups. One replica still checks 43,200 people a day.
 */
const PROFILE_REFRESH_BATCH = 30;

/** Budget for each shutdown step; the whole stop stays under the 10 s a container runtime gives. */
const DRAIN_MS = 4_000;

export async function startBot(
  env: Record<string, string | undefined>,
  options: StartOptions = {},
): Promise<RunningBot> {
  const config = loadConfig(env);
  const clock = options.clock ?? systemClock;
  const logger = createLogger({
    level: config.logLevel,
    secrets: config.secrets,
    destination: options.logDestination,
  });
  const log = componentLogger(logger, 'main');
  // Cleanups run in reverse order of start, also when a later step of the start fails.
  const cleanups: Array<{ name: string; run: () => Promise<void> }> = [];
  const stop = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) {
      await cleanup
        .run()
        .catch((error: unknown) => log.error({ err: error, step: cleanup.name }, 'shutdown step failed'));
    }
    log.info('stopped');
  };

  try {
    const database = await openDatabase(config, logger);
    cleanups.push({ name: 'database', run: database.close });

    // Before Slack starts: an installation the bot cannot open stops the start here, with the reason,
    // rather than failing every call to that workspace later.
    const cipher = tokenCipher(config.tokenKeys);
    const installations = await resealInstallations(database.db, cipher);
    if (installations.resealed > 0) {
      log.info(
        { resealed: installations.resealed },
        'sealed OAuth installations under SLACK_TOKEN_ENCRYPTION_KEY',
      );
    }
    if (installations.plaintext > 0) {
      log.warn(
        { installations: installations.plaintext },
        'OAuth installations (bot tokens) are stored unencrypted: set SLACK_TOKEN_ENCRYPTION_KEY to seal them',
      );
    }

    // Off unless METRICS_TOKEN is set: then there is no /metrics route (a 404), no collector runs and
    // nothing is added to the path that acks Slack.
    const metrics =
      config.metricsToken === undefined
        ? undefined
        : createBotMetrics({
            db: database.db,
            clock,
            logger: componentLogger(logger, 'metrics'),
            token: config.metricsToken,
          });
    const routes: HttpRoute[] = [...healthRoutes(database.db), ...(metrics ? [metrics.route] : [])];

    const jobs: ScheduledJob[] = [
      {
        name: 'forget-old-slack-event-ids',
        cron: '17 * * * *',
        run: async () => {
          await forgetOldSlackEventIds(database.db, clock);
        },
      },
      {
        name: 'forget-old-outbox-messages',
        cron: '43 3 * * *',
        run: async () => {
          const deleted = await forgetOldOutboxMessages(database.db, clock);
          if (deleted > 0) log.info({ deleted }, 'deleted closed outbox messages past their retention');
        },
      },
    ];
    let port: number;
    let listenersIdle: RunningBot['listenersIdle'] = async () => true;
    if (config.slack.configured) {
      // Names this replica's leases (outbox rows and standings posts) in the rows and the logs.
      const workerId = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
      const slack = await createSlackService({
        slack: config.slack,
        slackApi: config.slackApi,
        port: config.port,
        db: database.db,
        clock,
        logger,
        coaching: config.coaching,
        defaultTimezone: config.defaultTimezone,
        tokenCipher: cipher,
        loadReviewAgenda,
        standings: {
          computeStandings: computeWeeklyStandings,
          policy: {
            ...DEFAULT_STANDINGS_POSTING,
            defaultTimeZone: config.defaultTimezone,
            defaultCurrency: config.coaching.defaultCurrency,
          },
          workerId,
        },
        routes,
        metrics: metrics?.slack,
      });
      port = await slack.start();
      cleanups.push({ name: 'Slack app', run: () => slack.stop(DRAIN_MS) });
      listenersIdle = (timeoutMs) => slack.listenersIdle(timeoutMs);

      const delivery = new DeliveryWorker({
        db: database.db,
        clock,
        logger: componentLogger(logger, 'delivery'),
        transport: slack.outboxTransport,
        content: coachingOutbox(database.db, clock, {
          defaultTimeZone: config.defaultTimezone,
          promptGraceMinutes: config.coaching.promptGraceMinutes,
        }),
        options: {
          ...DEFAULT_DELIVERY_OPTIONS,
          ...config.delivery,
          workerId,
        },
        metrics: metrics?.delivery,
      });
      delivery.start();
      cleanups.push({ name: 'delivery worker', run: () => delivery.stop(DRAIN_MS) });
      const duePolicy = {
        ...DEFAULT_DUE_POLICY,
        defaultTimeZone: config.defaultTimezone,
        promptGraceMinutes: config.coaching.promptGraceMinutes,
      };
      jobs.push({
        name: 'refresh-slack-profiles',
        cron: '* * * * *',
        run: async () => {
          await refreshProfiles(database.db, clock, slack.directory, { batchSize: PROFILE_REFRESH_BATCH });
        },
      });
      const reviewLog = componentLogger(logger, 'deal-review');
      jobs.push({
        name: 'post-pending-review-summaries',
        cron: '* * * * *',
        run: async () => {
          await deliverPendingReviewSummaries(database.db, clock, slack.reviewSummaries, (reviewId, error) =>
            reviewLog.warn({ err: error, reviewId }, 'review summary not posted; will retry'),
          );
        },
      });
      jobs.push({
        name: 'enqueue-due-messages',
        cron: '* * * * *',
        runAtStart: true,
        run: async () => {
          // The worker would otherwise find new rows only after its idle wait (up to a second).
          const queued = await enqueueDueMessages(database.db, clock, duePolicy, () => delivery.wake());
          if (queued.reminders + queued.digests + queued.reviewReminders > 0) delivery.wake();
        },
      });
      const standingsLog = componentLogger(logger, 'standings');
      jobs.push({
        name: 'post-weekly-standings',
        cron: '* * * * *',
        runAtStart: true,
        run: async () => {
          await queueDueStandingsPosts(database.db, clock, slack.standings.policy);
          const round = await publishDueStandingsPosts(slack.standings);
          for (const { post, result } of round.results) {
            standingsLog.info({ postId: post.id, teamId: post.team_id, result }, 'weekly standings post');
          }
          for (const { post, error } of round.errors) {
            standingsLog.warn(
              { err: error, postId: post.id },
              'weekly standings post interrupted; retried when its lease ends',
            );
          }
        },
      });
    } else {
      const missing = config.slack.missing;
      const setup = await startSetupServer({
        port: config.port,
        routes,
        guide: (listening) => buildSetupGuide({ port: listening, database: database.description, missing }),
      });
      port = setup.port;
      cleanups.push({ name: 'setup server', run: setup.stop });
      log.warn({ missing, port }, 'Slack is not configured: serving the setup guide and health routes only');
      process.stderr.write(buildSetupGuide({ port, database: database.description, missing }));
    }

    const scheduler = new Scheduler(jobs, componentLogger(logger, 'scheduler'), metrics?.jobs);
    scheduler.start();
    cleanups.push({ name: 'scheduler', run: () => scheduler.stop(DRAIN_MS) });

    log.info({ port }, 'bot started');
    return { port, config, db: database.db, logger, stop, listenersIdle };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Errors a person can fix from the message alone: printed plainly, without a stack trace. */
function explainStartFailure(error: unknown): string | undefined {
  if (error instanceof ConfigError) return error.describe();
  if (error instanceof SlackStartError) return error.message;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') {
    return `The port is already in use (${(error as Error).message}). Stop the other process or set PORT.`;
  }
  if (error instanceof EmbeddedDatabaseError) return error.message;
  if (error instanceof TokenKeyError) {
    return `The bot cannot read its Slack installations: ${error.message}. Start it with the key they were sealed with (README.md → "Secrets at rest").`;
  }
  return undefined;
}

async function main(): Promise<void> {
  // A local .env is a convenience for `npm start`; real deployments set the environment themselves.
  if (existsSync('.env')) process.loadEnvFile('.env');

  let bot: RunningBot;
  try {
    bot = await startBot(process.env);
  } catch (error) {
    const explanation = explainStartFailure(error);
    process.stderr.write(`\n${explanation ?? `The bot could not start: ${(error as Error).stack}`}\n\n`);
    process.exit(1);
  }

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    bot.logger.info({ signal }, 'shutting down');
    const deadline = setTimeout(() => {
      bot.logger.error('shutdown took longer than 9 s; exiting anyway');
      bot.logger.flush();
      process.exit(1);
    }, 9_000);
    deadline.unref();
    void bot.stop().finally(() => {
      clearTimeout(deadline);
      bot.logger.flush(() => process.exit(0));
    });
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
  process.on('unhandledRejection', (reason) => {
    bot.logger.error({ err: reason }, 'unhandled promise rejection');
  });
}

const entry = process.argv[1];
if (entry !== undefined && import.meta.url === pathToFileURL(path.resolve(entry)).href) {
  void main();
}

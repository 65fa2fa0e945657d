import type { AddressInfo } from 'node:net';
import { App, type AppOptions } from '@slack/bolt';
import { ErrorCode, WebClient, type WebClientOptions } from '@slack/web-api';
import type { Config, SlackConfig } from '../config.js';
import type { Db } from '../db/database.js';
import type { OutboxTransport } from '../delivery/ports.js';
import type { Clock } from '../domain/clock.js';
import type { OutgoingMessage } from '../domain/coaching/outgoing.js';
import type { AgendaLoader } from '../domain/deal-review/service.js';
import type { ReviewSummaryPort } from '../domain/deal-review/summary.js';
import type { StandingsPosting } from '../domain/rankings/posting.js';
import type { PeopleDirectory } from '../domain/roster/directory.js';
import { registerWorkspace } from '../domain/workspaces/service.js';
import type { TokenCipher } from '../domain/workspaces/token-cipher.js';
import type { HttpRoute } from '../http-route.js';
import { componentLogger, type Logger } from '../logger.js';
import { boltLogger } from './bolt-logger.js';
import { slackChannelDirectory, slackPeopleDirectory } from './directory.js';
import { postgresInstallationStore } from './installation-store.js';
import { groupListeners } from './listeners/grouped.js';
import { registerListeners } from './listeners/index.js';
import { countSlackRequests, type SlackTrafficMetrics } from './middleware/count-requests.js';
import { deduplicateEvents } from './middleware/deduplicate-events.js';
import { InFlightListeners } from './middleware/in-flight.js';
import { FormAcks, reportListenerFailures } from './middleware/report-listener-failures.js';
import { slackOutboxTransport } from './notifier.js';
import { slackReviewSummaries } from './review-summaries.js';
import { slackStandingsChannel } from './standings-channel.js';
import { WebApiThread } from './web-api-thread/thread.js';
import { webClientOptions, webClientsByToken } from './web-client-options.js';
import { workspaceClients } from './workspace-clients.js';

/** The bot scopes requested on OAuth install; manifest.yml declares the same list (a test checks). */
export const BOT_SCOPES = [
  'chat:write',
  'commands',
  'im:history',
  'im:write',
  'mpim:write',
  'mpim:history',
  'users:read',
  'users:read.email',
  'channels:read',
  'groups:read',
  'channels:history',
  'groups:history',
  'files:write',
] as const;

export const SLACK_EVENTS_PATH = '/slack/events';

export interface SlackAppOptions {
  slack: Extract<SlackConfig, { configured: true }>;
  slackApi: Config['slackApi'];
  port: number;
  db: Db;
  clock: Clock;
  logger: Logger;
  coaching: Config['coaching'];
  defaultTimezone: string;
  /** Seals and opens OAuth installations (bot tokens) in the database. */
  tokenCipher: TokenCipher;
  /** Computes a review's agenda (results, opportunities, last review) for `/dealreview`. */
  loadReviewAgenda: AgendaLoader;
  /** How standings are computed and posted; the Slack side adds the channel. */
  standings: Pick<StandingsPosting, 'computeStandings' | 'policy' | 'workerId'>;
  /** Served next to Slack's endpoints on the same port (health, metrics). */
  routes: HttpRoute[];
  /** Counts inbound requests and listener failures; none when the bot is not monitored. */
  metrics?: SlackTrafficMetrics;
}

export interface SlackService {
  /** Resolves with the HTTP port actually listened on (useful with PORT=0). */
  start(): Promise<number>;
  /** Stops taking requests, then waits up to `drainMs` for listener work already running. */
  stop(drainMs: number): Promise<void>;
  /** True once no listener work runs (after-ack work included); false if `timeoutMs` passes first. */
  listenersIdle(timeoutMs: number): Promise<boolean>;
  /** Slack's user directory for the roster, with each workspace's bot token (the profile refresh uses it). */
  directory: PeopleDirectory;
  /** How the delivery worker posts outbox messages. */
  outboxTransport: OutboxTransport<OutgoingMessage>;
  /** Where review summaries are posted (the retry job uses it too). */
  reviewSummaries: ReviewSummaryPort;
  /** The weekly standings posts, through this app's Slack clients. */
  standings: StandingsPosting;
}

export class SlackStartError extends Error {
  override name = 'SlackStartError';
}

export async function createSlackService(options: SlackAppOptions): Promise<SlackService> {
  const logger = componentLogger(options.logger, 'slack');
  const clientOptions = webClientOptions(options.slackApi, options.logger);
  const inFlight = new InFlightListeners();
  const app = new App({
    ...(await authorizationOptions(options, clientOptions, logger)),
    ...transportOptions(options),
    logger: boltLogger(logger),
    clientOptions,
    customRoutes: options.routes,
    // Bolt's default conversation store keeps state in this process's memory, which is wrong with
    // several replicas, and nothing here reads it; for every request it looked up a conversation that
    // was never stored, building and throwing away an Error with its stack trace.
    convoStore: false,
  });

  if (options.metrics !== undefined) app.use(countSlackRequests(options.metrics));
  app.use(inFlight.middleware);
  app.use(deduplicateEvents(options.db, logger, { stopping: inFlight.stopping }));
  const formAcks = new FormAcks();
  app.use(reportListenerFailures(logger, options.metrics, formAcks));
  // Calls made while someone waits on the other end (listeners, and the directories they look people
  // and channels up in) run on the Web API thread, away from the event loop that must ack Slack.
  const webApi = new WebApiThread({ slackApi: options.slackApi, logger: options.logger });
  const rosterClients = workspaceClients({
    authorization: options.slack.authorization,
    db: options.db,
    cipher: options.tokenCipher,
    clientFor: (token) => webApi.client(token),
  });
  const directory = slackPeopleDirectory(rosterClients);
  // The delivery worker, the review summaries and the standings posts stay on this thread. Through the
  // Web API thread, the fan-out benchmark's peak memory rose from 160 to 195 MB with no throughput
  // gained (each post costs a clone each way on top of the call, and the delivery worker already keeps
  // 32 calls in flight without blocking the event loop). They pace per workspace or have a retry job,
  // so their client neither waits out a Retry-After inside a call nor retries on its own.
  const deliveryClients = workspaceClients({
    authorization: options.slack.authorization,
    db: options.db,
    cipher: options.tokenCipher,
    clientFor: webClientsByToken(webClientOptions(options.slackApi, options.logger, 'paced')),
  });
  const reviewSummaries = slackReviewSummaries(deliveryClients);
  const standings: StandingsPosting = {
    db: options.db,
    clock: options.clock,
    channel: slackStandingsChannel(deliveryClients, componentLogger(options.logger, 'standings')),
    ...options.standings,
  };

  // Listeners call Slack through the Web API thread: the same WebClient methods as Bolt's `client`,
  // for the token Bolt authorized the request with.
  const listeners = groupListeners(app, (args) => {
    const token = (args.context as { botToken?: string } | undefined)?.botToken;
    const client = token === undefined ? args.client : webApi.client(token);
    const body = args.body as { type?: string };
    // A form's failure is answered in the form only if its listener has not answered it yet.
    return body.type === 'view_submission'
      ? { ...args, client, ack: formAcks.track(body, args.ack as Parameters<FormAcks['track']>[1]) }
      : { ...args, client };
  });
  registerListeners(listeners.registry, {
    db: options.db,
    clock: options.clock,
    logger,
    directory,
    channels: slackChannelDirectory(rosterClients),
    defaultCurrency: options.coaching.defaultCurrency,
    defaultTimeZone: options.defaultTimezone,
    promptGraceMinutes: options.coaching.promptGraceMinutes,
    dealReview: {
      setup: {
        loadAgenda: options.loadReviewAgenda,
        defaultCurrency: options.coaching.defaultCurrency,
        defaultTimeZone: options.defaultTimezone,
      },
      summaries: reviewSummaries,
    },
    standings,
  });
  listeners.attach();
  // What reportListenerFailures cannot catch: a failure in the middleware before it (the event claim).
  app.error(async (error) => {
    options.metrics?.listenerFailed();
    logger.error({ err: error.original ?? error, code: error.code }, 'a Slack request failed');
  });

  return {
    directory,
    reviewSummaries,
    standings,
    outboxTransport: slackOutboxTransport(deliveryClients, componentLogger(options.logger, 'delivery')),
    async start() {
      // Started now rather than by the first click: that click's trigger_id lasts 3 seconds.
      webApi.start();
      const server = await app.start(options.port);
      const address = (server as { address?: () => AddressInfo | string | null } | undefined)?.address?.();
      const port = typeof address === 'object' && address !== null ? address.port : options.port;
      logger.info(
        { port, transport: options.slack.transport.kind, path: SLACK_EVENTS_PATH },
        'Slack app listening',
      );
      return port;
    },
    listenersIdle: (timeoutMs) => inFlight.drain(timeoutMs),
    async stop(drainMs) {
      await app.stop();
      const drained = await inFlight.stop(drainMs);
      if (!drained) logger.warn({ running: inFlight.count }, 'stopped with listener work still running');
      // Last: the delivery worker, stopped before this, and the listeners just drained call through it.
      await webApi.close(drainMs);
    },
  };
}

function transportOptions({ slack, port }: SlackAppOptions): AppOptions {
  if (slack.transport.kind === 'socket') {
    return { socketMode: true, appToken: slack.transport.appToken, port };
  }
  return { signingSecret: slack.transport.signingSecret, endpoints: SLACK_EVENTS_PATH, port };
}

async function authorizationOptions(
  options: SlackAppOptions,
  clientOptions: WebClientOptions,
  logger: Logger,
): Promise<AppOptions> {
  const { authorization } = options.slack;
  if (authorization.kind === 'oauth') {
    return {
      clientId: authorization.clientId,
      clientSecret: authorization.clientSecret,
      stateSecret: authorization.stateSecret,
      scopes: [...BOT_SCOPES],
      installationStore: postgresInstallationStore(options.db, options.clock, options.tokenCipher, logger),
      installerOptions: { directInstall: true, clientOptions },
    };
  }
  // Verified once here rather than by Bolt: Bolt would cache a failed check forever, and handing it
  // the ids keeps it from calling auth.test again.
  const identity = await identifyBot(new WebClient(authorization.botToken, clientOptions));
  await registerWorkspace(options.db, options.clock, {
    teamId: identity.teamId,
    enterpriseId: identity.enterpriseId,
    name: identity.teamName,
  });
  return { token: authorization.botToken, botId: identity.botId, botUserId: identity.botUserId };
}

interface BotIdentity {
  teamId: string;
  teamName: string | undefined;
  enterpriseId: string | undefined;
  botId: string;
  botUserId: string;
}

async function identifyBot(client: WebClient): Promise<BotIdentity> {
  try {
    const result = await client.auth.test();
    if (!result.team_id || !result.user_id || !result.bot_id) {
      throw new SlackStartError('SLACK_BOT_TOKEN is not a bot token: auth.test returned no bot id.');
    }
    return {
      teamId: result.team_id,
      teamName: result.team,
      enterpriseId: result.enterprise_id,
      botId: result.bot_id,
      botUserId: result.user_id,
    };
  } catch (error) {
    if (error instanceof SlackStartError) throw error;
    const code = (error as { code?: string; data?: { error?: string } }).code;
    const platformError = (error as { data?: { error?: string } }).data?.error;
    if (code === ErrorCode.PlatformError) {
      throw new SlackStartError(
        `Slack rejected SLACK_BOT_TOKEN (${platformError}). Copy the Bot User OAuth Token again from your ` +
          "app's OAuth & Permissions page, and reinstall the app if it was removed.",
      );
    }
    throw new SlackStartError(
      `Could not reach Slack to check SLACK_BOT_TOKEN (${(error as Error).message}). ` +
        'Check the network, or SLACK_API_URL if you set it.',
    );
  }
}

import { WebClient, type WebClientOptions } from '@slack/web-api';
import type { Config } from '../config.js';
import { componentLogger, type Logger } from '../logger.js';
import { boltLogger } from './bolt-logger.js';
import { keepAliveFetch } from './http-fetch.js';

/**
 * How a client handles Slack's limits. `interactive`: the answer to someone who is waiting, so a 429
 * is waited out and a failed call retried a bounded number of times. `paced`: the delivery worker,
 * review summaries and standings posts pace per workspace or have a retry job, so their client must
 * neither wait out a Retry-After inside a call nor retry on its own.
 */
export type ClientProfile = 'interactive' | 'paced';

/**
 * Every Web API call goes to SLACK_API_URL when it is set, with an explicit timeout and a bounded
 * number of retries: the client's defaults would retry for about half an hour. Calls go over
 * keep-alive node:http connections rather than the built-in fetch, which costs more CPU per call.
 */
export function webClientOptions(
  slackApi: Config['slackApi'],
  logger: Logger,
  profile: ClientProfile = 'interactive',
): WebClientOptions {
  return {
    ...webClientPolicy(slackApi, profile),
    fetch: keepAliveFetch({ timeoutMs: slackApi.timeoutMs }),
    logger: boltLogger(componentLogger(logger, 'slack-web-api')),
  };
}

/** The options of webClientOptions that are plain data: where calls go, time limit and retries. */
export function webClientPolicy(slackApi: Config['slackApi'], profile: ClientProfile): WebClientOptions {
  return {
    ...(slackApi.url === undefined ? {} : { slackApiUrl: slackApi.url }),
    // The time limit lives in the fetch (one timer per call instead of an AbortSignal); WebClient's own
    // `timeout` stays 0 so that it does not add a second one.
    timeout: 0,
    // Never follow an absolute URL given as a method name past the configured base.
    allowAbsoluteUrls: false,
    ...(profile === 'paced'
      ? { retryConfig: { retries: 0 }, rejectRateLimitedCalls: true }
      : {
          retryConfig: {
            retries: slackApi.maxRetries,
            factor: 2,
            minTimeout: 500,
            maxTimeout: 5_000,
            randomize: true,
          },
        }),
  };
}

/** One client per token, made by `make` the first time a token is asked for. */
export function clientsByToken(make: (token: string) => WebClient): (token: string) => WebClient {
  const byToken = new Map<string, WebClient>();
  return (token) => {
    let client = byToken.get(token);
    if (client === undefined) {
      client = make(token);
      byToken.set(token, client);
    }
    return client;
  };
}

/** Plain WebClients with these options, one per token. */
export function webClientsByToken(clientOptions: WebClientOptions): (token: string) => WebClient {
  return clientsByToken((token) => new WebClient(token, clientOptions));
}

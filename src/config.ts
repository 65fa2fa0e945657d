import { z } from 'zod';
import { DEFAULT_DELIVERY_OPTIONS } from './delivery/worker.js';

/**
 * The whole environment the bot reads, validated once at start (see main.ts) and handed down as a
 * typed object. Nothing else in the code reads process.env.
 */

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

function isIanaTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

// Blank values count as unset: `FOO=` in a .env file or an empty CI variable means "not given".
const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value === '' ? undefined : value));

function token(prefix: string, where: string) {
  return optionalText.refine((value) => value === undefined || value.startsWith(prefix), {
    message: `must start with "${prefix}" (${where})`,
  });
}

function secret(where: string) {
  return optionalText.refine((value) => value === undefined || /^[A-Za-z0-9_-]{16,}$/.test(value), {
    message: `must be at least 16 letters or digits (${where})`,
  });
}

// 32 bytes in base64, as `openssl rand -base64 32` prints them.
function tokenKey(hint: string) {
  return optionalText.refine((value) => value === undefined || /^[A-Za-z0-9+/]{43}=?$/.test(value), {
    message: `must be 32 random bytes in base64 (44 characters), e.g. the output of \`openssl rand -base64 32\`${hint}`,
  });
}

const environmentSchema = z.object({
  SLACK_BOT_TOKEN: token('xoxb-', 'OAuth & Permissions → Bot User OAuth Token'),
  SLACK_APP_TOKEN: token('xapp-', 'Basic Information → App-Level Tokens, with the connections:write scope'),
  SLACK_SIGNING_SECRET: secret('Basic Information → App Credentials → Signing Secret'),
  SLACK_CLIENT_ID: optionalText.refine((value) => value === undefined || /^\d+\.\d+$/.test(value), {
    message: 'must look like 1234567890.1234567890 (Basic Information → App Credentials → Client ID)',
  }),
  SLACK_CLIENT_SECRET: secret('Basic Information → App Credentials → Client Secret'),
  SLACK_STATE_SECRET: secret('any random string you choose, e.g. `openssl rand -hex 24`'),
  SLACK_TOKEN_ENCRYPTION_KEY: tokenKey(''),
  SLACK_TOKEN_ENCRYPTION_KEY_PREVIOUS: tokenKey(': the key in use before SLACK_TOKEN_ENCRYPTION_KEY'),
  SLACK_API_URL: optionalText.pipe(
    z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://slack.com/api/' })
      .optional(),
  ),
  SLACK_API_TIMEOUT_MS: z.coerce
    .number({ error: 'must be a number of milliseconds' })
    .int()
    .min(100)
    .max(60_000)
    .default(10_000),
  SLACK_API_MAX_RETRIES: z.coerce.number({ error: 'must be a whole number' }).int().min(0).max(10).default(2),
  DATABASE_URL: optionalText.refine((value) => value === undefined || /^postgres(ql)?:\/\/.+/.test(value), {
    message: 'must be a postgres:// or postgresql:// connection URL',
  }),
  PORT: z.coerce.number({ error: 'must be a port number' }).int().min(0).max(65_535).default(3000),
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  NODE_ENV: optionalText,
  DATA_DIR: optionalText.transform((value) => value ?? '.data'),
  DEFAULT_TIMEZONE: optionalText
    .transform((value) => value ?? 'UTC')
    .refine(isIanaTimeZone, {
      message: 'must be an IANA time zone such as Europe/Paris or America/New_York',
    }),
  DEFAULT_CURRENCY: optionalText
    .transform((value) => (value ?? 'USD').toUpperCase())
    .refine((value) => /^[A-Z]{3}$/.test(value), {
      message: 'must be a three-letter ISO 4217 code such as USD or EUR',
    }),
  DELIVERY_RATE_PER_MINUTE: z.coerce
    .number({ error: 'must be a number of messages per minute' })
    .int()
    .min(1)
    // Far above Slack's limits: a stand-in or a benchmark may need pacing out of the way.
    .max(1_000_000)
    .default(DEFAULT_DELIVERY_OPTIONS.ratePerMinute),
  DELIVERY_CONCURRENCY: z.coerce
    .number({ error: 'must be a whole number' })
    .int()
    .min(1)
    .max(256)
    .default(DEFAULT_DELIVERY_OPTIONS.concurrency),
  DELIVERY_POLL_MS: z.coerce
    .number({ error: 'must be a number of milliseconds' })
    .int()
    .min(10)
    .max(60_000)
    .default(DEFAULT_DELIVERY_OPTIONS.idlePollMs),
  DELIVERY_LEASE_SECONDS: z.coerce
    .number({ error: 'must be a number of seconds' })
    .int()
    .min(5)
    .max(3_600)
    .default(DEFAULT_DELIVERY_OPTIONS.leaseMs / 1000),
  PROMPT_GRACE_MINUTES: z.coerce
    .number({ error: 'must be a number of minutes' })
    .int()
    .min(5)
    .max(720)
    .default(180),
  METRICS_TOKEN: secret(
    'any random string you choose, e.g. `openssl rand -hex 24`; Prometheus sends it as a bearer token',
  ),
});

type Environment = z.infer<typeof environmentSchema>;

/** Every variable the bot reads; README.md and .env.example document each (a test checks). */
export const ENVIRONMENT_VARIABLES = Object.keys(environmentSchema.shape) as ReadonlyArray<keyof Environment>;

export type LogLevel = (typeof LOG_LEVELS)[number];

export type SlackTransport =
  | { kind: 'http'; signingSecret: string }
  | { kind: 'socket'; appToken: string; signingSecret?: string };

export type SlackAuthorization =
  | { kind: 'single-workspace'; botToken: string }
  | { kind: 'oauth'; clientId: string; clientSecret: string; stateSecret: string };

export type SlackConfig =
  | { configured: false; missing: string[] }
  | { configured: true; transport: SlackTransport; authorization: SlackAuthorization };

export interface Config {
  port: number;
  logLevel: LogLevel;
  dataDir: string;
  defaultTimezone: string;
  /** Undefined means: run the embedded PostgreSQL in dataDir. */
  databaseUrl: string | undefined;
  slack: SlackConfig;
  /**
   * Keys that seal OAuth installations (bot tokens) in the database: the one to seal with first, then
   * the previous one during a rotation. Empty: installations are stored as plaintext.
   */
  tokenKeys: string[];
  slackApi: { url: string | undefined; timeoutMs: number; maxRetries: number };
  coaching: { defaultCurrency: string; promptGraceMinutes: number };
  delivery: { ratePerMinute: number; concurrency: number; leaseMs: number; idlePollMs: number };
  /** The bearer token GET /metrics requires; undefined turns metrics off (the route answers 404). */
  metricsToken: string | undefined;
  /** Every secret value the environment holds, so the logger can scrub them wherever they appear. */
  secrets: string[];
}

export interface ConfigProblem {
  variable: string;
  problem: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(`Invalid configuration: ${problems.map((p) => `${p.variable} ${p.problem}`).join('; ')}`);
    this.name = 'ConfigError';
  }

  /** The text printed when the bot refuses to start: one line per variable, then where to look. */
  describe(): string {
    return [
      'The bot cannot start because of its environment:',
      ...this.problems.map((p) => `  - ${p.variable} ${p.problem}`),
      '',
      'Fix these variables (see .env.example and README.md → "Environment variables") and start again.',
    ].join('\n');
  }
}

const SLACK_VARIABLES = [
  'SLACK_BOT_TOKEN',
  'SLACK_APP_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_CLIENT_ID',
  'SLACK_CLIENT_SECRET',
  'SLACK_STATE_SECRET',
] as const;

export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => ({
        variable: String(issue.path[0] ?? 'environment'),
        problem: issue.message,
      })),
    );
  }
  const vars = parsed.data;
  if (vars.NODE_ENV === 'production' && vars.DATABASE_URL === undefined) {
    // The production image ships without the embedded server's binaries, and a database inside a
    // container's filesystem would vanish with it anyway.
    throw new ConfigError([
      {
        variable: 'DATABASE_URL',
        problem:
          'is required when NODE_ENV=production: the embedded database is for local runs only. Point it at your PostgreSQL server.',
      },
    ]);
  }
  const slack = resolveSlack(vars);
  if (
    vars.SLACK_TOKEN_ENCRYPTION_KEY_PREVIOUS !== undefined &&
    vars.SLACK_TOKEN_ENCRYPTION_KEY === undefined
  ) {
    throw new ConfigError([
      {
        variable: 'SLACK_TOKEN_ENCRYPTION_KEY',
        problem:
          'is required once SLACK_TOKEN_ENCRYPTION_KEY_PREVIOUS is set: that one only opens what the old key sealed; this one seals from now on',
      },
    ]);
  }
  const tokenKeys = [vars.SLACK_TOKEN_ENCRYPTION_KEY, vars.SLACK_TOKEN_ENCRYPTION_KEY_PREVIOUS].filter(
    (key): key is string => key !== undefined,
  );
  return {
    port: vars.PORT,
    logLevel: vars.LOG_LEVEL,
    dataDir: vars.DATA_DIR,
    defaultTimezone: vars.DEFAULT_TIMEZONE,
    databaseUrl: vars.DATABASE_URL,
    slack,
    tokenKeys,
    slackApi: {
      url: vars.SLACK_API_URL === undefined ? undefined : withTrailingSlash(vars.SLACK_API_URL),
      timeoutMs: vars.SLACK_API_TIMEOUT_MS,
      maxRetries: vars.SLACK_API_MAX_RETRIES,
    },
    coaching: { defaultCurrency: vars.DEFAULT_CURRENCY, promptGraceMinutes: vars.PROMPT_GRACE_MINUTES },
    delivery: {
      ratePerMinute: vars.DELIVERY_RATE_PER_MINUTE,
      concurrency: vars.DELIVERY_CONCURRENCY,
      leaseMs: vars.DELIVERY_LEASE_SECONDS * 1000,
      idlePollMs: vars.DELIVERY_POLL_MS,
    },
    metricsToken: vars.METRICS_TOKEN,
    secrets: [
      vars.SLACK_BOT_TOKEN,
      vars.SLACK_APP_TOKEN,
      vars.SLACK_SIGNING_SECRET,
      vars.SLACK_CLIENT_SECRET,
      vars.SLACK_STATE_SECRET,
      vars.METRICS_TOKEN,
      ...tokenKeys,
      databasePassword(vars.DATABASE_URL),
    ].filter((value): value is string => value !== undefined && value.length > 0),
  };
}

function resolveSlack(vars: Environment): SlackConfig {
  const given = SLACK_VARIABLES.filter((name) => vars[name] !== undefined);
  if (given.length === 0) {
    return { configured: false, missing: ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET'] };
  }

  const problems: ConfigProblem[] = [];
  const require = (name: (typeof SLACK_VARIABLES)[number], why: string): string => {
    const value = vars[name];
    if (value === undefined) problems.push({ variable: name, problem: `is required ${why}` });
    return value ?? '';
  };

  const oauthGiven = [vars.SLACK_CLIENT_ID, vars.SLACK_CLIENT_SECRET, vars.SLACK_STATE_SECRET].some(
    (value) => value !== undefined,
  );
  let authorization: SlackAuthorization;
  if (oauthGiven) {
    const why =
      'for multi-workspace installs once any of SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET is set';
    authorization = {
      kind: 'oauth',
      clientId: require('SLACK_CLIENT_ID', why),
      clientSecret: require('SLACK_CLIENT_SECRET', why),
      stateSecret: require('SLACK_STATE_SECRET', why),
    };
    if (vars.SLACK_BOT_TOKEN !== undefined) {
      problems.push({
        variable: 'SLACK_BOT_TOKEN',
        problem:
          'must not be set together with SLACK_CLIENT_ID: choose one workspace (bot token) or OAuth installs (client id/secret)',
      });
    }
  } else {
    authorization = {
      kind: 'single-workspace',
      botToken: require('SLACK_BOT_TOKEN', 'to talk to Slack (or set SLACK_CLIENT_ID/SECRET for OAuth installs)'),
    };
  }

  let transport: SlackTransport;
  if (vars.SLACK_APP_TOKEN !== undefined) {
    transport = { kind: 'socket', appToken: vars.SLACK_APP_TOKEN, signingSecret: vars.SLACK_SIGNING_SECRET };
  } else {
    transport = {
      kind: 'http',
      signingSecret: require('SLACK_SIGNING_SECRET', 'to verify requests from Slack over HTTP (or set SLACK_APP_TOKEN to use Socket Mode)'),
    };
  }

  if (problems.length > 0) throw new ConfigError(problems);
  return { configured: true, transport, authorization };
}

function withTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

function databasePassword(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    const password = decodeURIComponent(new URL(url).password);
    return password.length >= 4 ? password : undefined;
  } catch {
    return undefined;
  }
}

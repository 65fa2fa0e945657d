import { type DestinationStream, type Logger, pino } from 'pino';
import type { LogLevel } from './config.js';

export type { Logger } from 'pino';

/**
 * Slack token shapes (bot, user, app-level, refresh, config) and HTTP credentials. They are scrubbed
 * from the final JSON line rather than only from known fields, because tokens also travel inside
 * error messages and stack traces (a failed Web API call can echo its request).
 */
const TOKEN_PATTERNS: Array<[pattern: RegExp, replacement: string]> = [
  [/\b(xox[abposer]-)[A-Za-z0-9-]+/g, '$1[REDACTED]'],
  [/\b(xapp-)[A-Za-z0-9-]+/g, '$1[REDACTED]'],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g, '$1 [REDACTED]'],
  [/(postgres(?:ql)?:\/\/[^:/@\s"]+:)[^@\s"]+@/g, '$1[REDACTED]@'],
];

const REDACTED_PATHS = [
  'token',
  '*.token',
  'botToken',
  '*.botToken',
  'appToken',
  '*.appToken',
  'signingSecret',
  '*.signingSecret',
  'clientSecret',
  '*.clientSecret',
  'client_secret',
  '*.client_secret',
  'password',
  '*.password',
  'headers.authorization',
  '*.headers.authorization',
  'headers.Authorization',
  '*.headers.Authorization',
  'headers["x-slack-signature"]',
  '*.headers["x-slack-signature"]',
];

export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let scrubbed = text;
  for (const secret of secrets) {
    if (secret.length > 0) scrubbed = scrubbed.split(secret).join('[REDACTED]');
  }
  for (const [pattern, replacement] of TOKEN_PATTERNS) {
    scrubbed = scrubbed.replace(pattern, replacement);
  }
  return scrubbed;
}

export interface LoggerOptions {
  level: LogLevel;
  /** Exact secret values from the configuration, scrubbed wherever they appear. */
  secrets: readonly string[];
  /** Where JSON lines go; stdout by default. Tests pass a stream to capture them. */
  destination?: DestinationStream;
}

export function createLogger(options: LoggerOptions): Logger {
  const secrets = [...options.secrets].sort((a, b) => b.length - a.length);
  return pino(
    {
      level: options.level,
      base: { service: 'sales-coach' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' },
      hooks: { streamWrite: (line) => scrubSecrets(line, secrets) },
    },
    options.destination ?? pino.destination({ dest: 1, sync: false }),
  );
}

/** One child logger per component, so every line says which part of the bot wrote it. */
export function componentLogger(logger: Logger, component: string): Logger {
  return logger.child({ component });
}

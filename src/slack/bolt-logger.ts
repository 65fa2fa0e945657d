import { LogLevel, type Logger as SlackLogger } from '@slack/logger';
import type { Logger } from '../logger.js';

const PINO_LEVEL: Record<LogLevel, string> = {
  [LogLevel.ERROR]: 'error',
  [LogLevel.WARN]: 'warn',
  [LogLevel.INFO]: 'info',
  [LogLevel.DEBUG]: 'debug',
};

/**
 * Bolt and the Web API client log through @slack/logger's interface with console-style arguments;
 * this turns them into pino lines (an Error argument becomes `err`) so they are JSON, carry the
 * component name and pass through the same secret scrubbing as everything else.
 */
export function boltLogger(logger: Logger): SlackLogger {
  const write =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (...args: unknown[]) => {
      if (!logger.isLevelEnabled(level)) return;
      const err = args.find((arg): arg is Error => arg instanceof Error);
      const message = args
        .filter((arg) => arg !== err)
        .map((arg) => (typeof arg === 'string' ? arg : safeStringify(arg)))
        .join(' ');
      if (err === undefined) logger[level](message);
      else logger[level]({ err }, message || err.message);
    };
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    setLevel: (level) => {
      logger.level = PINO_LEVEL[level];
    },
    getLevel: () =>
      (Object.entries(PINO_LEVEL).find(([, pinoLevel]) => pinoLevel === logger.level)?.[0] as LogLevel) ??
      LogLevel.INFO,
    // Bolt names each Web API client instance; one component name is more useful in our logs.
    setName: () => undefined,
  };
}

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

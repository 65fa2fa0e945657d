import { describe, expect, it } from 'vitest';
import { createLogger, scrubSecrets } from '../src/logger.js';
import { boltLogger } from '../src/slack/bolt-logger.js';
import { CapturedLogs } from './support/captured-logs.js';

const BOT_TOKEN = 'xoxb-1111-2222-AbCdEfGhIjKl';
const SIGNING_SECRET = '0123456789abcdef0123456789abcdef';

function loggerWithCapture(level: 'info' | 'debug' = 'debug') {
  const logs = new CapturedLogs();
  const logger = createLogger({ level, secrets: [BOT_TOKEN, SIGNING_SECRET], destination: logs });
  return { logs, logger };
}

describe('scrubSecrets', () => {
  it('removes configured secrets and any Slack token shape', () => {
    const text = `call with ${BOT_TOKEN} and xoxp-9-8-other and xapp-1-A2-3-zz, secret ${SIGNING_SECRET}`;
    const scrubbed = scrubSecrets(text, [BOT_TOKEN, SIGNING_SECRET]);
    expect(scrubbed).not.toMatch(/xox[bp]-\d|xapp-1|0123456789abcdef/);
    expect(scrubbed).toBe('call with [REDACTED] and xoxp-[REDACTED] and xapp-[REDACTED], secret [REDACTED]');
  });

  it('removes Authorization credentials and database passwords', () => {
    const text = 'Authorization: Bearer abc.def-ghi and postgres://bot:pa55word@db:5432/coach';
    const scrubbed = scrubSecrets(text, []);
    expect(scrubbed).toBe('Authorization: Bearer [REDACTED] and postgres://bot:[REDACTED]@db:5432/coach');
  });
});

describe('createLogger', () => {
  it('redacts known secret fields and tokens inside error messages and stacks', () => {
    const { logs, logger } = loggerWithCapture();
    logger.info({ token: 'plain-field-value', headers: { authorization: 'Bearer zzz' } }, 'request');
    logger.error({ err: new Error(`An API error occurred: invalid_auth for token ${BOT_TOKEN}`) }, 'failed');
    logger.warn(`signature check with ${SIGNING_SECRET}`);
    expect(logs.lines).toHaveLength(3);
    expect(logs.text).not.toContain(BOT_TOKEN);
    expect(logs.text).not.toContain(SIGNING_SECRET);
    expect(logs.text).not.toContain('plain-field-value');
    expect(logs.text).not.toContain('zzz');
    expect(logs.entries()[1]).toMatchObject({ level: 'error', msg: 'failed' });
  });

  it('writes one JSON object per line with level, time and component', () => {
    const { logs, logger } = loggerWithCapture('info');
    logger.child({ component: 'test' }).info({ n: 1 }, 'hello');
    logger.debug('not at info level');
    expect(logs.entries()).toEqual([
      expect.objectContaining({
        level: 'info',
        component: 'test',
        n: 1,
        msg: 'hello',
        time: expect.any(String),
      }),
    ]);
  });
});

describe('boltLogger', () => {
  it('turns console-style Bolt calls into pino lines, errors into err', () => {
    const { logs, logger } = loggerWithCapture();
    const adapted = boltLogger(logger);
    adapted.info('Now connected', { attempt: 2 });
    adapted.error('An API error occurred:', new Error(`rejected ${BOT_TOKEN}`));
    const [info, error] = logs.entries();
    expect(info).toMatchObject({ level: 'info', msg: 'Now connected {"attempt":2}' });
    expect(error).toMatchObject({
      level: 'error',
      msg: 'An API error occurred:',
      err: { message: expect.any(String) },
    });
    expect(logs.text).not.toContain(BOT_TOKEN);
  });

  it('reports and changes the level in Slack terms', () => {
    const { logger } = loggerWithCapture('info');
    const adapted = boltLogger(logger);
    expect(adapted.getLevel()).toBe('info');
    adapted.setLevel('debug' as never);
    expect(logger.level).toBe('debug');
  });
});

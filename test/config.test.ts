import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, ENVIRONMENT_VARIABLES, loadConfig } from '../src/config.js';

const SECRET = 'abcdef0123456789abcdef0123456789';

function problemsOf(env: Record<string, string>): Array<{ variable: string; problem: string }> {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('starts unconfigured with defaults when the environment is empty', () => {
    const config = loadConfig({});
    expect(config.slack).toEqual({ configured: false, missing: ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET'] });
    expect(config.port).toBe(3000);
    expect(config.logLevel).toBe('info');
    expect(config.dataDir).toBe('.data');
    expect(config.defaultTimezone).toBe('UTC');
    expect(config.databaseUrl).toBeUndefined();
  });

  it('treats blank values as unset', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: '  ', DATABASE_URL: '' }).slack.configured).toBe(false);
  });

  it('reads a single-workspace HTTP setup and normalises the API URL', () => {
    const config = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-1-2-abc',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: 'http://127.0.0.1:9999/api',
      PORT: '8080',
    });
    expect(config.slack).toEqual({
      configured: true,
      transport: { kind: 'http', signingSecret: SECRET },
      authorization: { kind: 'single-workspace', botToken: 'xoxb-1-2-abc' },
    });
    expect(config.slackApi.url).toBe('http://127.0.0.1:9999/api/');
    expect(config.port).toBe(8080);
    expect(config.secrets).toEqual(expect.arrayContaining(['xoxb-1-2-abc', SECRET]));
  });

  it('chooses Socket Mode when an app token is set', () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1-A1-2-abc' });
    expect(config.slack.configured && config.slack.transport.kind).toBe('socket');
  });

  it('reads an OAuth (multi-workspace) setup', () => {
    const config = loadConfig({
      SLACK_CLIENT_ID: '1234567890.0987654321',
      SLACK_CLIENT_SECRET: SECRET,
      SLACK_STATE_SECRET: 'state-secret-of-some-length',
      SLACK_SIGNING_SECRET: SECRET,
    });
    expect(config.slack.configured && config.slack.authorization.kind).toBe('oauth');
  });

  it.each([
    [{ SLACK_BOT_TOKEN: 'xoxp-user-token', SLACK_SIGNING_SECRET: SECRET }, 'SLACK_BOT_TOKEN', 'xoxb-'],
    [{ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xoxb-2' }, 'SLACK_APP_TOKEN', 'xapp-'],
    [{ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'short' }, 'SLACK_SIGNING_SECRET', 'Signing Secret'],
    [{ PORT: 'eighty' }, 'PORT', 'port number'],
    [{ PORT: '70000' }, 'PORT', ''],
    [{ LOG_LEVEL: 'verbose' }, 'LOG_LEVEL', 'one of'],
    [{ DEFAULT_TIMEZONE: 'Mars/Olympus' }, 'DEFAULT_TIMEZONE', 'IANA'],
    [{ DATABASE_URL: 'mysql://localhost/db' }, 'DATABASE_URL', 'postgres://'],
    [{ SLACK_API_URL: 'not a url' }, 'SLACK_API_URL', 'http(s) URL'],
    [{ SLACK_CLIENT_ID: 'abc' }, 'SLACK_CLIENT_ID', 'Client ID'],
  ])('names the malformed variable: %o', (env, variable, hint) => {
    const problems = problemsOf(env);
    expect(problems.map((p) => p.variable)).toContain(variable);
    expect(problems.find((p) => p.variable === variable)?.problem).toContain(hint);
  });

  it('requires DATABASE_URL in production, where there is no embedded database', () => {
    expect(problemsOf({ NODE_ENV: 'production' })).toEqual([
      { variable: 'DATABASE_URL', problem: expect.stringContaining('NODE_ENV=production') },
    ]);
    expect(loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/coach' }).databaseUrl).toBe(
      'postgres://db/coach',
    );
  });

  it('names the missing variable of a half-done Slack setup and says where to find it', () => {
    const problems = problemsOf({ SLACK_BOT_TOKEN: 'xoxb-1-2-3' });
    expect(problems).toEqual([
      { variable: 'SLACK_SIGNING_SECRET', problem: expect.stringContaining('Socket Mode') },
    ]);
  });

  it('names each missing OAuth variable', () => {
    const problems = problemsOf({ SLACK_CLIENT_ID: '1.2', SLACK_SIGNING_SECRET: SECRET });
    expect(problems.map((p) => p.variable).sort()).toEqual(['SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET']);
  });

  it('refuses a bot token together with OAuth credentials', () => {
    const problems = problemsOf({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_CLIENT_ID: '1.2',
      SLACK_CLIENT_SECRET: SECRET,
      SLACK_STATE_SECRET: SECRET,
      SLACK_SIGNING_SECRET: SECRET,
    });
    expect(problems.map((p) => p.variable)).toEqual(['SLACK_BOT_TOKEN']);
  });

  it('describes every problem on its own line with where to look', () => {
    const error = new ConfigError([
      { variable: 'PORT', problem: 'must be a port number' },
      { variable: 'LOG_LEVEL', problem: 'must be one of …' },
    ]);
    expect(error.describe()).toMatch(/ {2}- PORT must be a port number\n {2}- LOG_LEVEL/);
    expect(error.describe()).toContain('.env.example');
  });

  it('collects the database password among the secrets to scrub', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://bot:s3cr3t-pw@db:5432/coach' }).secrets).toContain(
      's3cr3t-pw',
    );
  });

  it('reads token keys for installations at rest, current first, and scrubs them from logs', () => {
    const current = Buffer.alloc(32, 1).toString('base64');
    const previous = Buffer.alloc(32, 2).toString('base64');
    expect(loadConfig({}).tokenKeys).toEqual([]);
    const config = loadConfig({
      SLACK_TOKEN_ENCRYPTION_KEY: current,
      SLACK_TOKEN_ENCRYPTION_KEY_PREVIOUS: previous,
    });
    expect(config.tokenKeys).toEqual([current, previous]);
    expect(config.secrets).toEqual(expect.arrayContaining([current, previous]));
  });

  it('reads METRICS_TOKEN, a secret of 16 or more characters, and scrubs it from logs; unset, metrics are off', () => {
    expect(loadConfig({}).metricsToken).toBeUndefined();
    expect(loadConfig({ METRICS_TOKEN: ' ' }).metricsToken).toBeUndefined();
    const config = loadConfig({ METRICS_TOKEN: SECRET });
    expect(config.metricsToken).toBe(SECRET);
    expect(config.secrets).toContain(SECRET);
    for (const weak of ['short-token', 'sixteen chars!!!', 'dGhpcyBpcyBiYXNlNjQ=']) {
      expect(problemsOf({ METRICS_TOKEN: weak }), weak).toEqual([
        { variable: 'METRICS_TOKEN', problem: expect.stringContaining('at least 16') },
      ]);
    }
  });

  it('has every variable documented in README.md’s table and in .env.example', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const example = readFileSync(new URL('../.env.example', import.meta.url), 'utf8');
    expect(ENVIRONMENT_VARIABLES).toContain('METRICS_TOKEN');
    for (const variable of ENVIRONMENT_VARIABLES) {
      expect(readme, variable).toContain(`| \`${variable}\` |`);
      expect(example, variable).toMatch(new RegExp(`^#? ?${variable}=`, 'm'));
    }
  });

  it('refuses a token key that is not 32 bytes of base64, or a previous key alone', () => {
    expect(problemsOf({ SLACK_TOKEN_ENCRYPTION_KEY: 'hunter2' })).toEqual([
      { variable: 'SLACK_TOKEN_ENCRYPTION_KEY', problem: expect.stringContaining('openssl rand -base64 32') },
    ]);
    expect(problemsOf({ SLACK_TOKEN_ENCRYPTION_KEY: Buffer.alloc(16).toString('base64') })[0]?.variable).toBe(
      'SLACK_TOKEN_ENCRYPTION_KEY',
    );
    expect(
      problemsOf({ SLACK_TOKEN_ENCRYPTION_KEY_PREVIOUS: Buffer.alloc(32, 2).toString('base64') }),
    ).toEqual([{ variable: 'SLACK_TOKEN_ENCRYPTION_KEY', problem: expect.stringContaining('is required') }]);
  });
});

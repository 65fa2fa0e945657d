import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPersonBySlackId } from '../../src/db/queries/people.js';
import { findWorkspace } from '../../src/db/queries/workspaces.js';
import { TokenKeyError } from '../../src/domain/workspaces/token-cipher.js';
import { startTestBot, useBotFixture } from '../support/bot.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { SlackDriver } from '../support/slack-driver.js';
import { SlackStandIn } from '../support/slack-stand-in/index.js';

const OAUTH_ENV = {
  SLACK_BOT_TOKEN: '',
  SLACK_CLIENT_ID: '1111111111.2222222222',
  SLACK_CLIENT_SECRET: 'client0secret0of0thirty0two0chars',
  SLACK_STATE_SECRET: 'state-secret-for-the-oauth-flow',
};
const INSTALLED_TOKEN = 'xoxb-2222-installed-second-workspace';
/** Who clicks through the install: a sales-ops person, not a Slack workspace admin. */
const INSTALLER = 'U0SALESOPS1';

/**
 * Runs /slack/install → Slack's consent → /slack/oauth_redirect; `grant` changes what oauth.v2.access
 * answers (another installer, an org-wide install).
 */
async function installThroughOAuth(
  baseUrl: string,
  standIn: SlackStandIn,
  grant: Record<string, unknown> = {},
): Promise<Response> {
  const start = await fetch(`${baseUrl}/slack/install`, { redirect: 'manual' });
  expect(start.status).toBe(302);
  const authorizeUrl = new URL(start.headers.get('location') ?? '');
  expect(authorizeUrl.searchParams.get('client_id')).toBe(OAUTH_ENV.SLACK_CLIENT_ID);
  expect(authorizeUrl.searchParams.get('scope')).toContain('chat:write');
  const state = authorizeUrl.searchParams.get('state') ?? '';
  const cookie = (start.headers.get('set-cookie') ?? '').split(';')[0] ?? '';

  standIn.respond('oauth.v2.access', () => ({
    access_token: INSTALLED_TOKEN,
    token_type: 'bot',
    scope: 'chat:write,commands',
    bot_user_id: 'UBOT000002',
    app_id: 'A0001',
    team: { id: 'T0002', name: 'Second Co' },
    enterprise: null,
    is_enterprise_install: false,
    authed_user: { id: INSTALLER },
    ...grant,
  }));
  return fetch(`${baseUrl}/slack/oauth_redirect?code=temporary-code&state=${encodeURIComponent(state)}`, {
    headers: { cookie },
    redirect: 'manual',
  });
}

describe('multi-workspace OAuth install', () => {
  const fixture = useBotFixture({ env: OAUTH_ENV });
  const secondWorkspace = () =>
    new SlackDriver({
      baseUrl: fixture.bot.baseUrl,
      signingSecret: fixture.bot.signingSecret,
      teamId: 'T0002',
    });

  const install = (grant?: Record<string, unknown>) =>
    installThroughOAuth(fixture.bot.baseUrl, fixture.standIn, grant);
  const person = (slackUserId: string) => findPersonBySlackId(fixture.database.db, 'T0002', slackUserId);
  const logEntries = (msg: string) => fixture.bot.logs.entries().filter((entry) => entry.msg === msg);

  /** Sends `/coach <text>` in the installed workspace; returns the ephemeral reply. */
  async function coach(userId: string, text: string): Promise<string> {
    const driver = new SlackDriver({
      baseUrl: fixture.bot.baseUrl,
      signingSecret: fixture.bot.signingSecret,
      teamId: 'T0002',
      responseUrlBase: fixture.standIn.baseUrl,
    });
    const before = fixture.standIn.calls('response_url').length;
    const response = await driver.slashCommand({ command: '/coach', text, userId });
    expect(response.status).toBe(200);
    const calls = await fixture.standIn.waitForCalls('response_url', before + 1, 5_000);
    return String(calls[before]?.args.text);
  }

  beforeAll(() => {
    // Known to Slack, so the bot's profile refresh finds them whenever it runs; neither is a Slack admin.
    fixture.standIn.addUser({ id: INSTALLER, real_name: 'Sally Salesops' });
    fixture.standIn.addUser({ id: 'U0SALESOPS2', real_name: 'Rob Revops' });
  });

  it('starts without a bot token and says nothing is installed for an unknown workspace', async () => {
    const response = await secondWorkspace().blockAction({ userId: 'U0REP2', actionId: 'tour_open' });
    expect(response.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(fixture.standIn.calls('views.open')).toEqual([]);
  });

  it('completes an install through Slack’s OAuth exchange and stores it in Postgres', async () => {
    const finished = await install();
    expect(finished.status).toBe(200);
    expect(fixture.standIn.calls('oauth.v2.access')[0]?.args).toMatchObject({
      code: 'temporary-code',
      client_id: OAUTH_ENV.SLACK_CLIENT_ID,
    });
    expect(await findWorkspace(fixture.database.db, 'T0002')).toMatchObject({
      name: 'Second Co',
      uninstalled_at: null,
    });
    const stored = await fixture.database.db.selectFrom('slack_installations').selectAll().execute();
    expect(stored).toMatchObject([{ install_key: 'T:T0002', team_id: 'T0002', bot_user_id: 'UBOT000002' }]);
  });

  it('makes the installing user an admin of the bot in that workspace, and nothing else', async () => {
    expect(await person(INSTALLER)).toMatchObject({ is_admin: true, is_rep: false, is_manager: false });
    expect(logEntries('the installer is an admin of the bot')).toMatchObject([
      { workspaceId: 'T0002', installerId: INSTALLER },
    ]);
  });

  it('serves the installed workspace with its own token', async () => {
    await secondWorkspace().blockAction({ userId: 'U0REP2', actionId: 'tour_open' });
    const [open] = await fixture.standIn.waitForCalls('views.open', 1);
    expect(open?.token).toBe(INSTALLED_TOKEN);
  });

  it('lets the installer, who is not a Slack workspace admin, set the bot up', async () => {
    expect(await coach(INSTALLER, 'team EMEA create')).toMatch(/^Team \*EMEA\* created/);
    const teams = await fixture.database.db.selectFrom('teams').select(['workspace_id', 'name']).execute();
    expect(teams).toEqual([{ workspace_id: 'T0002', name: 'EMEA' }]);
  });

  it('makes whoever reinstalls an admin too, keeping the first installer and their other roles', async () => {
    expect(await coach(INSTALLER, 'add <@U0SALESOPS2|rob>')).toContain('U0SALESOPS2');
    expect((await install({ authed_user: { id: 'U0SALESOPS2' } })).status).toBe(200);
    expect(await person(INSTALLER)).toMatchObject({ is_admin: true });
    expect(await person('U0SALESOPS2')).toMatchObject({
      is_admin: true,
      is_rep: true,
      display_name: 'Rob Revops',
    });
    const stored = await fixture.database.db
      .selectFrom('slack_installations')
      .select('install_key')
      .execute();
    expect(stored).toEqual([{ install_key: 'T:T0002' }]);
  });

  it('keeps an install whose installer cannot be recorded, and warns', async () => {
    const db = fixture.database.db;
    await sql`create function refuse_people() returns trigger language plpgsql as $$
      begin raise exception 'people are read-only in this test'; end $$`.execute(db);
    await sql`create trigger refuse_people before insert or update on people
      for each row execute function refuse_people()`.execute(db);
    try {
      expect((await install({ authed_user: { id: 'U0SALESOPS3' } })).status).toBe(200);
    } finally {
      await sql`drop trigger refuse_people on people`.execute(db);
      await sql`drop function refuse_people()`.execute(db);
    }
    expect(await person('U0SALESOPS3')).toBeUndefined();
    expect(await db.selectFrom('slack_installations').select('install_key').execute()).toEqual([
      { install_key: 'T:T0002' },
    ]);
    const [warning] = logEntries(
      'the installer could not be made an admin of the bot; a Slack workspace admin can run /coach admin',
    );
    expect(warning).toMatchObject({ level: 'warn', workspaceId: 'T0002', installerId: 'U0SALESOPS3' });
    expect(JSON.stringify(warning?.err)).toContain('people are read-only in this test');
  });

  it('logs neither the client secret nor the installed token', () => {
    expect(fixture.bot.logs.lines.length).toBeGreaterThan(0);
    expect(fixture.bot.logs.text).not.toContain(OAUTH_ENV.SLACK_CLIENT_SECRET);
    expect(fixture.bot.logs.text).not.toContain(OAUTH_ENV.SLACK_STATE_SECRET);
    expect(fixture.bot.logs.text).not.toContain(INSTALLED_TOKEN);
  });

  it('refuses an OAuth callback whose state it did not issue', async () => {
    const forged = await fetch(`${fixture.bot.baseUrl}/slack/oauth_redirect?code=x&state=forged-state`, {
      redirect: 'manual',
    });
    expect(forged.status).toBeGreaterThanOrEqual(400);
    expect(fixture.standIn.calls('oauth.v2.access')).toEqual([]);
  });

  it('forgets the installation when the app is uninstalled', async () => {
    await secondWorkspace().event({ type: 'app_uninstalled' });
    await expect
      .poll(
        async () =>
          (await fixture.database.db.selectFrom('slack_installations').selectAll().execute()).length,
      )
      .toBe(0);
    expect((await findWorkspace(fixture.database.db, 'T0002'))?.uninstalled_at).toBeInstanceOf(Date);
    await secondWorkspace().blockAction({ userId: 'U0REP2', actionId: 'tour_open' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(fixture.standIn.calls('views.open')).toEqual([]);
  });

  it('makes no one an admin on an org-wide install, which names no workspace, and says so', async () => {
    const finished = await install({
      team: null,
      enterprise: { id: 'E0001', name: 'Acme Group' },
      is_enterprise_install: true,
      authed_user: { id: 'U0ORGADMIN' },
    });
    expect(finished.status).toBe(200);
    expect(
      await fixture.database.db.selectFrom('slack_installations').select('install_key').execute(),
    ).toEqual([{ install_key: 'E:E0001' }]);
    const people = await fixture.database.db.selectFrom('people').select('slack_user_id').execute();
    expect(people.map((row) => row.slack_user_id)).not.toContain('U0ORGADMIN');
    expect(
      logEntries('org-wide install: the installer was not made an admin of the bot in any workspace'),
    ).toMatchObject([{ enterpriseId: 'E0001', installerId: 'U0ORGADMIN' }]);
  });
});

describe('OAuth installations sealed with SLACK_TOKEN_ENCRYPTION_KEY', () => {
  let database: TestDatabase;
  let standIn: SlackStandIn;
  beforeAll(async () => {
    database = await createTestDatabase();
    standIn = await SlackStandIn.start();
  });
  afterAll(async () => {
    await standIn?.stop();
    await database?.drop();
  });
  const firstKey = randomBytes(32).toString('base64');
  const secondKey = randomBytes(32).toString('base64');
  const startWith = (keys: Record<string, string>) =>
    startTestBot({ standIn, databaseUrl: database.url, env: { ...OAUTH_ENV, ...keys } });
  const storedText = async () =>
    JSON.stringify(await database.db.selectFrom('slack_installations').select('installation').execute());
  const openTour = async (baseUrl: string, signingSecret: string) => {
    standIn.reset();
    await new SlackDriver({ baseUrl, signingSecret, teamId: 'T0002' }).blockAction({
      userId: 'U0REP2',
      actionId: 'tour_open',
    });
    const [open] = await standIn.waitForCalls('views.open', 1);
    return open?.token;
  };

  it('keeps the installed token out of the database and still serves the workspace with it', async () => {
    const bot = await startWith({ SLACK_TOKEN_ENCRYPTION_KEY: firstKey });
    try {
      expect((await installThroughOAuth(bot.baseUrl, standIn)).status).toBe(200);
      expect(await storedText()).not.toContain(INSTALLED_TOKEN);
      expect(await openTour(bot.baseUrl, bot.signingSecret)).toBe(INSTALLED_TOKEN);
      expect(bot.logs.text).not.toContain(firstKey);
    } finally {
      await bot.stop();
    }
  });

  it('refuses to start without the key that sealed them, naming the variable', async () => {
    await expect(startWith({})).rejects.toThrow(TokenKeyError);
    await expect(startWith({})).rejects.toThrow(/SLACK_TOKEN_ENCRYPTION_KEY is not set/);
  });

  it('re-seals them under a new key at start and serves with the new key alone afterwards', async () => {
    const before = await storedText();
    const rotating = await startWith({
      SLACK_TOKEN_ENCRYPTION_KEY: secondKey,
      SLACK_TOKEN_ENCRYPTION_KEY_PREVIOUS: firstKey,
    });
    await rotating.stop();
    expect(await storedText()).not.toBe(before);
    expect(rotating.logs.text).toContain('sealed OAuth installations');

    const bot = await startWith({ SLACK_TOKEN_ENCRYPTION_KEY: secondKey });
    try {
      expect(await openTour(bot.baseUrl, bot.signingSecret)).toBe(INSTALLED_TOKEN);
    } finally {
      await bot.stop();
    }
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { findWorkspace } from '../../src/db/queries/workspaces.js';
import { startTestBot, type TestBot } from '../support/bot.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { SlackDriver } from '../support/slack-driver.js';
import { SlackStandIn } from '../support/slack-stand-in.js';

const OAUTH_ENV = {
  SLACK_BOT_TOKEN: '',
  SLACK_CLIENT_ID: '1111111111.2222222222',
  SLACK_CLIENT_SECRET: 'client0secret0of0thirty0two0chars',
  SLACK_STATE_SECRET: 'state-secret-for-the-oauth-flow',
};
const INSTALLED_TOKEN = 'xoxb-2222-installed-second-workspace';

describe('multi-workspace OAuth install', () => {
  let database: TestDatabase;
  let standIn: SlackStandIn;
  let bot: TestBot;
  let secondWorkspace: SlackDriver;

  beforeAll(async () => {
    database = await createTestDatabase();
    standIn = await SlackStandIn.start();
    bot = await startTestBot({ standIn, databaseUrl: database.url, env: OAUTH_ENV });
    secondWorkspace = new SlackDriver({
      baseUrl: bot.baseUrl,
      signingSecret: bot.signingSecret,
      teamId: 'T0002',
    });
  });
  afterAll(async () => {
    await bot?.stop();
    await standIn?.stop();
    await database?.drop();
  });
  beforeEach(() => standIn.reset());

  async function install(): Promise<Response> {
    const start = await fetch(`${bot.baseUrl}/slack/install`, { redirect: 'manual' });
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
      authed_user: { id: 'U0ADMIN2' },
    }));
    return fetch(
      `${bot.baseUrl}/slack/oauth_redirect?code=temporary-code&state=${encodeURIComponent(state)}`,
      {
        headers: { cookie },
        redirect: 'manual',
      },
    );
  }

  it('starts without a bot token and says nothing is installed for an unknown workspace', async () => {
    const response = await secondWorkspace.blockAction({ userId: 'U0REP2', actionId: 'tour_open' });
    expect(response.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(standIn.calls('views.open')).toEqual([]);
  });

  it('completes an install through Slack’s OAuth exchange and stores it in Postgres', async () => {
    const finished = await install();
    expect(finished.status).toBe(200);
    expect(standIn.calls('oauth.v2.access')[0]?.args).toMatchObject({
      code: 'temporary-code',
      client_id: OAUTH_ENV.SLACK_CLIENT_ID,
    });
    expect(await findWorkspace(database.db, 'T0002')).toMatchObject({
      name: 'Second Co',
      uninstalled_at: null,
    });
    const stored = await database.db.selectFrom('slack_installations').selectAll().execute();
    expect(stored).toMatchObject([{ install_key: 'T:T0002', team_id: 'T0002', bot_user_id: 'UBOT000002' }]);
  });

  it('serves the installed workspace with its own token', async () => {
    await secondWorkspace.blockAction({ userId: 'U0REP2', actionId: 'tour_open' });
    const [open] = await standIn.waitForCalls('views.open', 1);
    expect(open?.token).toBe(INSTALLED_TOKEN);
  });

  it('logs neither the client secret nor the installed token', () => {
    expect(bot.logs.lines.length).toBeGreaterThan(0);
    expect(bot.logs.text).not.toContain(OAUTH_ENV.SLACK_CLIENT_SECRET);
    expect(bot.logs.text).not.toContain(OAUTH_ENV.SLACK_STATE_SECRET);
    expect(bot.logs.text).not.toContain(INSTALLED_TOKEN);
  });

  it('refuses an OAuth callback whose state it did not issue', async () => {
    const forged = await fetch(`${bot.baseUrl}/slack/oauth_redirect?code=x&state=forged-state`, {
      redirect: 'manual',
    });
    expect(forged.status).toBeGreaterThanOrEqual(400);
    expect(standIn.calls('oauth.v2.access')).toEqual([]);
  });

  it('forgets the installation when the app is uninstalled', async () => {
    await secondWorkspace.event({ type: 'app_uninstalled' });
    await expect
      .poll(async () => (await database.db.selectFrom('slack_installations').selectAll().execute()).length)
      .toBe(0);
    expect((await findWorkspace(database.db, 'T0002'))?.uninstalled_at).toBeInstanceOf(Date);
    await secondWorkspace.blockAction({ userId: 'U0REP2', actionId: 'tour_open' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(standIn.calls('views.open')).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { useBotFixture } from '../support/bot.js';

describe('requests from Slack over HTTP', () => {
  const fixture = useBotFixture();

  async function processedEventCount(): Promise<number> {
    const rows = await fixture.database.db.selectFrom('processed_slack_events').select('event_id').execute();
    return rows.length;
  }

  const message = {
    type: 'message',
    channel_type: 'im',
    channel: 'D0001',
    user: 'U0REP',
    text: 'hi',
    ts: '1.000100',
  };
  const fiveMinutesAndASecondAgo = () => Math.floor(Date.now() / 1000) - 301;

  it.each([
    ['a forged signature', { signature: 'forged' as const }],
    ['no signature header', { signature: 'missing' as const }],
    ['no timestamp header', { omitTimestamp: true }],
    ['a timestamp more than 5 minutes old', { timestampSeconds: fiveMinutesAndASecondAgo() }],
    ['a body changed after signing', { tamperBodyAfterSigning: true }],
  ])('rejects an event with %s: 401, no listener, nothing written', async (_case, options) => {
    const response = await fixture.bot.driver.event(message, {}, options);
    expect(response.status).toBe(401);
    // Give a wrongly reached listener the time it would need to call Slack or write a row.
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(fixture.standIn.calls()).toEqual([]);
    expect(await processedEventCount()).toBe(0);
  });

  it.each([
    ['a forged signature', { signature: 'forged' as const }],
    ['a timestamp more than 5 minutes old', { timestampSeconds: fiveMinutesAndASecondAgo() }],
    ['a body changed after signing', { tamperBodyAfterSigning: true }],
  ])('rejects /coach help with %s', async (_case, options) => {
    const response = await fixture.bot.driver.slashCommand(
      { command: '/coach', text: 'help', userId: 'U0REP' },
      options,
    );
    expect(response.status).toBe(401);
    expect(response.text).toBe('');
  });

  it('rejects a forged button click without opening anything', async () => {
    const response = await fixture.bot.driver.blockAction(
      { userId: 'U0REP', actionId: 'tour_open' },
      { signature: 'forged' },
    );
    expect(response.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(fixture.standIn.calls('views.open')).toEqual([]);
  });

  it('answers a signed /coach help within 3 seconds with an ephemeral help message', async () => {
    const response = await fixture.bot.driver.slashCommand({
      command: '/coach',
      text: 'help',
      userId: 'U0REP',
    });
    expect(response.status).toBe(200);
    expect(response.elapsedMs).toBeLessThan(3000);
    const body = response.json as { response_type: string; text: string; blocks: Array<{ type: string }> };
    expect(body.response_type).toBe('ephemeral');
    expect(body.text).toContain('/coach help');
    expect(body.text).toContain('/dealreview');
    expect(body.blocks.map((block) => block.type)).toContain('actions');
    // The answer travels in the HTTP response: no Web API call, no response_url.
    expect(fixture.standIn.calls()).toEqual([]);
  });

  it('answers a bare /coach like /coach help', async () => {
    const response = await fixture.bot.driver.slashCommand({ command: '/coach', text: '', userId: 'U0REP' });
    expect(response.json).toMatchObject({
      response_type: 'ephemeral',
      text: expect.stringContaining('/ranking'),
    });
  });

  it('says which /coach subcommand it does not know', async () => {
    const response = await fixture.bot.driver.slashCommand({
      command: '/coach',
      text: 'frobnicate now',
      userId: 'U0REP',
    });
    expect(response.json).toMatchObject({
      response_type: 'ephemeral',
      text: expect.stringContaining("I don't know `/coach frobnicate`"),
    });
  });

  it('answers the url_verification challenge', async () => {
    const response = await fixture.bot.driver.urlVerification(
      '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P',
    );
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P' });
  });

  it('refuses a url_verification that is not signed', async () => {
    const response = await fixture.bot.driver.urlVerification('abc', { signature: 'forged' });
    expect(response.status).toBe(401);
  });
});

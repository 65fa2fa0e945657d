import { App, type Receiver } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { groupListeners } from '../../src/slack/listeners/grouped.js';

const noReceiver: Receiver = {
  init: () => undefined,
  start: async () => undefined,
  stop: async () => undefined,
};

function newApp() {
  return new App({ receiver: noReceiver, token: 'xoxb-grouped', botId: 'B1', botUserId: 'U1' });
}

const command = (name: string) => ({
  command: name,
  text: '',
  user_id: 'U1',
  channel_id: 'C1',
  team_id: 'T1',
  response_url: 'https://hooks.example/x',
  trigger_id: '1.2.3',
});
const event = (type: string) => ({
  type: 'event_callback',
  team_id: 'T1',
  event_id: `Ev-${type}`,
  event: { type, user: 'U2', channel: 'D1', ts: '1.1' },
});

/** What Bolt's listener list holds: [filter, matcher, ...middleware] per registered listener. */
const boltListenerCount = (app: App) => (app as unknown as { listeners: unknown[] }).listeners.length;

describe('grouped listeners', () => {
  it('give Bolt one listener per kind of request and still call the right callback', async () => {
    const app = newApp();
    const called: string[] = [];
    const grouped = groupListeners(app);
    for (const name of ['/coach', '/dealreview', '/ranking']) {
      grouped.registry.command(name, async ({ ack }) => {
        called.push(name);
        await ack();
      });
    }
    for (const type of ['app_home_opened', 'message', 'app.uninstalled?']) {
      grouped.registry.event(type, async () => {
        called.push(type);
      });
    }
    grouped.registry.action('tour_open', async ({ ack }) => {
      called.push('tour_open');
      await ack();
    });
    grouped.attach();
    expect(boltListenerCount(app)).toBe(3);

    const ack = async () => undefined;
    for (const body of [command('/ranking'), command('/coach'), command('/unknown')]) {
      await app.processEvent({ body, ack } as never);
    }
    for (const body of [event('message'), event('app.uninstalled?'), event('app_uninstalledX')]) {
      await app.processEvent({ body, ack } as never);
    }
    expect(called).toEqual(['/ranking', '/coach', 'message', 'app.uninstalled?']);
  });

  it('hands patterns, several middleware and a second callback for an id to Bolt as they are', async () => {
    const app = newApp();
    const called: string[] = [];
    const grouped = groupListeners(app);
    const note =
      (what: string) =>
      async ({ ack }: { ack: () => Promise<void> }) => {
        called.push(what);
        await ack();
      };
    grouped.registry.command('/coach', note('first'));
    grouped.registry.command('/coach', note('second'));
    grouped.registry.command(/^\/rank/, note('pattern'));
    grouped.registry.command('/deal', async ({ next }) => next(), note('after middleware'));
    grouped.attach();
    expect(boltListenerCount(app)).toBe(4);

    const ack = async () => undefined;
    for (const name of ['/coach', '/ranking', '/deal'])
      await app.processEvent({ body: command(name), ack } as never);
    expect(called.sort()).toEqual(['after middleware', 'first', 'pattern', 'second']);
  });

  it('lets a failing callback reach the error handler as before', async () => {
    const app = newApp();
    const errors: unknown[] = [];
    app.error(async (error) => {
      errors.push(error.original ?? error);
    });
    const grouped = groupListeners(app);
    grouped.registry.command('/coach', async () => {
      throw new Error('boom');
    });
    grouped.registry.command('/ranking', async () => undefined);
    grouped.attach();
    await app.processEvent({ body: command('/coach'), ack: async () => undefined } as never);
    expect(errors).toEqual([new Error('boom')]);
  });

  it('gives every callback, grouped or handed to Bolt, the arguments the adapter makes', async () => {
    const app = newApp();
    const clients: Array<[string, unknown]> = [];
    const grouped = groupListeners(app, (args) => ({
      ...args,
      client: `client of ${(args.context as { botToken?: string }).botToken}`,
    }));
    const note =
      (what: string) =>
      async ({ ack, client }: { ack: () => Promise<void>; client: unknown }) => {
        clients.push([what, client]);
        await ack();
      };
    grouped.registry.command('/coach', note('only id of its kind') as never);
    grouped.registry.action('tour_open', note('grouped') as never);
    grouped.registry.action('tour_close', note('grouped') as never);
    grouped.registry.command(/^\/rank/, note('pattern') as never);
    grouped.attach();

    const ack = async () => undefined;
    for (const name of ['/coach', '/ranking']) await app.processEvent({ body: command(name), ack } as never);
    const click = {
      type: 'block_actions',
      team: { id: 'T1' },
      user: { id: 'U1' },
      trigger_id: '1.2.3',
      actions: [{ type: 'button', action_id: 'tour_close', block_id: 'b', action_ts: '1.1' }],
    };
    await app.processEvent({ body: click, ack } as never);
    expect(clients).toEqual([
      ['only id of its kind', 'client of xoxb-grouped'],
      ['pattern', 'client of xoxb-grouped'],
      ['grouped', 'client of xoxb-grouped'],
    ]);
  });
});

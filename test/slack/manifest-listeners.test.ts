import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BOT_SCOPES } from '../../src/slack/app.js';
import { type ListenerRegistry, registerListeners } from '../../src/slack/listeners/index.js';
import { slackReferencePath } from '../support/slack-reference.js';

interface Manifest {
  features: { slash_commands: Array<{ command: string }>; shortcuts?: Array<{ callback_id: string }> };
  oauth_config: { scopes: { bot: string[] } };
  settings: { event_subscriptions: { bot_events: string[] }; interactivity: { is_enabled: boolean } };
}

const manifest = parse(
  readFileSync(path.resolve(import.meta.dirname, '../../manifest.yml'), 'utf8'),
) as Manifest;

/** Runs the real registration against a recorder instead of Bolt, and returns what was registered. */
function registeredListeners() {
  const registered = {
    commands: [] as string[],
    events: [] as string[],
    actions: [] as string[],
    views: [] as string[],
    shortcuts: [] as string[],
  };
  const record =
    (into: string[]) =>
    (id: unknown): void => {
      into.push(String(id));
    };
  const recorder = {
    command: record(registered.commands),
    event: record(registered.events),
    action: record(registered.actions),
    view: record(registered.views),
    shortcut: record(registered.shortcuts),
  } as unknown as ListenerRegistry;
  registerListeners(recorder, {
    db: {} as never,
    clock: { now: () => new Date() },
    logger: {} as never,
    directory: {} as never,
    channels: {} as never,
    defaultCurrency: 'USD',
    defaultTimeZone: 'UTC',
    promptGraceMinutes: 180,
    dealReview: {} as never,
    standings: {} as never,
  });
  return registered;
}

/** Bolt listens to `message`; the manifest subscribes to `message.<channel type>`. */
function asManifestEvent(event: string): string {
  return event === 'message' ? 'message.im' : event;
}

describe('manifest.yml and the registered listeners', () => {
  const registered = registeredListeners();

  it('declare the same slash commands', () => {
    expect(registered.commands.sort()).toEqual(manifest.features.slash_commands.map((c) => c.command).sort());
  });

  it('declare the same bot events', () => {
    expect(registered.events.map(asManifestEvent).sort()).toEqual(
      [...manifest.settings.event_subscriptions.bot_events].sort(),
    );
  });

  it('declare the same shortcuts (global and message shortcuts carry callback ids in the manifest)', () => {
    expect(registered.shortcuts.sort()).toEqual(
      (manifest.features.shortcuts ?? []).map((s) => s.callback_id).sort(),
    );
  });

  it('enable interactivity exactly when the code listens to buttons or modals', () => {
    const interactive = registered.actions.length + registered.views.length + registered.shortcuts.length > 0;
    expect(manifest.settings.interactivity.is_enabled).toBe(interactive);
  });

  it('request the same bot scopes on OAuth install', () => {
    expect([...BOT_SCOPES].sort()).toEqual([...manifest.oauth_config.scopes.bot].sort());
  });

  it('ask for no bot scope that no Web API call, slash command or event of the bot needs', () => {
    // Every source file, as text: a method is called when its name appears as `.chat.postMessage(`
    // (the Web API client) or as a quoted string (apiCall and the Web API thread).
    const srcDir = path.resolve(import.meta.dirname, '../../src');
    const source = readdirSync(srcDir, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts'))
      .map((file) => readFileSync(path.join(srcDir, file), 'utf8'))
      .join('\n');
    const methodsDir = slackReferencePath('methods');
    const needed = new Set<string>();
    if (manifest.features.slash_commands.length > 0) needed.add('commands');
    if (manifest.settings.event_subscriptions.bot_events.includes('message.im')) needed.add('im:history');
    for (const file of readdirSync(methodsDir).filter((name) => name.endsWith('.json'))) {
      const method = file.slice(0, -'.json'.length);
      const called = source.includes(`.${method}(`) || source.includes(`'${method}'`);
      if (!called) continue;
      const { scope } = JSON.parse(readFileSync(path.join(methodsDir, file), 'utf8')) as {
        scope: { bot?: string[] };
      };
      for (const needs of scope.bot ?? []) needed.add(needs);
    }
    expect(manifest.oauth_config.scopes.bot.filter((scope) => !needed.has(scope))).toEqual([]);
  });
});

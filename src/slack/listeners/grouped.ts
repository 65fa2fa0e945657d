import type { ListenerRegistry } from './index.js';

type Surface = 'command' | 'event' | 'action' | 'view' | 'shortcut';
type Callback = (args: Record<string, unknown>) => Promise<void>;
type Register = (idOrPattern: unknown, ...listeners: unknown[]) => void;

/** The id Bolt matched a grouped listener on, read from the listener's arguments. */
const ID_OF: Record<Surface, (args: Record<string, unknown>) => unknown> = {
  command: (args) => (args.command as { command?: string }).command,
  event: (args) => (args.event as { type?: string }).type,
  action: (args) => (args.payload as { action_id?: string }).action_id,
  view: (args) => (args.view as { callback_id?: string }).callback_id,
  shortcut: (args) => (args.body as { callback_id?: string }).callback_id,
};

/** Turns the arguments Bolt gives a listener into those its callback gets (the bot swaps the client). */
export type ArgsAdapter = (args: Record<string, unknown>) => Record<string, unknown>;

/**
 * Bolt runs the filter middleware of every registered listener for every request, each listener
 * deciding for itself whether the request is its own: on the ack benchmark each listener cost every
 * request about 6 µs, whatever its kind. Listeners registered here by a plain id with one callback are
 * grouped per kind of request: Bolt gets one listener per kind, whose pattern matches exactly those
 * ids, and the callback is found by id in a map. Patterns, constraint objects, several middleware or a
 * second callback for the same id go to Bolt as they are, so Bolt's behaviour stays the same.
 *
 * Every callback, grouped or not, gets its arguments through `adapt`.
 *
 * Call `attach()` once every listener is registered.
 */
export function groupListeners(
  app: ListenerRegistry,
  adapt: ArgsAdapter = (args) => args,
): { registry: ListenerRegistry; attach(): void } {
  const groups = new Map<Surface, Map<string, Callback>>();
  const boltRegister = (surface: Surface): Register => (app[surface] as Register).bind(app);
  const adapted =
    (callback: Callback): Callback =>
    (args) =>
      callback(adapt(args));

  const register =
    (surface: Surface): Register =>
    (idOrPattern, ...listeners) => {
      const group = groups.get(surface) ?? new Map<string, Callback>();
      groups.set(surface, group);
      const [callback] = listeners;
      if (typeof idOrPattern !== 'string' || listeners.length !== 1 || group.has(idOrPattern)) {
        const last = listeners.length - 1;
        boltRegister(surface)(
          idOrPattern,
          ...listeners.map((listener, index) => (index === last ? adapted(listener as Callback) : listener)),
        );
        return;
      }
      group.set(idOrPattern, callback as Callback);
    };

  return {
    // The methods take what Bolt's do; only plain ids with one callback are grouped.
    registry: {
      command: register('command'),
      event: register('event'),
      action: register('action'),
      view: register('view'),
      shortcut: register('shortcut'),
    } as unknown as ListenerRegistry,
    attach() {
      for (const [surface, group] of groups) {
        const ids = [...group.keys()];
        if (ids.length === 0) continue;
        const [onlyId] = ids;
        if (ids.length === 1 && onlyId !== undefined) {
          boltRegister(surface)(onlyId, adapted(group.get(onlyId) as Callback));
          continue;
        }
        const pattern = new RegExp(`^(?:${ids.map(escapeRegExp).join('|')})$`);
        const idOf = ID_OF[surface];
        boltRegister(surface)(pattern, (args: Record<string, unknown>) =>
          group.get(idOf(args) as string)?.(adapt(args)),
        );
      }
      groups.clear();
    },
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

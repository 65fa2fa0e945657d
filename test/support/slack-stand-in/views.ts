// views.open/push/update/publish, with trigger_id, external_id and hash rules.
import {
  type Args,
  failure,
  invalidArguments,
  isFlagSet,
  type SlackAnswer,
  stringArg,
  viewProblem,
} from './arguments.js';
import { randomId, viewHash } from './ids.js';
import type { StandInState } from './state.js';

function claimTrigger(state: StandInState, args: Args): SlackAnswer | undefined {
  const trigger = stringArg(args.trigger_id) ?? stringArg(args.interactivity_pointer);
  if (!trigger) return invalidArguments('missing required field: trigger_id');
  // A trigger_id opens exactly one view; reusing it is a real bug Slack reports.
  if (state.usedTriggerIds.has(trigger)) return failure('exchanged_trigger_id');
  state.usedTriggerIds.add(trigger);
  return undefined;
}

function duplicateExternalId(state: StandInState, view: Record<string, unknown>, ownId?: string): boolean {
  const externalId = stringArg(view.external_id);
  if (!externalId) return false;
  return [...state.views.values()].some(
    (stored) => stored.view.external_id === externalId && stored.view.id !== ownId,
  );
}

function storeView(
  state: StandInState,
  input: Record<string, unknown>,
  options: { id?: string; rootViewId?: string; userId?: string } = {},
): Record<string, unknown> {
  const { identity } = state;
  const id = options.id ?? randomId('V');
  const view: Record<string, unknown> = {
    id,
    team_id: identity.teamId,
    type: input.type,
    ...(input.title === undefined ? {} : { title: input.title }),
    submit: input.submit ?? null,
    close: input.close ?? null,
    blocks: input.blocks ?? [],
    private_metadata: input.private_metadata ?? '',
    callback_id: input.callback_id ?? '',
    external_id: input.external_id ?? '',
    state: { values: {} },
    hash: viewHash(),
    clear_on_close: isFlagSet(input.clear_on_close),
    notify_on_close: isFlagSet(input.notify_on_close),
    root_view_id: options.rootViewId ?? id,
    previous_view_id: null,
    app_id: identity.appId,
    app_installed_team_id: identity.teamId,
    bot_id: identity.botId,
  };
  state.views.set(id, { view, ...(options.userId ? { userId: options.userId } : {}) });
  return view;
}

export function openView(state: StandInState, args: Args): SlackAnswer {
  const problem = viewProblem(args.view, 'modal');
  if (problem) return invalidArguments(problem);
  const triggerProblem = claimTrigger(state, args);
  if (triggerProblem) return triggerProblem;
  const input = args.view as Record<string, unknown>;
  if (duplicateExternalId(state, input)) return failure('duplicate_external_id');
  return { ok: true, view: storeView(state, input) };
}

export function updateView(state: StandInState, args: Args): SlackAnswer {
  const viewId = stringArg(args.view_id);
  const externalId = stringArg(args.external_id);
  if (!viewId && !externalId) return invalidArguments('missing required field: view_id');
  const problem = viewProblem(args.view, 'any');
  if (problem) return invalidArguments(problem);
  const stored = [...state.views.values()].find((candidate) =>
    viewId ? candidate.view.id === viewId : candidate.view.external_id === externalId,
  );
  if (!stored) return failure('not_found');
  const hash = stringArg(args.hash);
  if (hash && hash !== stored.view.hash) return failure('hash_conflict');
  const input = args.view as Record<string, unknown>;
  const id = String(stored.view.id);
  if (duplicateExternalId(state, input, id)) return failure('duplicate_external_id');
  const view = storeView(state, input, {
    id,
    rootViewId: String(stored.view.root_view_id),
    ...(stored.userId ? { userId: stored.userId } : {}),
  });
  return { ok: true, view };
}

export function publishView(state: StandInState, args: Args): SlackAnswer {
  const problem = viewProblem(args.view, 'home');
  if (problem) return invalidArguments(problem);
  const userId = String(args.user_id);
  const existingId = state.homeViewIdByUser.get(userId);
  const existing = existingId ? state.views.get(existingId) : undefined;
  const hash = stringArg(args.hash);
  if (hash && existing && hash !== existing.view.hash) return failure('hash_conflict');
  const view = storeView(state, args.view as Record<string, unknown>, {
    ...(existingId ? { id: existingId } : {}),
    userId,
  });
  state.homeViewIdByUser.set(userId, String(view.id));
  return { ok: true, view };
}

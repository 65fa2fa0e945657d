import { type Actor, identifyActor } from '../../domain/roster/actor.js';
import type { ListenerDeps } from './deps.js';

/** What every click and submission carries about who made it and where. */
export interface InteractionBody {
  team?: { id: string } | null;
  user: { id: string; team_id?: string };
}

/** The workspace a click or submission came from: the payload's team, or the user's in an org-wide install. */
export function interactionWorkspace(body: InteractionBody): string | undefined {
  return body.team?.id ?? body.user.team_id;
}

/** The roster's view of whoever clicked or submitted (their roles, as the roster and Slack say). */
export function interactionActor(deps: ListenerDeps, body: InteractionBody): Promise<Actor> {
  return identifyActor(deps.db, deps.clock, deps.directory, interactionWorkspace(body) ?? '', body.user.id);
}

import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { rankingSoFar, rerunStandingsPost } from '../../../domain/rankings/requests.js';
import { identifyActor } from '../../../domain/roster/actor.js';
import { buildRerunReply, buildStandingsSoFar } from '../../views/standings.js';
import type { ListenerDeps } from '../deps.js';
import { rosterRefusal } from '../roster-refusals.js';
import { tokenize } from './coach-grammar.js';

export type RankingRequest = { kind: 'so-far' } | { kind: 'post'; team?: string } | { kind: 'usage' };

export const RANKING_USAGE =
  '`/ranking` shows your team’s standings so far this week (only you see them). Admins: `/ranking post [team]` posts last week’s standings to the team channel if they did not go out.';

/** `/ranking`, `/ranking post`, `/ranking post "East Coast"`; anything else gets the usage. */
export function parseRankingCommand(text: string): RankingRequest {
  const [first, ...rest] = tokenize(text);
  if (first === undefined) return { kind: 'so-far' };
  if (first.type !== 'word' || first.text.toLowerCase() !== 'post') return { kind: 'usage' };
  const words = rest.map((token) => (token.type === 'word' ? token.text : token.raw));
  return words.length === 0 ? { kind: 'post' } : { kind: 'post', team: words.join(' ') };
}

type Reply = { text: string; blocks?: ReturnType<typeof buildStandingsSoFar>['blocks'] };

/**
 * `/ranking`: acked at once (computing the standings or posting them can take longer than Slack's
 * three seconds), then answered privately through the response_url.
 */
export function rankingCommandCallback(deps: ListenerDeps) {
  return async ({ command, ack, respond }: AllMiddlewareArgs & SlackCommandMiddlewareArgs): Promise<void> => {
    const request = parseRankingCommand(command.text);
    if (request.kind === 'usage') {
      await ack({ response_type: 'ephemeral', text: RANKING_USAGE });
      return;
    }
    await ack();
    const reply = await answerRanking(deps, command.team_id, command.user_id, request);
    await respond({ response_type: 'ephemeral', ...reply });
  };
}

async function answerRanking(
  deps: ListenerDeps,
  workspaceId: string,
  slackUserId: string,
  request: Exclude<RankingRequest, { kind: 'usage' }>,
): Promise<Reply> {
  try {
    const actor = await identifyActor(deps.db, deps.clock, deps.directory, workspaceId, slackUserId);
    if (request.kind === 'so-far') {
      const { standings, finalPost } = await rankingSoFar(deps.standings, actor);
      return buildStandingsSoFar(standings, finalPost);
    }
    return { text: buildRerunReply(await rerunStandingsPost(deps.standings, actor, request.team)) };
  } catch (error) {
    const refusal = rosterRefusal(error);
    // Anything else is a failure of ours: reportListenerFailures logs it and tells the person.
    if (refusal === undefined) throw error;
    return { text: refusal };
  }
}

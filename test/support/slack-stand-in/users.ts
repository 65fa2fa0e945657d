// users.*, auth.test and team.info.
import { type Args, failure, isFlagSet, numberArg, type SlackAnswer } from './arguments.js';
import { paginate } from './ids.js';
import type { SlackUser, StandInState } from './state.js';

function publicUser(user: SlackUser, args: Args): Record<string, unknown> {
  return isFlagSet(args.include_locale) ? { ...user, locale: 'en-US' } : { ...user };
}

export function userInfo(state: StandInState, args: Args): SlackAnswer {
  const user = state.users.get(String(args.user));
  return user ? { ok: true, user: publicUser(user, args) } : failure('user_not_found');
}

export function listUsers(state: StandInState, args: Args): SlackAnswer {
  const users = [...state.users.values()];
  const page = paginate(users, (user) => user.id, 'user', args.cursor, numberArg(args.limit, 0));
  if ('error' in page) return failure(page.error);
  return {
    ok: true,
    members: page.items.map((user) => publicUser(user, args)),
    cache_ts: Math.floor(Date.now() / 1000),
    response_metadata: { next_cursor: page.nextCursor },
  };
}

export function lookupUserByEmail(state: StandInState, args: Args): SlackAnswer {
  const email = String(args.email).toLowerCase();
  const user = [...state.users.values()].find((candidate) => {
    const candidateEmail = candidate.profile.email;
    return typeof candidateEmail === 'string' && candidateEmail.toLowerCase() === email;
  });
  return user ? { ok: true, user: publicUser(user, args) } : failure('users_not_found');
}

export function authTest(state: StandInState): SlackAnswer {
  const { identity } = state;
  return {
    ok: true,
    url: `https://${identity.teamDomain}.slack.com/`,
    team: identity.teamName,
    user: identity.botName,
    team_id: identity.teamId,
    user_id: identity.botUserId,
    bot_id: identity.botId,
    is_enterprise_install: false,
  };
}

export function teamInfo(state: StandInState): SlackAnswer {
  const { identity } = state;
  return {
    ok: true,
    team: {
      id: identity.teamId,
      name: identity.teamName,
      domain: identity.teamDomain,
      email_domain: '',
      icon: { image_default: true },
    },
  };
}

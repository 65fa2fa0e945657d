/**
 * The grammar of `/coach`: slash text in, a typed subcommand out. Only the shape is checked here
 * (which words, who is mentioned); values such as times, dates and zones are the roster domain's to
 * validate, so every surface refuses them with the same words.
 *
 * With should_escape on, Slack sends mentions as `<@U123|name>` or `<@U123>`, channels as
 * `<#C123|name>`, and escapes &, < and > in the rest of the text. What the person typed is shown back
 * from a token's raw text through echoCommandText, so it is escaped exactly once and mentions nobody.
 */

import { echoCommandText } from '../../views/mrkdwn.js';

/** `/coach team <name> <setting> <value>`: the settings typed as one word and a value. */
const TEAM_SETTING_NAMES = [
  'time',
  'workdays',
  'holidays',
  'timezone',
  'reminder',
  'ranking-day',
  'ranking-time',
  'metric',
  'currency',
] as const;

export type TeamSetting = (typeof TEAM_SETTING_NAMES)[number];

export type CoachCommand =
  | { kind: 'help' }
  /** `word`: the first word as Slack sent it (still escaped), for echoCommandText. */
  | { kind: 'unknown'; word: string }
  | { kind: 'invalid'; problem: string; usage: string }
  | { kind: 'add'; rep: string; manager?: string; team?: string }
  | { kind: 'remove'; rep: string }
  | { kind: 'manager'; rep: string; manager: string }
  | { kind: 'move'; rep: string; team: string }
  | { kind: 'team-create'; team: string }
  | { kind: 'team-manager'; team: string; manager: string }
  | { kind: 'team-channel'; team: string; channel: string }
  | { kind: 'team-setting'; team: string; setting: TeamSetting; value: string }
  | { kind: 'time'; rep?: string; time: string }
  | { kind: 'pause'; rep?: string }
  | { kind: 'resume'; rep?: string }
  | { kind: 'ooo'; rep?: string; firstDay: string; lastDay?: string }
  | { kind: 'ooo-clear'; rep?: string }
  | { kind: 'questions-list' }
  | { kind: 'questions'; rep: string; set: string }
  | { kind: 'digest'; time: string }
  | { kind: 'admin'; user: string; grant: boolean }
  | { kind: 'roster' };

/** How each subcommand is typed; `/coach help` and the error replies show these. */
export const USAGE = {
  add: '/coach add @rep [@manager] [team <name>]',
  remove: '/coach remove @rep',
  manager: '/coach manager @rep @manager',
  move: '/coach move @rep <team>',
  team: '/coach team <name> create | manager @m | channel #channel | time 09:00 | workdays mon-fri | holidays US | timezone Europe/Paris | reminder 120 | ranking-day monday | ranking-time 09:00 | metric revenue|deals | currency EUR',
  time: '/coach time [@rep] 08:30',
  pause: '/coach pause [@rep]',
  resume: '/coach resume [@rep]',
  ooo: '/coach ooo [@rep] 2026-12-24 [2027-01-02]  ·  /coach ooo clear [@rep]',
  questions: '/coach questions  ·  /coach questions @rep <set>|off',
  digest: '/coach digest 12:00',
  admin: '/coach admin @user [off]',
  roster: '/coach roster',
} as const;

type Subcommand = keyof typeof USAGE;

type Token =
  | { type: 'user'; id: string; raw: string }
  | { type: 'channel'; id: string; raw: string }
  | { type: 'word'; text: string; raw: string };

const USER_REF = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/;
const CHANNEL_REF = /^<#([CG][A-Z0-9]+)(?:\|[^>]*)?>$/;
const TOKEN = /<[^>]*>|["“”]([^"“”]*)["“”]|\S+/g;

function unescapeSlackText(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** Splits slash text into mentions and words; "quoted words" (straight or curly quotes) stay one word. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(TOKEN)) {
    const raw = match[0];
    const user = USER_REF.exec(raw);
    const channel = CHANNEL_REF.exec(raw);
    if (user) tokens.push({ type: 'user', id: user[1]!, raw });
    else if (channel) tokens.push({ type: 'channel', id: channel[1]!, raw });
    else tokens.push({ type: 'word', text: unescapeSlackText(match[1] ?? raw), raw });
  }
  return tokens;
}

class GrammarError extends Error {}

/** Reads tokens left to right, explaining what was expected when the text does not fit. */
class Reader {
  private index = 0;
  constructor(private readonly tokens: Token[]) {}

  get done(): boolean {
    return this.index >= this.tokens.length;
  }

  peek(): Token | undefined {
    return this.tokens[this.index];
  }

  /** A mention, when the next token is one. */
  optionalUser(): string | undefined {
    const next = this.peek();
    if (next?.type === 'user') {
      this.index += 1;
      return next.id;
    }
    if (next?.type === 'word' && next.text.startsWith('@')) throw notAMention(next.raw);
    return undefined;
  }

  user(what: string): string {
    const user = this.optionalUser();
    if (user === undefined) throw new GrammarError(`Name ${what} with an @-mention.`);
    return user;
  }

  channel(): string {
    const next = this.peek();
    if (next?.type === 'channel') {
      this.index += 1;
      return next.id;
    }
    if (next?.type === 'word' && next.text.startsWith('#')) {
      throw new GrammarError(
        `I couldn't tell which channel \`${echoCommandText(next.raw)}\` is: pick it from Slack's #-channel list so it turns into a link.`,
      );
    }
    throw new GrammarError('Name the channel with a #-mention.');
  }

  word(what: string): string {
    const next = this.peek();
    if (next?.type !== 'word') throw new GrammarError(`I expected ${what}.`);
    this.index += 1;
    return next.text;
  }

  /** Consumes the next token when it is this keyword (any case). */
  keyword(word: string): boolean {
    const next = this.peek();
    if (next?.type !== 'word' || next.text.toLowerCase() !== word) return false;
    this.index += 1;
    return true;
  }

  optionalWord(): string | undefined {
    const next = this.peek();
    if (next?.type !== 'word') return undefined;
    this.index += 1;
    return next.text;
  }

  /** Every remaining word, for a last argument that may contain spaces (a team name). */
  rest(what: string): string {
    const words: string[] = [];
    while (!this.done) words.push(this.word(what));
    if (words.length === 0) throw new GrammarError(`I expected ${what}.`);
    return words.join(' ');
  }

  end(): void {
    const next = this.peek();
    if (next !== undefined)
      throw new GrammarError(`I did not expect \`${echoCommandText(next.raw)}\` there.`);
  }
}

function notAMention(raw: string): GrammarError {
  return new GrammarError(
    `I couldn't tell who \`${echoCommandText(raw)}\` is: pick the person from Slack's @-mention list so the name turns into a link.`,
  );
}

const TEAM_SETTINGS: ReadonlySet<string> = new Set(TEAM_SETTING_NAMES);
const TEAM_VERBS = ['create', 'manager', 'channel', ...TEAM_SETTING_NAMES];

function parseTeam(reader: Reader): CoachCommand {
  const team = reader.word('a team name (quote it if it has spaces: "East Coast")');
  const verbToken = reader.peek();
  const verb = reader
    .word(`what to do with the team: ${TEAM_VERBS.slice(0, -1).join(', ')} or ${TEAM_VERBS.at(-1)}`)
    .toLowerCase();
  if (verb === 'create') {
    reader.end();
    return { kind: 'team-create', team };
  }
  if (verb === 'manager') {
    const manager = reader.user('the manager');
    reader.end();
    return { kind: 'team-manager', team, manager };
  }
  if (verb === 'channel') {
    const channel = reader.channel();
    reader.end();
    return { kind: 'team-channel', team, channel };
  }
  if (TEAM_SETTINGS.has(verb)) {
    // Workdays may be typed with spaces ("mon, tue, thu"); every other value is one word.
    const value =
      verb === 'workdays' ? reader.rest('the workdays, e.g. mon-fri') : reader.word(`the ${verb}`);
    reader.end();
    return { kind: 'team-setting', team, setting: verb as TeamSetting, value };
  }
  throw new GrammarError(`\`${echoCommandText(verbToken?.raw ?? verb)}\` is not something a team has.`);
}

function parseSubcommand(subcommand: Subcommand, reader: Reader): CoachCommand {
  switch (subcommand) {
    case 'add': {
      const rep = reader.user('the rep to add');
      const manager = reader.optionalUser();
      const team = reader.keyword('team') ? reader.rest('the team name') : undefined;
      reader.end();
      return { kind: 'add', rep, ...(manager ? { manager } : {}), ...(team ? { team } : {}) };
    }
    case 'remove': {
      const rep = reader.user('the rep to remove');
      reader.end();
      return { kind: 'remove', rep };
    }
    case 'manager': {
      const rep = reader.user('the rep');
      const manager = reader.user('their new manager');
      reader.end();
      return { kind: 'manager', rep, manager };
    }
    case 'move': {
      const rep = reader.user('the rep to move');
      return { kind: 'move', rep, team: reader.rest('the team to move them to') };
    }
    case 'team':
      return parseTeam(reader);
    case 'time': {
      const rep = reader.optionalUser();
      const time = reader.word('a time such as 08:30');
      reader.end();
      return { kind: 'time', ...(rep ? { rep } : {}), time };
    }
    case 'pause':
    case 'resume': {
      const rep = reader.optionalUser();
      reader.end();
      return { kind: subcommand, ...(rep ? { rep } : {}) };
    }
    case 'ooo': {
      if (reader.keyword('clear')) {
        const rep = reader.optionalUser();
        reader.end();
        return { kind: 'ooo-clear', ...(rep ? { rep } : {}) };
      }
      const rep = reader.optionalUser();
      const firstDay = reader.word('the first day off, as YYYY-MM-DD');
      const lastDay = reader.optionalWord();
      reader.end();
      return { kind: 'ooo', ...(rep ? { rep } : {}), firstDay, ...(lastDay ? { lastDay } : {}) };
    }
    case 'questions': {
      if (reader.done) return { kind: 'questions-list' };
      const rep = reader.user('the rep');
      const set = reader.word('a question set key, or off');
      reader.end();
      return { kind: 'questions', rep, set };
    }
    case 'digest': {
      const time = reader.word('a time such as 12:00');
      reader.end();
      return { kind: 'digest', time };
    }
    case 'admin': {
      const user = reader.user('the person');
      const grant = !reader.keyword('off');
      reader.end();
      return { kind: 'admin', user, grant };
    }
    case 'roster':
      reader.end();
      return { kind: 'roster' };
  }
}

export function parseCoachCommand(text: string): CoachCommand {
  const [first, ...rest] = tokenize(text);
  const word = first?.type === 'word' ? first.text.toLowerCase() : (first?.raw ?? '');
  if (word === '' || word === 'help') return { kind: 'help' };
  if (!Object.hasOwn(USAGE, word)) return { kind: 'unknown', word: first?.raw ?? '' };
  const subcommand = word as Subcommand;
  try {
    return parseSubcommand(subcommand, new Reader(rest));
  } catch (error) {
    if (!(error instanceof GrammarError)) throw error;
    return { kind: 'invalid', problem: error.message, usage: USAGE[subcommand] };
  }
}

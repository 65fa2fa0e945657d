// Slack mrkdwn and plain text from text people typed: escaped where mrkdwn needs it, clipped, on one line.

/** Slack's three control characters; everything else a rep types is shown as typed. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * At most `max` characters of `render(text)`, then "…". Cutting after rendering could split `&amp;`
 * or a surrogate pair, so it walks the raw text, a whole character at a time.
 */
function clip(text: string, max: number, render: (text: string) => string): string {
  const whole = render(text);
  if (whole.length <= max) return whole;
  let clipped = '';
  for (const character of text) {
    const piece = render(character);
    if (clipped.length + piece.length > max - 1) break;
    clipped += piece;
  }
  return `${clipped.trimEnd()}…`;
}

const asTyped = (text: string) => text;
const singleLine = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Escapes and shortens to at most `max` characters of mrkdwn. */
export function clipMrkdwn(text: string, max: number): string {
  return clip(text, max, escapeMrkdwn);
}

/** One line of mrkdwn from free text, so a multi-line answer cannot break a summary's layout. */
export function oneLine(text: string, max: number): string {
  return clipMrkdwn(singleLine(text), max);
}

/**
 * Free text for a plain_text field (an option, a header) on one line of at most `max` characters.
 * Slack shows plain text as it is, so nothing is escaped.
 */
export function plainLine(text: string, max: number): string {
  return clip(singleLine(text), max, asTyped);
}

/** Slack's markup in text people send: `<@U123|name>`, `<#C123|name>`, `<!here>`, `<https://…|label>`. */
const SLACK_MARKUP = /<([^<>|]*)(?:\|([^<>]*))?>/g;

/** One piece of markup as the person saw it while typing: @name, #channel, @here, a link's text. */
function typedMarkup(target: string, label: string | undefined): string {
  const isPerson = target.startsWith('@') || /^!(?:here|channel|everyone|subteam\^)/.test(target);
  const sign = target.startsWith('#') ? '#' : isPerson ? '@' : '';
  if (label) return label.startsWith(sign) ? label : `${sign}${label}`;
  // No label: the id (`@U123`, `#C123`, `@here`), or the link itself.
  return `${sign}${target.replace(/^[@#!](?:subteam\^)?/, '')}`;
}

/**
 * What someone typed into a slash command, shown back in mrkdwn exactly once escaped, on one line of
 * at most `max` characters. Slack sends the text with &, < and > already entity-escaped (and, with
 * should_escape, people as `<@U123|name>` and channels as `<#C123|name>`): escaping it again would
 * show "&" as "&amp;", and sending it back as it came would turn a typed mention into a live one. So the
 * markup is shown as typed (`@name`, `#channel`, `@here`, a link's text), the rest unescaped, and the
 * whole escaped once.
 */
export function echoCommandText(sent: string, max = 80): string {
  const typed = sent
    .replace(SLACK_MARKUP, (_markup, target: string, label: string | undefined) => typedMarkup(target, label))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
  return oneLine(typed, max);
}

/** `<@U123>` or `<@U123|name>`. */
const USER_MENTION = /<@([UW][A-Z0-9]+)(?:\|[^<>]*)?>/g;

/** The Slack user ids a mrkdwn text mentions, each once: whose names plainTextFrom needs. */
export function mentionedUserIds(text: string): string[] {
  return [...new Set(Array.from(text.matchAll(USER_MENTION), (match) => match[1]!))];
}

/** Slack's markup or one of its three entities. */
const MARKUP_OR_ENTITY = /<([^<>|]*)(?:\|([^<>]*))?>|&(amp|lt|gt);/g;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>' };

/** `*bold*`, `_italic_`, `~struck~`: marks hugging text, not inside a word (snake_case stays). */
const EMPHASIS = /(^|[^\p{L}\p{N}])([*_~])(?=\S)([^\n]*?\S)\2(?![\p{L}\p{N}])/gu;

// What is already plain (names, code, entities) waits in a numbered hole while emphasis marks are
// dropped, so a name such as "_ann_" or a code span keeps its characters. Private-use characters,
// taken out of the text first.
const HOLE = /\uE000(\d+)\uE001/g;

const UNNAMED_CHANNEL = 'that channel';

/**
 * Slack mrkdwn as a person should read it where Slack shows text as it is, as in a modal's inline
 * errors: a person as @their name (`names`: Slack user id → display name; someone the bot never saw
 * keeps @their id), a channel as #its name when the markup carries one, else "that channel" (the bot
 * keeps no channel names), code in quotes, emphasis marks dropped, entities unescaped.
 */
export function plainTextFrom(text: string, names: ReadonlyMap<string, string> = new Map()): string {
  const holes: string[] = [];
  const setAside = (plainText: string) => `\uE000${holes.push(plainText) - 1}\uE001`;
  const markup = (target: string, rawLabel: string | undefined): string => {
    const label = rawLabel === undefined ? undefined : literal(rawLabel);
    if (target.startsWith('@')) {
      const id = target.slice(1);
      return `@${names.get(id) ?? label?.replace(/^@/, '') ?? id}`;
    }
    if (target.startsWith('#')) return label ? `#${label.replace(/^#/, '')}` : UNNAMED_CHANNEL;
    // A date's label is its fallback text.
    if (target.startsWith('!date^')) return label ?? '';
    if (target.startsWith('!')) return typedMarkup(target, label);
    return label ?? literal(target.replace(/^mailto:/, ''));
  };
  const literal = (piece: string): string =>
    piece.replace(
      MARKUP_OR_ENTITY,
      (_whole, target: string | undefined, label: string | undefined, entity) =>
        entity === undefined ? markup(target ?? '', label) : (ENTITIES[entity as string] ?? ''),
    );
  let prose = text
    .replace(/[\uE000\uE001]/g, '')
    .replace(/```\n?([\s\S]*?)\n?```/g, (_block, code: string) => setAside(literal(code)))
    .replace(/`([^`\n]+)`/g, (_span, code: string) => setAside(`“${literal(code)}”`))
    .replace(MARKUP_OR_ENTITY, (whole) => setAside(literal(whole)));
  // Again until nothing changes, for marks inside marks (`*_both_*`).
  for (let before = ''; before !== prose; ) {
    before = prose;
    prose = prose.replace(EMPHASIS, '$1$3');
  }
  return prose.replace(HOLE, (_hole, index: string, offset: number) => {
    const filled = holes[Number(index)] ?? '';
    const opensSentence = /(?:^|[.!?]\s+)$/.test(prose.slice(0, offset));
    return filled === UNNAMED_CHANNEL && opensSentence ? 'That channel' : filled;
  });
}

/** A plain_text object (emoji shortcodes rendered), for headers, buttons, labels and options. */
export const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: true });

/** A mrkdwn text object; escape what came from people with escapeMrkdwn first. */
export const mrkdwn = (text: string) => ({ type: 'mrkdwn' as const, text });

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

/** A plain_text object (emoji shortcodes rendered), for headers, buttons, labels and options. */
export const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: true });

/** A mrkdwn text object; escape what came from people with escapeMrkdwn first. */
export const mrkdwn = (text: string) => ({ type: 'mrkdwn' as const, text });

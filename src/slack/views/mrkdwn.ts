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

/** A plain_text object (emoji shortcodes rendered), for headers, buttons, labels and options. */
export const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: true });

/** A mrkdwn text object; escape what came from people with escapeMrkdwn first. */
export const mrkdwn = (text: string) => ({ type: 'mrkdwn' as const, text });

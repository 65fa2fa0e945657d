// Slack mrkdwn and plain text from text people typed: escaped where mrkdwn needs it, clipped, on one line.

/** Slack's three control characters; everything else a rep types is shown as typed. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Escapes and shortens to at most `max` characters of mrkdwn. Cutting after escaping could split
 * `&amp;` or a surrogate pair, so it walks the raw text instead.
 */
export function clipMrkdwn(text: string, max: number): string {
  const escaped = escapeMrkdwn(text);
  if (escaped.length <= max) return escaped;
  let clipped = '';
  for (const character of text) {
    const piece = escapeMrkdwn(character);
    if (clipped.length + piece.length > max - 1) break;
    clipped += piece;
  }
  return `${clipped.trimEnd()}…`;
}

/** One line of mrkdwn from free text, so a multi-line answer cannot break a summary's layout. */
export function oneLine(text: string, max: number): string {
  return clipMrkdwn(text.replace(/\s+/g, ' ').trim(), max);
}

/**
 * Free text for a plain_text field (an option, a header) on one line of at most `max` characters.
 * Slack shows plain text as it is, so nothing is escaped; the cut never splits a surrogate pair.
 */
export function plainLine(text: string, max: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line.length <= max) return line;
  let clipped = '';
  for (const character of line) {
    if (clipped.length + character.length > max - 1) break;
    clipped += character;
  }
  return `${clipped.trimEnd()}…`;
}

/** A plain_text object (emoji shortcodes rendered), for headers, buttons, labels and options. */
export const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: true });

/** A mrkdwn text object; escape what came from people with escapeMrkdwn first. */
export const mrkdwn = (text: string) => ({ type: 'mrkdwn' as const, text });

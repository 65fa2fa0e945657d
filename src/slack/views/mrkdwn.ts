// Slack mrkdwn from text people typed: escaped, clipped, on one line; amounts as people read them.

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

/** '1200.50' → '1,200.50', '1200.00' → '1,200'; anything that is not a plain decimal is shown escaped. */
export function formatAmount(amount: string): string {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(amount.trim());
  if (match === null) return escapeMrkdwn(amount);
  const whole = (match[1] ?? '0').replace(/^0+(?=\d)/, '').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const fraction = match[2];
  if (fraction === undefined || /^0+$/.test(fraction)) return whole;
  return `${whole}.${fraction.padEnd(2, '0')}`;
}

/** A plain_text object (emoji shortcodes rendered), for headers, buttons, labels and options. */
export const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: true });

/** A mrkdwn text object; escape what came from people with escapeMrkdwn first. */
export const mrkdwn = (text: string) => ({ type: 'mrkdwn' as const, text });

// What people type into forms and files, checked the same way wherever it is typed.

/** Why typed text is not an amount; each form words it its own way. */
export type AmountProblem = 'empty' | 'negative' | 'malformed' | 'decimals' | 'too_large';

/** Commas only as thousands separators, a dot for decimals. */
const AMOUNT = /^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;

/** An amount as a person types it: '1,200.5' → '1200.50'; numeric(14, 2), never negative. */
export function parseTypedAmount(text: string): { amount: string } | { problem: AmountProblem } {
  const raw = text.trim();
  if (raw === '') return { problem: 'empty' };
  if (/^[-−–]/.test(raw)) return { problem: 'negative' };
  if (!AMOUNT.test(raw)) return { problem: 'malformed' };
  const [whole = '0', fraction = ''] = raw.replace(/,/g, '').split('.');
  if (fraction.length > 2) return { problem: 'decimals' };
  const digits = whole.replace(/^0+(?=\d)/, '');
  if (digits.length > 12) return { problem: 'too_large' };
  return { amount: `${digits}.${fraction.padEnd(2, '0')}` };
}

const thousands = new Intl.NumberFormat('en-US');

/** The message for text over `limit` characters, undefined when it fits. */
export function tooLong(text: string, limit: number): string | undefined {
  return text.length > limit
    ? `Use at most ${thousands.format(limit)} characters (this has ${thousands.format(text.length)}).`
    : undefined;
}

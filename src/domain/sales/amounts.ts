/**
 * Money in import files, kept exact: amounts are whole cents and exchange rates whole units of 10⁻⁸
 * (the columns are numeric(14, 2) and numeric(18, 8)), multiplied as integers so converting a sale
 * never goes through floating point.
 */

const AMOUNT = /^(\d{1,12})(?:\.(\d{1,2}))?$/;
const RATE = /^(\d{1,10})(?:\.(\d{1,8}))?$/;
const RATE_DIGITS = 8;
const MAX_CENTS = 99_999_999_999_999n;

/** A non-negative amount with at most two decimals ('1200', '1200.5', '1200.50'), in cents. */
export function parseAmount(text: string): bigint | undefined {
  const match = AMOUNT.exec(text);
  if (!match) return undefined;
  return BigInt(match[1]! + (match[2] ?? '').padEnd(2, '0'));
}

/** A positive exchange rate with at most eight decimals, in units of 10⁻⁸. */
export function parseRate(text: string): bigint | undefined {
  const match = RATE.exec(text);
  if (!match) return undefined;
  const units = BigInt(match[1]! + (match[2] ?? '').padEnd(RATE_DIGITS, '0'));
  return units > 0n ? units : undefined;
}

export const ONE_RATE = 10n ** BigInt(RATE_DIGITS);

/** cents × rate, rounded half up to a cent; undefined when the result does not fit numeric(14, 2). */
export function convertCents(cents: bigint, rate: bigint): bigint | undefined {
  const converted = (cents * rate + ONE_RATE / 2n) / ONE_RATE;
  return converted <= MAX_CENTS ? converted : undefined;
}

export function formatCents(cents: bigint): string {
  const text = cents.toString().padStart(3, '0');
  return `${text.slice(0, -2)}.${text.slice(-2)}`;
}

export function formatRate(rate: bigint): string {
  const text = rate.toString().padStart(RATE_DIGITS + 1, '0');
  const fraction = text.slice(-RATE_DIGITS).replace(/0+$/, '');
  return fraction === '' ? text.slice(0, -RATE_DIGITS) : `${text.slice(0, -RATE_DIGITS)}.${fraction}`;
}

// Money as every surface shows it: the currency code, then the amount ('USD 1,200', 'EUR 1,200.50').

/**
 * Plain text, so the chart and plain_text fields can use it as it is; mrkdwn escapes it like any
 * other text. Amounts are Postgres numeric strings and stay strings: a weekly sum can have more
 * digits than a JS number holds exactly. Anything that is not a plain decimal is shown as it is.
 */
export function formatMoney(amount: string, currency: string): string {
  return `${currency} ${groupedAmount(amount)}`;
}

/** '1200.50' → '1,200.50', '1200.00' → '1,200': cents only when there are some. */
function groupedAmount(amount: string): string {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(amount.trim());
  if (match === null) return amount;
  const whole = (match[1] ?? '0').replace(/^0+(?=\d)/, '').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const fraction = match[2];
  if (fraction === undefined || /^0+$/.test(fraction)) return whole;
  return `${whole}.${fraction.padEnd(2, '0')}`;
}

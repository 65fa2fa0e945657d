/**
 * Freezes a Block Kit value built once from constant input and shared by every request that answers
 * with it: a listener that changed it by mistake would throw instead of changing every later answer.
 */
export function constant<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const nested of Object.values(value)) constant(nested);
    Object.freeze(value);
  }
  return value;
}

const NODE_NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);
const POSTGRES_TRANSIENT_STATES = new Set([
  '57P01', // admin_shutdown: a restart or failover
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: still starting up
  '53300', // too_many_connections
  '40001', // serialization_failure
  '40P01', // deadlock_detected
]);
/** node-postgres reports a lost or timed-out connection with these messages and no code. */
const PG_CONNECTION_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error',
];

/**
 * Whether trying the same database work again a moment later may succeed: the connection failed or the
 * server refused for now. Anything else (a constraint, a bug, a Slack API error) would fail the same way.
 */
export function isTransientDatabaseError(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 3) return false;
  const { code, message, errors, cause } = error as {
    code?: unknown;
    message?: unknown;
    errors?: unknown;
    cause?: unknown;
  };
  if (typeof code === 'string') {
    if (NODE_NETWORK_CODES.has(code) || POSTGRES_TRANSIENT_STATES.has(code) || code.startsWith('08')) {
      return true;
    }
  }
  if (typeof message === 'string' && PG_CONNECTION_MESSAGES.some((text) => message.includes(text))) {
    return true;
  }
  // Node reports a refused connection to a host with several addresses as an AggregateError.
  if (Array.isArray(errors) && errors.some((inner) => isTransientDatabaseError(inner, depth + 1))) {
    return true;
  }
  return cause !== undefined && isTransientDatabaseError(cause, depth + 1);
}

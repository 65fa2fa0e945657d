/** The only way domain code learns the time, so tests can walk through days, DST changes and holidays. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

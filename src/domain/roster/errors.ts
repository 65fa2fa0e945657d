/** The person may not do this; the message says who may. */
export class NotAllowedError extends Error {
  override name = 'NotAllowedError';
}

/** Something typed or picked cannot be used; the message says what is wrong and how to fix it. */
export class RosterInputError extends Error {
  override name = 'RosterInputError';
}

/** The person may not review this rep; the message says who may. */
export class ReviewNotAllowedError extends Error {
  override name = 'ReviewNotAllowedError';
}

/** The rep asked for cannot be reviewed (unknown, not a rep); the message says what to do. */
export class ReviewRequestError extends Error {
  override name = 'ReviewRequestError';
}

/** The draft a modal points at is gone (saved as a review, or never this person's). */
export class DraftGoneError extends Error {
  override name = 'DraftGoneError';
}

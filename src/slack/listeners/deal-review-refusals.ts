import {
  DraftGoneError,
  ReviewNotAllowedError,
  ReviewRequestError,
} from '../../domain/deal-review/errors.js';
import { DirectoryUnavailableError } from '../../domain/roster/directory.js';

/** What to tell the manager when a review is refused or its modal is stale; undefined for a bug. */
export function reviewRefusal(error: unknown): string | undefined {
  if (error instanceof ReviewNotAllowedError || error instanceof ReviewRequestError) return error.message;
  if (error instanceof DraftGoneError) {
    return 'This review is already saved, or was opened somewhere else. Run `/dealreview` again to continue.';
  }
  if (error instanceof DirectoryUnavailableError) {
    return 'I could not reach Slack to check who you are, so the review did not open. Try again in a minute.';
  }
  return undefined;
}

import { DirectoryUnavailableError } from '../../domain/roster/directory.js';
import { NotAllowedError, RosterInputError } from '../../domain/roster/errors.js';

/** What to tell the person when the roster refused or could not finish; undefined for a bug. */
export function rosterRefusal(error: unknown): string | undefined {
  if (error instanceof NotAllowedError || error instanceof RosterInputError) return error.message;
  if (error instanceof DirectoryUnavailableError) {
    return 'I could not reach Slack to check who is who, so nothing changed. Try again in a minute.';
  }
  return undefined;
}

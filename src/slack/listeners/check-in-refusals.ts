import {
  CheckInClosedError,
  CheckInNotFoundError,
  NotYourCheckInError,
} from '../../domain/coaching/check-ins.js';
import { buildClosedCheckInNotice } from '../views/check-in.js';

/** What to tell a person whose click or submission the check-in rules refused; undefined for other errors. */
export function checkInRefusal(error: unknown): string | undefined {
  if (error instanceof CheckInClosedError) return buildClosedCheckInNotice().text;
  // Not found and not yours read the same: a rep learns nothing about other reps' check-ins.
  if (error instanceof NotYourCheckInError || error instanceof CheckInNotFoundError) {
    return 'This check-in is not yours, so I cannot change it.';
  }
  return undefined;
}

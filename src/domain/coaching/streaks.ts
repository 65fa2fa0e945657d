import type { Db } from '../../db/database.js';
import { listRecentPromptedCheckIns } from '../../db/queries/check-ins.js';
import type { CheckInStage, Outcome } from '../../db/schema.js';

/**
 * How many prompted workdays in a row, up to the latest, a rep tried (or sold) and answered; counted
 * back at most STREAK_LOOKBACK prompted workdays.
 */
export interface CheckInStreaks {
  tried: number;
  answered: number;
}

/** About four years of workdays: further back no one is counting, and the read stays small. */
export const STREAK_LOOKBACK = 1_000;

/**
 * Streaks from prompted check-ins, newest first. The newest one, while unanswered, is still open (a
 * check-in can be answered until the next prompt), so it does not break a streak yet.
 */
export function streaksOf(
  checkIns: ReadonlyArray<{ stage: CheckInStage; outcome: Outcome | null }>,
): CheckInStreaks {
  const [newest] = checkIns;
  const counted = newest !== undefined && newest.stage !== 'answered' ? checkIns.slice(1) : checkIns;
  const leading = (keeps: (checkIn: { stage: CheckInStage; outcome: Outcome | null }) => boolean) => {
    const broken = counted.findIndex((checkIn) => !keeps(checkIn));
    return broken === -1 ? counted.length : broken;
  };
  const tried = leading((checkIn) => checkIn.outcome === 'sold' || checkIn.outcome === 'tried');
  const answered = leading((checkIn) => checkIn.stage === 'answered');
  return { tried, answered };
}

export async function checkInStreaks(db: Db, personId: number): Promise<CheckInStreaks> {
  return streaksOf(await listRecentPromptedCheckIns(db, personId, STREAK_LOOKBACK));
}

import type { CalibrationBucket } from './agenda.js';

export interface DecidedForecast {
  /** The probability the rep stated in the latest review that forecast the deal. */
  probability: number;
  won: boolean;
}

/**
 * "Sam's 80% deals: won 9 of 20." Stated probabilities are bucketed to the nearest 10, halves
 * rounding up: 75–84 % count as 80 %, 85–94 % as 90 %, 0–4 % as 0 %, 95–100 % as 100 %. Buckets with
 * no decided deal are left out; the rest come lowest first.
 */
export function calibrate(forecasts: readonly DecidedForecast[]): CalibrationBucket[] {
  const buckets = new Map<number, CalibrationBucket>();
  for (const forecast of forecasts) {
    const stated = Math.round(forecast.probability / 10) * 10;
    const bucket = buckets.get(stated) ?? { stated, decided: 0, won: 0 };
    bucket.decided += 1;
    if (forecast.won) bucket.won += 1;
    buckets.set(stated, bucket);
  }
  return [...buckets.values()].sort((a, b) => a.stated - b.stated);
}

import { describe, expect, it } from 'vitest';
import { calibrate } from '../../src/domain/deal-review/calibration.js';
import { reportingPeriods } from '../../src/domain/deal-review/periods.js';

describe('reportingPeriods', () => {
  it('reaches back into last year in January', () => {
    expect(reportingPeriods('2027-01-05')).toEqual([
      { period: 'year_to_date', from: '2027-01-01', to: '2027-01-05' },
      { period: 'last_quarter', from: '2026-10-01', to: '2026-12-31' },
      { period: 'last_month', from: '2026-12-01', to: '2026-12-31' },
    ]);
  });

  it('takes the whole previous quarter and month on the first day of a quarter', () => {
    expect(reportingPeriods('2028-04-01')).toEqual([
      { period: 'year_to_date', from: '2028-01-01', to: '2028-04-01' },
      { period: 'last_quarter', from: '2028-01-01', to: '2028-03-31' },
      // 2028 is a leap year: February has no part in this, March ends on the 31st.
      { period: 'last_month', from: '2028-03-01', to: '2028-03-31' },
    ]);
  });

  it('refuses what is not a date', () => {
    expect(() => reportingPeriods('2026-02-30')).toThrow(RangeError);
  });
});

describe('calibrate', () => {
  it('buckets stated probabilities to the nearest 10, halves up', () => {
    const forecasts = [4, 5, 14, 15, 74, 75, 84, 85, 95, 100].map((probability) => ({
      probability,
      won: true,
    }));
    expect(calibrate(forecasts).map((bucket) => [bucket.stated, bucket.decided])).toEqual([
      [0, 1],
      [10, 2],
      [20, 1],
      [70, 1],
      [80, 2],
      [90, 1],
      [100, 2],
    ]);
  });

  it('has nothing to say without outcomes', () => {
    expect(calibrate([])).toEqual([]);
  });
});

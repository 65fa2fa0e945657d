import { describe, expect, it } from 'vitest';
import type { CheckInStage, Outcome } from '../../src/db/schema.js';
import { streaksOf } from '../../src/domain/coaching/streaks.js';

const answered = (outcome: Outcome) => ({ stage: 'answered' as CheckInStage, outcome });
const open = { stage: 'prompted' as CheckInStage, outcome: null };

describe('streaksOf (newest check-in first)', () => {
  it('counts the answered and the tried days back to the first break', () => {
    expect(
      streaksOf([answered('tried'), answered('sold'), answered('did_not_try'), answered('tried')]),
    ).toEqual({
      tried: 2,
      answered: 4,
    });
  });

  it('leaves the newest check-in out while it is unanswered: it can still be answered', () => {
    expect(streaksOf([open, answered('sold'), answered('tried')])).toEqual({ tried: 2, answered: 2 });
  });

  it('breaks both streaks on an older check-in left unanswered', () => {
    expect(streaksOf([answered('tried'), open, answered('tried')])).toEqual({ tried: 1, answered: 1 });
  });

  it('counts a try whose details were never finished as a try, not as an answer', () => {
    const halfway = { stage: 'asked_tried' as CheckInStage, outcome: 'tried' as Outcome };
    expect(streaksOf([answered('tried'), halfway, answered('tried')])).toEqual({ tried: 3, answered: 1 });
  });

  it('has no streak without check-ins, or when the only one is still open', () => {
    expect(streaksOf([])).toEqual({ tried: 0, answered: 0 });
    expect(streaksOf([open])).toEqual({ tried: 0, answered: 0 });
  });
});

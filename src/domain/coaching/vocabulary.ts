import type { Obstacle, Outcome, Skill } from '../../db/schema.js';

export type { Obstacle, Outcome, Skill };

/**
 * The coach's two diagnostic axes. Skill: does the rep know what to do? Will: could they do it, or
 * what got in the way (`none` means nothing did)?
 */
export const SKILL_LABELS: Readonly<Record<Skill, string>> = {
  knows: 'knew what to do next',
  unsure: 'not sure what to do next',
  does_not_know: "didn't know what to do next",
};

/** The short list a rep picks from when they did not try, in the order it is shown. */
export const OBSTACLE_LABELS: Readonly<Record<Exclude<Obstacle, 'none'>, string>> = {
  no_pipeline: 'No pipeline',
  admin_work: 'Admin or internal work',
  did_not_know_how: "Didn't know how",
  waiting_on_customer: 'Waiting on the customer',
  other: 'Other',
};

/** What a rep reports when they sold something. Amount is a decimal string with at most 2 decimals. */
export interface SaleAnswer {
  description: string;
  amount: string;
  currency: string;
  account: string;
  wonBecause: string;
}

/** What a rep reports when they tried without selling. */
export interface TriedAnswer {
  whatHappened: string;
  skill: Skill;
}

/** What a rep reports when they did not try. */
export interface DidNotTryAnswer {
  obstacle: Exclude<Obstacle, 'none'>;
  detail: string;
}

export type CheckInAnswer =
  | ({ outcome: 'sold' } & SaleAnswer)
  | ({ outcome: 'tried' } & TriedAnswer)
  | ({ outcome: 'did_not_try' } & DidNotTryAnswer);

/** The tags every answer carries on the two axes. */
export function diagnose(answer: CheckInAnswer): { skill: Skill | null; obstacle: Obstacle } {
  switch (answer.outcome) {
    case 'sold':
      return { skill: 'knows', obstacle: 'none' };
    case 'tried':
      return { skill: answer.skill, obstacle: 'none' };
    case 'did_not_try':
      // Not knowing how is a skill gap; every other obstacle says nothing about skill.
      return {
        skill: answer.obstacle === 'did_not_know_how' ? 'does_not_know' : null,
        obstacle: answer.obstacle,
      };
  }
}

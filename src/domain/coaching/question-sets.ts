/**
 * Ready-made question sets a manager can attach to a rep; one question rotates into each daily
 * prompt. The top-performer set follows what coaches ask their best reps. The questions say "your
 * last workday", never "yesterday": on a Monday the prompt asks about Friday. The bot speaks, not the
 * manager, so no question says "me".
 */
export interface QuestionSet {
  key: string;
  name: string;
  questions: readonly string[];
}

export const QUESTION_SETS: readonly QuestionSet[] = [
  {
    key: 'top-performer',
    name: 'Top performer',
    questions: [
      'Big wins analysis: what did the customer do in your last big win that made them decide?',
      'Target account list: which three accounts would change your quarter, and what is the next step with each?',
      'What are the three or four activities that bring you the most revenue? How much of your last workday went to them?',
      'What support could you ask for (from your manager, marketing, a peer) that would help you win more?',
      'Which sharper discovery question will you ask in your next first meeting?',
      'What should you stop doing, because it takes time and does not move deals?',
    ],
  },
  {
    key: 'discovery',
    name: 'Sharper discovery',
    questions: [
      'Which problem of your next prospect do we solve, in their words?',
      'Who decides in your biggest open deal, and what are their buying criteria?',
      'What has your most advanced prospect done so far to evaluate us?',
      'What is the customer’s timeline and process to decide in your next deal to close?',
    ],
  },
  {
    key: 'pipeline',
    name: 'Building pipeline',
    questions: [
      'How many new conversations did you start on your last workday, and with whom?',
      'Which account on your list have you not contacted yet, and why?',
      'Who could introduce you to a new buyer this week?',
    ],
  },
];

export function findQuestionSet(key: string): QuestionSet | undefined {
  return QUESTION_SETS.find((set) => set.key === key);
}

/** The question for a rep's n-th prompt since the set was attached (0-based), rotating through the set. */
export function questionForPrompt(set: QuestionSet, promptNumber: number): string {
  const index = ((promptNumber % set.questions.length) + set.questions.length) % set.questions.length;
  return set.questions[index] as string;
}

/**
 * Runs a listener's closing steps (redraws, a DM) side by side and waits for all of them: one that
 * Slack refuses must not cancel, or hold up, the others. The first failure is thrown once all have
 * settled, so it is still logged.
 */
export async function sideBySide(steps: ReadonlyArray<Promise<unknown>>): Promise<void> {
  const outcomes = await Promise.allSettled(steps);
  const failed = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  if (failed !== undefined) throw failed.reason;
}

import type { ModalView } from '@slack/types';

/**
 * What a person is told when the bot failed on their click, command or form for a reason that is not
 * theirs (the database unreachable, Slack refusing a call). The reference is in the error's log line,
 * so whoever runs the bot can find what happened from a screenshot.
 */

/** A form whose Save failed before anything was confirmed: shown under its first field. */
export function buildNotSavedError(reference: string): string {
  return (
    'Something went wrong on my side and this was not saved. Press Save again in a moment. ' +
    `(Reference ${reference})`
  );
}

/** A form with no field to show an error under: the modal is replaced by this. */
export function buildNotSavedView(reference: string): ModalView {
  return {
    type: 'modal',
    title: { type: 'plain_text', text: 'Not saved' },
    close: { type: 'plain_text', text: 'Close' },
    blocks: [
      {
        type: 'section',
        block_id: 'listener_failure_notice',
        text: {
          type: 'mrkdwn',
          text:
            'Something went wrong on my side and this did not go through. Close this and try again ' +
            `in a moment. If it keeps happening, tell your Slack admin (reference \`${reference}\`).`,
        },
      },
    ],
  };
}

/**
 * After Slack was answered, the work may have stopped anywhere: the person is asked to look rather
 * than told that nothing happened.
 */
export function buildMayNotHaveWorkedMessage(reference: string): { text: string } {
  return {
    text:
      'Sorry, something went wrong on my side and that may not have gone through. Check, and try ' +
      `again in a minute. If it keeps happening, tell your Slack admin (reference \`${reference}\`).`,
  };
}

import type { Db } from '../../db/database.js';
import { findDisplayNames } from '../../db/queries/people.js';
import { mentionedUserIds, plainLine, plainTextFrom } from '../views/mrkdwn.js';

/** Far more than any refusal needs (one naming five admins is a few hundred), and inside a text object's 3,000. */
const INLINE_ERROR_MAX = 2_000;

/**
 * Inline errors (`response_action: 'errors'`) from texts written as mrkdwn for messages, the roster's
 * refusals above all. Slack shows these errors as plain text, so a mention would read `<@U0123ABC>`:
 * people are named from their rows, in a single query and only when a text mentions someone, since
 * this runs before the ack, inside Slack's three seconds.
 */
export async function plainInlineErrors(
  db: Db,
  workspaceId: string,
  errors: Readonly<Record<string, string>>,
): Promise<Record<string, string>> {
  const names = await findDisplayNames(db, workspaceId, mentionedUserIds(Object.values(errors).join(' ')));
  return Object.fromEntries(
    Object.entries(errors).map(([blockId, text]) => [
      blockId,
      plainLine(plainTextFrom(text, names), INLINE_ERROR_MAX),
    ]),
  );
}

import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { recordAnswer } from '../../../domain/coaching/check-ins.js';
import type { CheckInAnswer } from '../../../domain/coaching/vocabulary.js';
import { AlreadyToldError } from '../../middleware/report-listener-failures.js';
import {
  buildAnsweredReminderMessage,
  buildRecordedMessage,
  CHECK_IN_FIELDS,
  CHECK_IN_MODALS,
  type Parsed,
  parseCheckInReference,
  parseObstacleSubmission,
  parseSaleSubmission,
  parseTriedSubmission,
  type ViewStateValues,
} from '../../views/check-in.js';
import { checkInRefusal } from '../check-in-refusals.js';
import type { ListenerDeps } from '../deps.js';
import { interactionWorkspace } from '../interaction.js';
import { sideBySide } from '../side-by-side.js';

type SubmitArgs = AllMiddlewareArgs & SlackViewMiddlewareArgs<ViewSubmitAction>;
type CheckInModal = (typeof CHECK_IN_MODALS)[keyof typeof CHECK_IN_MODALS];

/** Each modal's parser, and the block where an error about the whole answer is shown. */
const MODALS: Record<
  CheckInModal,
  { parse(values: ViewStateValues): Parsed<CheckInAnswer>; firstBlock: string }
> = {
  [CHECK_IN_MODALS.sale]: {
    parse: (values) => withOutcome(parseSaleSubmission(values), 'sold'),
    firstBlock: CHECK_IN_FIELDS.saleDescription.blockId,
  },
  [CHECK_IN_MODALS.tried]: {
    parse: (values) => withOutcome(parseTriedSubmission(values), 'tried'),
    firstBlock: CHECK_IN_FIELDS.triedWhatHappened.blockId,
  },
  [CHECK_IN_MODALS.obstacle]: {
    parse: (values) => withOutcome(parseObstacleSubmission(values), 'did_not_try'),
    firstBlock: CHECK_IN_FIELDS.obstacle.blockId,
  },
};

function withOutcome<T extends object, O extends CheckInAnswer['outcome']>(
  parsed: Parsed<T>,
  outcome: O,
): Parsed<CheckInAnswer> {
  return parsed.ok ? { ok: true, value: { outcome, ...parsed.value } as unknown as CheckInAnswer } : parsed;
}

/**
 * A submitted answer modal: bad input comes back inline and nothing is stored; a good answer is
 * stored (once per view, so a resubmission stores nothing new), the modal closes, and the DM is
 * redrawn to show what was recorded.
 */
export function checkInAnswerCallback(deps: ListenerDeps, modal: CheckInModal) {
  const { parse, firstBlock } = MODALS[modal];
  return async ({ ack, body, view, client }: SubmitArgs): Promise<void> => {
    const parsed = parse(view.state.values as ViewStateValues);
    if (!parsed.ok) {
      await ack({ response_action: 'errors', errors: parsed.errors });
      return;
    }
    const checkInId = parseCheckInReference(view.private_metadata);
    const workspaceId = interactionWorkspace(body);
    if (checkInId === undefined || workspaceId === undefined) {
      await ack({
        response_action: 'errors',
        errors: { [firstBlock]: 'This form lost its check-in. Open it again from the DM.' },
      });
      return;
    }
    let result: Awaited<ReturnType<typeof recordAnswer>>;
    try {
      result = await recordAnswer(deps.db, deps.clock, {
        checkInId,
        actor: { workspaceId, slackUserId: body.user.id },
        answer: parsed.value,
        idempotencyKey: `view:${view.id}`,
      });
    } catch (error) {
      const refusal = checkInRefusal(error);
      if (refusal === undefined) throw error;
      await ack({ response_action: 'errors', errors: { [firstBlock]: refusal } });
      return;
    }
    await ack();
    const { state, reminders } = result;
    const answer = state.answer;
    if (answer === undefined) return;
    const redraws = [
      ...(state.prompt ? [{ ...state.prompt, draw: buildRecordedMessage(state.content, answer) }] : []),
      ...reminders.map((reminder) => ({
        ...reminder,
        draw: buildAnsweredReminderMessage(state.content, answer),
      })),
    ];
    // Each DM is redrawn on its own: the answer is stored, and one message Slack will not update (the
    // rep deleted it) must not leave the other still asking.
    // The form closed without an error, so the rep knows the answer is in: logged, not told again.
    await sideBySide(
      redraws.map(({ channelId, ts, draw }) => client.chat.update({ channel: channelId, ts, ...draw })),
    ).catch((error: unknown) => {
      throw new AlreadyToldError(error);
    });
  };
}

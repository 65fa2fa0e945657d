import { randomBytes } from 'node:crypto';
import type { AnyMiddlewareArgs, Middleware, RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Logger } from '../../logger.js';
import {
  buildMayNotHaveWorkedMessage,
  buildNotSavedError,
  buildNotSavedView,
} from '../views/listener-failure.js';
import { type SlackTrafficMetrics, slackRequestType } from './count-requests.js';

/**
 * Thrown by a listener that has already shown the person how things ended (a notice in the modal, or
 * the work was done and only a redraw failed): the cause is logged, and nobody is told twice.
 */
export class AlreadyToldError extends Error {
  override name = 'AlreadyToldError';
  constructor(cause: unknown) {
    super((cause as Error)?.message ?? String(cause), { cause });
  }
}

type Ack = (response?: object) => Promise<void>;

/**
 * Which forms a listener has answered. Bolt's own ack cannot say: over HTTP a second call throws, but
 * in Socket Mode it is ignored with a warning, and after Slack's 3 seconds it writes to a closed
 * response. Listeners get the tracked ack (app.ts hands it in with their other arguments).
 */
export class FormAcks {
  private readonly answered = new WeakSet<object>();

  /** The ack a form's listener gets, noting the form as answered when first called. */
  track(body: object, ack: Ack): Ack {
    return (response) => {
      this.answered.add(body);
      return ack(response);
    };
  }

  answeredAlready(body: object): boolean {
    return this.answered.has(body);
  }
}

interface InteractiveBody {
  type?: string;
  command?: string;
  team?: { id?: string } | null;
  team_id?: string;
  user?: { id?: string; team_id?: string };
  user_id?: string;
  actions?: Array<{ action_id?: string }>;
  view?: { callback_id?: string; type?: string; blocks?: Array<{ type?: string; block_id?: string }> };
}

/** Enough of the request to find it again: never its values, which are what people typed. */
function describeRequest(body: InteractiveBody) {
  return {
    type: slackRequestType(body),
    workspaceId: body.team?.id ?? body.team_id ?? body.user?.team_id,
    slackUserId: body.user?.id ?? body.user_id,
    ...(body.command ? { command: body.command } : {}),
    ...(body.actions?.[0]?.action_id ? { actionId: body.actions[0].action_id } : {}),
    ...(body.view?.callback_id ? { callbackId: body.view.callback_id } : {}),
  };
}

/**
 * A listener that throws would otherwise leave the person with silence (a click that does nothing) or,
 * for a form, Slack's own "trouble connecting" after 3 seconds. This tells them, logs the failure once
 * with what the request was and a short reference they can quote, and counts it. Events are left out:
 * Slack got its answer before their listeners ran, and there is nobody waiting to tell.
 */
export function reportListenerFailures(
  logger: Logger,
  metrics: Pick<SlackTrafficMetrics, 'listenerFailed'> | undefined,
  formAcks: FormAcks,
): Middleware<AnyMiddlewareArgs> {
  return (args) => {
    // Not async and no await when all goes well: this sits on every request's path to its ack.
    if (slackRequestType(args.body) === 'event') return args.next();
    return args.next().catch(async (error: unknown) => {
      const reference = randomBytes(4).toString('hex');
      const request = describeRequest(args.body as InteractiveBody);
      metrics?.listenerFailed();
      if (error instanceof AlreadyToldError) {
        logger.error({ err: error.cause, reference, request }, 'a Slack listener failed');
        return;
      }
      logger.error({ err: error, reference, request }, 'a Slack listener failed; telling the person');
      try {
        await tellThePerson(args, formAcks, reference);
      } catch (tellError) {
        logger.warn({ err: tellError, reference }, 'could not tell the person that their request failed');
      }
    });
  };
}

async function tellThePerson(
  args: AnyMiddlewareArgs & { client: WebClient },
  formAcks: FormAcks,
  reference: string,
) {
  const body = args.body as InteractiveBody;
  if (body.type === 'view_submission' && !formAcks.answeredAlready(args.body)) {
    await answerTheForm(args, body, reference);
    return;
  }
  const respond = (args as { respond?: RespondFn }).respond;
  const message = buildMayNotHaveWorkedMessage(reference);
  if (respond !== undefined) {
    await respond({ response_type: 'ephemeral', replace_original: false, ...message });
    return;
  }
  // A Home tab or a modal has no response_url: a DM is where the person will see it.
  const slackUserId = body.user?.id ?? body.user_id;
  if (slackUserId !== undefined) await args.client.chat.postMessage({ channel: slackUserId, ...message });
}

/**
 * A form that failed before its ack is still open, waiting: the error goes under its first field (what
 * was typed stays), or replaces a form without fields.
 */
async function answerTheForm(args: AnyMiddlewareArgs, body: InteractiveBody, reference: string) {
  const ack = (args as { ack: Ack }).ack;
  const firstInput = body.view?.blocks?.find((block) => block.type === 'input' && block.block_id);
  await ack(
    firstInput?.block_id
      ? { response_action: 'errors', errors: { [firstInput.block_id]: buildNotSavedError(reference) } }
      : { response_action: 'update', view: buildNotSavedView(reference) },
  );
}

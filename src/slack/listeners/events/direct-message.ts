import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { keepThreadReply } from '../../../domain/coaching/check-ins.js';
import { rosterStanding } from '../../../domain/roster/permissions.js';
import { retryEventWork } from '../../middleware/deduplicate-events.js';
import { buildDirectMessageReply } from '../../views/help.js';
import type { ListenerDeps } from '../deps.js';

/**
 * message.im: a person wrote to the bot. A reply in the thread of a check-in prompt is kept with
 * that check-in; a plain top-level message gets a short pointer, which depends on whether the writer
 * is on the roster. Edits, deletions and bot messages are ignored.
 */
export function directMessageCallback(deps: ListenerDeps) {
  return async ({
    event,
    body,
    client,
    context,
  }: AllMiddlewareArgs & SlackEventMiddlewareArgs<'message'>): Promise<void> => {
    if (event.channel_type !== 'im' || event.subtype !== undefined) return;
    if ('bot_id' in event && event.bot_id !== undefined) return;
    const workspaceId = body.team_id;
    if (workspaceId === undefined || !('user' in event) || typeof event.user !== 'string') return;
    const writer = event.user;
    if ('thread_ts' in event && event.thread_ts !== undefined && event.thread_ts !== event.ts) {
      const reply = {
        workspaceId,
        channelId: event.channel,
        threadTs: event.thread_ts,
        slackUserId: writer,
        ts: event.ts,
        text: 'text' in event && typeof event.text === 'string' ? event.text : '',
      };
      // Slack will not send the reply again: it got its 200 before this ran. Safe to repeat, as a
      // reply is kept once per message.
      await retryEventWork(context, () => keepThreadReply(deps.db, deps.clock, reply));
      return;
    }
    // The answer depends on the roster: read-only, so as safe to repeat through an outage as the above.
    const standing = await retryEventWork(context, () => rosterStanding(deps.db, workspaceId, writer));
    await client.chat.postMessage({
      channel: event.channel,
      thread_ts: event.ts,
      ...buildDirectMessageReply(standing),
    });
  };
}

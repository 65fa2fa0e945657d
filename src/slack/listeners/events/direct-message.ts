import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { buildDirectMessageReply } from '../../views/help.js';

/**
 * message.im: a person wrote to the bot. Only plain top-level messages from people get an answer;
 * edits, deletions, bot messages and thread replies (the check-in threads of a later release) do not.
 */
export async function directMessageCallback({
  event,
  client,
}: AllMiddlewareArgs & SlackEventMiddlewareArgs<'message'>): Promise<void> {
  if (event.channel_type !== 'im' || event.subtype !== undefined) return;
  if ('bot_id' in event && event.bot_id !== undefined) return;
  if ('thread_ts' in event && event.thread_ts !== undefined) return;
  await client.chat.postMessage({
    channel: event.channel,
    thread_ts: event.ts,
    ...buildDirectMessageReply(),
  });
}

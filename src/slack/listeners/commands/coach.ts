import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { buildHelpMessage, buildUnknownSubcommandMessage } from '../../views/help.js';

export type CoachCommand = { kind: 'help' } | { kind: 'unknown'; word: string };

export function parseCoachCommand(text: string): CoachCommand {
  const word = text.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
  if (word === '' || word === 'help') return { kind: 'help' };
  return { kind: 'unknown', word };
}

/** `/coach [subcommand]`: answered in the ack itself, so the reply needs no Web API call. */
export async function coachCommandCallback({
  command,
  ack,
}: AllMiddlewareArgs & SlackCommandMiddlewareArgs): Promise<void> {
  const parsed = parseCoachCommand(command.text);
  const message = parsed.kind === 'help' ? buildHelpMessage() : buildUnknownSubcommandMessage(parsed.word);
  await ack({ response_type: 'ephemeral', ...message });
}

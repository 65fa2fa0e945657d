/** Reading a Block Kit message the bot sent, as the stand-in recorded it. */
type Block = { block_id?: string; text?: { text: string }; elements?: Array<{ text: string }> };

export function blockIds(blocks: unknown): Array<string | undefined> {
  return ((blocks ?? []) as Block[]).map((block) => block.block_id);
}

/** A section's text, or a context's elements joined by spaces; undefined without that block. */
export function blockText(blocks: unknown, blockId: string): string | undefined {
  const block = (blocks as Block[] | undefined)?.find((candidate) => candidate.block_id === blockId);
  return block?.text?.text ?? block?.elements?.map((element) => element.text).join(' ');
}

/**
 * The `/coach …` commands a text shows, as someone would send them after filling in the placeholders
 * with Slack's pickers (Slack sends `<@U…>` and `<#C…|>`), without the `/coach ` Slack strips: team
 * EMEA, manager UMGR, rep UREP1, channel C0STAND.
 */
export function typedCoachCommands(text: string): string[] {
  return [...text.matchAll(/`\/coach ([^`]+)`/g)].map(([, command]) =>
    (command as string)
      .replace(/&lt;name&gt;/g, 'EMEA')
      .replace('@someone', '<@UMGR>')
      .replace('@rep', '<@UREP1>')
      .replace('#channel', '<#C0STAND|>'),
  );
}

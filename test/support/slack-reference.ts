import path from 'node:path';

/** Path of a file in the vendored copy of Slack's reference data (see test/fixtures/slack-reference). */
export function slackReferencePath(...parts: string[]): string {
  return path.resolve(import.meta.dirname, '../fixtures/slack-reference', ...parts);
}

import { ErrorCode } from '@slack/web-api';

/** Slack answered the call with this error (user_not_found, hash_conflict…), as opposed to not answering it. */
export function isSlackError(error: unknown, slackError: string): boolean {
  const failure = error as { code?: string; data?: { error?: string } };
  return failure.code === ErrorCode.PlatformError && failure.data?.error === slackError;
}

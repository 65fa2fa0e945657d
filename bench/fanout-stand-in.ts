/**
 * The Slack stand-in of the fan-out benchmark, in its own process (bench/fanout.ts starts it).
 * It prints one JSON line `{"port":…,"apiUrl":…}` on stdout once it is listening, takes orders and
 * gives reports over IPC, and stops cleanly on SIGTERM or SIGINT.
 */
import {
  type RateLimit,
  type RecordedCall,
  SlackStandIn,
  type StandInUserInput,
} from '../test/support/slack-stand-in/index.js';

export type StandInRequest =
  /**
   * Forget every call and message, know `users` (their ids and time zones), then enforce `rateLimit`
   * on chat.postMessage (none if null).
   */
  { type: 'configure'; users: StandInUserInput[]; rateLimit: RateLimit | null } | { type: 'report' };

export type StandInOrder = StandInRequest & { id: number };

export type StandInAnswer =
  | { type: 'configured'; id: number }
  | { type: 'report'; id: number; report: PostReport };

/** What the stand-in saw of chat.postMessage since it was last configured. */
export interface PostReport {
  /** Answered calls (any outcome). */
  calls: number;
  /** Posts answered ok: when each arrived (Date.now()), in arrival order. */
  postedAt: number[];
  /** The outbox id in each ok post's metadata (missing ids as ''), in arrival order. */
  outboxIds: string[];
  /** Recipients (DM channel per user id) of ok posts. */
  recipients: number;
  /** Ok posts beyond the first to the same recipient. */
  repeatedRecipients: number;
  /** Calls answered 429 by the rate limit. */
  rateLimited: number;
  /**
   * Calls that arrived while an earlier 429's Retry-After was still running. Includes calls that were
   * already on their way when the 429 was answered.
   */
  arrivedDuringRetryAfter: number;
  /** Calls that failed for another reason, with the first few reasons. */
  otherFailures: number;
  failureReasons: string[];
  /** Calls still being answered when the report was made. */
  pending: number;
  /** Other Web API methods called, with their counts. */
  otherMethods: Record<string, number>;
}

function outboxIdOf(call: RecordedCall): string {
  const metadata = call.args.metadata as { event_payload?: { outbox_id?: unknown } } | undefined;
  const id = metadata?.event_payload?.outbox_id;
  return id === undefined || id === null ? '' : String(id);
}

function postReport(standIn: SlackStandIn): PostReport {
  const posts = standIn.calls('chat.postMessage');
  const ok = posts.filter((call) => call.ok);
  const perRecipient = new Map<string, number>();
  for (const call of ok) {
    const channel = String(call.args.channel);
    perRecipient.set(channel, (perRecipient.get(channel) ?? 0) + 1);
  }
  let retryAfterEnds = 0;
  let arrivedDuringRetryAfter = 0;
  for (const call of posts) {
    if (call.receivedAt < retryAfterEnds) arrivedDuringRetryAfter += 1;
    if (call.status === 429) {
      retryAfterEnds = Math.max(retryAfterEnds, call.receivedAt + (call.retryAfterSeconds ?? 0) * 1000);
    }
  }
  const failed = posts.filter((call) => call.status !== 0 && !call.ok && call.status !== 429);
  const otherMethods: Record<string, number> = {};
  for (const call of standIn.calls()) {
    if (call.method !== 'chat.postMessage') otherMethods[call.method] = (otherMethods[call.method] ?? 0) + 1;
  }
  return {
    calls: posts.filter((call) => call.status !== 0).length,
    postedAt: ok.map((call) => call.receivedAt),
    outboxIds: ok.map(outboxIdOf),
    recipients: perRecipient.size,
    repeatedRecipients: ok.length - perRecipient.size,
    rateLimited: posts.filter((call) => call.status === 429).length,
    arrivedDuringRetryAfter,
    otherFailures: failed.length,
    failureReasons: [...new Set(failed.map((call) => call.error ?? `HTTP ${call.status}`))].slice(0, 5),
    pending: posts.filter((call) => call.status === 0).length,
    otherMethods,
  };
}

async function main(): Promise<void> {
  const standIn = await SlackStandIn.start();
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    standIn.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`the stand-in did not stop cleanly: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  // An orchestrator that dies without SIGTERM closes the IPC channel; do not outlive it.
  process.on('disconnect', stop);
  process.on('message', (received: unknown) => {
    const message = received as StandInOrder;
    let answer: StandInAnswer;
    if (message.type === 'configure') {
      standIn.reset();
      for (const user of message.users) standIn.addUser(user);
      if (message.rateLimit) standIn.rateLimit('chat.postMessage', message.rateLimit);
      answer = { type: 'configured', id: message.id };
    } else {
      answer = { type: 'report', id: message.id, report: postReport(standIn) };
    }
    process.send?.(answer);
  });
  process.stdout.write(
    `${JSON.stringify({ port: Number(new URL(standIn.baseUrl).port), apiUrl: standIn.apiUrl })}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`the stand-in failed to start: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});

import { setTimeout as sleep } from 'node:timers/promises';
import { ErrorCode, type WebClient } from '@slack/web-api';
import type { StandingsPost } from '../db/schema.js';
import type { ChannelOutcome, StandingsChannel } from '../domain/rankings/posting.js';
import type { Logger } from '../logger.js';
import { findMarkedMessage } from './marked-messages.js';
import { classifySlackFailure } from './notifier.js';
import {
  buildStandingsFailureNotice,
  buildStandingsPost,
  chartAltText,
  chartTitle,
} from './views/standings.js';
import { renderStandingsChart } from './views/standings-chart.js';
import type { WorkspaceClients } from './workspace-clients.js';

/** Every weekly post carries its row id, so a replica taking over can tell whether Slack has it. */
export const STANDINGS_METADATA_EVENT = 'coach_standings_post';

export interface StandingsChannelOptions {
  /** Calls of one step, 429s and (for steps safe to repeat) 5xx and network errors included. */
  maxCalls: number;
  /** The longest Retry-After waited out inside a post; a longer one makes the post retry later. */
  maxRetryAfterMs: number;
  /** First back-off after a 5xx or network error; doubled each time. */
  backoffMs: number;
  /** Time limit on sending the chart's bytes to the upload URL. */
  uploadTimeoutMs: number;
}

export const DEFAULT_STANDINGS_CHANNEL_OPTIONS: StandingsChannelOptions = {
  maxCalls: 4,
  maxRetryAfterMs: 60_000,
  backoffMs: 1_000,
  uploadTimeoutMs: 30_000,
};

class StepFailed extends Error {
  constructor(readonly outcome: Extract<ChannelOutcome<never>, { ok: false }>) {
    super(outcome.reason);
  }
}

/**
 * The weekly post through Slack's Web API: chat.postMessage with the row id in the metadata, the
 * chart through files.getUploadURLExternal → upload → files.completeUploadExternal into the post's
 * thread, and the look-ups a replica taking over needs. The client must not retry by itself
 * (retries: 0, rejectRateLimitedCalls): each step here decides whether repeating it is safe.
 */
export function slackStandingsChannel(
  clients: WorkspaceClients,
  logger: Logger,
  options: StandingsChannelOptions = DEFAULT_STANDINGS_CHANNEL_OPTIONS,
): StandingsChannel {
  const clientFor = async (workspaceId: string): Promise<WebClient> => {
    const client = await clients.forWorkspace(workspaceId);
    if (client === undefined) {
      throw new StepFailed({ ok: false, permanent: true, reason: 'the bot has no token for this workspace' });
    }
    return client;
  };

  /**
   * Runs one step. A 429 is waited out (nothing happened on Slack's side); a 5xx or network error
   * is tried again only when `repeatable`, since a post may have gone through before the answer was
   * lost, and the next claim looks for it instead.
   */
  async function step<T>(repeatable: boolean, call: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await call();
      } catch (error) {
        if (error instanceof StepFailed) throw error;
        const failure = classifySlackFailure(error);
        if (failure.kind === 'permanent')
          throw new StepFailed({ ok: false, permanent: true, reason: failure.reason });
        const last = attempt >= options.maxCalls;
        if (failure.kind === 'rate_limited') {
          if (last || failure.retryAfterMs > options.maxRetryAfterMs) {
            throw new StepFailed({ ok: false, permanent: false, reason: 'rate limited by Slack' });
          }
          await sleep(failure.retryAfterMs);
          continue;
        }
        if (last || !repeatable)
          throw new StepFailed({ ok: false, permanent: false, reason: failure.reason });
        await sleep(options.backoffMs * 2 ** (attempt - 1));
      }
    }
  }

  async function outcome<T>(run: () => Promise<T>): Promise<ChannelOutcome<T>> {
    try {
      return { ok: true, value: await run() };
    } catch (error) {
      if (error instanceof StepFailed) return error.outcome;
      throw error;
    }
  }

  async function uploadBytes(url: string, bytes: Buffer): Promise<void> {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: bytes,
      signal: AbortSignal.timeout(options.uploadTimeoutMs),
    });
    // Slack answers the upload with plain text; anything but 200 means the bytes did not arrive.
    await response.text();
    if (response.status !== 200) {
      throw Object.assign(new Error(`upload answered HTTP ${response.status}`), {
        // Read by classifySlackFailure like a Web API HTTP error: transient, retried with back-off.
        code: ErrorCode.HTTPError,
        statusCode: response.status,
      });
    }
  }

  return {
    async findPost(post: StandingsPost, channelId: string) {
      const client = await clientFor(post.workspace_id);
      // A re-run moves due_at to the moment of the re-run; the row's creation is when it first became due.
      const since = Math.min(post.created_at.getTime(), post.due_at.getTime());
      return findMarkedMessage(
        (request) =>
          step(true, () => client.conversations.history(request)).catch((error: unknown) => {
            // Out of the channel, the post cannot be there either, and posting will say why.
            if (error instanceof StepFailed && error.outcome.permanent) return undefined;
            throw error;
          }),
        {
          channelId,
          since: new Date(since),
          eventType: STANDINGS_METADATA_EVENT,
          field: 'post_id',
          id: post.id,
        },
      );
    },

    post: (post, channelId, standings) =>
      outcome(async () => {
        const client = await clientFor(post.workspace_id);
        const message = buildStandingsPost(standings);
        const posted = await step(false, () =>
          client.chat.postMessage({
            channel: channelId,
            text: message.text,
            blocks: message.blocks,
            unfurl_links: false,
            metadata: { event_type: STANDINGS_METADATA_EVENT, event_payload: { post_id: post.id } },
          }),
        );
        if (!posted.ts)
          throw new StepFailed({ ok: false, permanent: false, reason: 'Slack answered without a ts' });
        return posted.ts;
      }),

    async hasChart(post, channelId, threadTs, fileId) {
      const client = await clientFor(post.workspace_id);
      const replies = await step(true, () =>
        client.conversations.replies({ channel: channelId, ts: threadTs, limit: 200 }),
      );
      return (replies.messages ?? []).some((message) => message.files?.some((file) => file.id === fileId));
    },

    uploadChart: ({ post, channelId, threadTs, standings, onFileId }) =>
      outcome(async () => {
        const client = await clientFor(post.workspace_id);
        const png = renderStandingsChart(standings);
        const title = chartTitle(standings);
        const altText = chartAltText(standings);
        const slot = await step(true, () =>
          client.files.getUploadURLExternal({
            filename: 'standings.png',
            length: png.length,
            // Slack's reference names the argument alt_txt; @slack/web-api's types and its own upload
            // helper send alt_text. Both go, so the description reaches screen readers whichever
            // Slack reads (it ignores arguments it does not know).
            alt_text: altText,
            ...{ alt_txt: altText },
          }),
        );
        if (!slot.upload_url || !slot.file_id) {
          throw new StepFailed({ ok: false, permanent: false, reason: 'Slack gave no upload URL' });
        }
        const { upload_url: uploadUrl, file_id: fileId } = slot;
        await onFileId(fileId);
        await step(true, () => uploadBytes(uploadUrl, png));
        await step(false, () =>
          client.files.completeUploadExternal({
            files: [{ id: fileId, title }],
            channel_id: channelId,
            thread_ts: threadTs,
          }),
        );
        return fileId;
      }),

    async tellFailure(recipients, failure) {
      const client = await clientFor(failure.workspaceId).catch(() => undefined);
      if (client === undefined) return;
      for (const recipient of recipients) {
        const notice = buildStandingsFailureNotice(failure, recipient.isAdmin);
        await step(false, () => client.chat.postMessage({ channel: recipient.slackUserId, ...notice })).catch(
          (error: unknown) =>
            logger.warn(
              { err: error, teamName: failure.teamName },
              'a standings failure notice was not delivered',
            ),
        );
      }
    },
  };
}

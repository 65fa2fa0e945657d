import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { Db } from '../../db/database.js';
import { claimSlackEvent, releaseSlackEvent } from '../../db/queries/slack-events.js';
import type { Logger } from '../../logger.js';

interface EventEnvelope {
  type: 'event_callback';
  event_id: string;
  team_id?: string;
  event?: { type?: string };
}

function isEventEnvelope(body: unknown): body is EventEnvelope {
  const candidate = body as Partial<EventEnvelope> | undefined;
  return candidate?.type === 'event_callback' && typeof candidate.event_id === 'string';
}

/**
 * Slack redelivers an event (x-slack-retry-num) when it did not see our 200 in time, and every replica
 * may receive one. The first delivery claims the event_id in Postgres; later ones stop here. A failed
 * handler releases its claim so that Slack's retry gets a second chance instead of being dropped.
 */
export function deduplicateEvents(db: Db, logger: Logger): Middleware<AnyMiddlewareArgs> {
  return async ({ body, next }) => {
    if (!isEventEnvelope(body)) {
      await next();
      return;
    }
    const claimed = await claimSlackEvent(db, {
      eventId: body.event_id,
      workspaceId: body.team_id ?? null,
      eventType: body.event?.type ?? 'unknown',
    });
    if (!claimed) {
      logger.debug({ eventId: body.event_id }, 'duplicate event delivery skipped');
      return;
    }
    try {
      await next();
    } catch (error) {
      await releaseSlackEvent(db, body.event_id);
      throw error;
    }
  };
}

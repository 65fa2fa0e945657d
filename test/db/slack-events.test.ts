import { describe, expect, it } from 'vitest';
import { claimSlackEvent, releaseSlackEvent } from '../../src/db/queries/slack-events.js';
import {
  forgetOldSlackEventIds,
  SLACK_EVENT_ID_RETENTION_MS,
} from '../../src/domain/housekeeping/service.js';
import { useTestDatabase } from '../support/database.js';

describe('processed Slack event ids', () => {
  const database = useTestDatabase();

  const event = (eventId: string) => ({ eventId, workspaceId: 'T1', eventType: 'message' });

  it('let exactly one of many concurrent claims of the same event win', async () => {
    const claims = await Promise.all(
      Array.from({ length: 8 }, () => claimSlackEvent(database.current.db, event('Ev-race'))),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
  });

  it('can be released so a retry is processed', async () => {
    expect(await claimSlackEvent(database.current.db, event('Ev-released'))).toBe(true);
    await releaseSlackEvent(database.current.db, 'Ev-released');
    expect(await claimSlackEvent(database.current.db, event('Ev-released'))).toBe(true);
  });

  it('are forgotten after the retention period, not before', async () => {
    await database.current.db
      .insertInto('processed_slack_events')
      .values({ event_id: 'Ev-old', event_type: 'message', received_at: new Date('2026-11-01T00:00:00Z') })
      .execute();
    const justAfterOld = {
      now: () => new Date(Date.parse('2026-11-01T00:00:00Z') + SLACK_EVENT_ID_RETENTION_MS - 1),
    };
    expect(await forgetOldSlackEventIds(database.current.db, justAfterOld)).toBe(0);
    const later = {
      now: () => new Date(Date.parse('2026-11-01T00:00:00Z') + SLACK_EVENT_ID_RETENTION_MS + 1),
    };
    expect(await forgetOldSlackEventIds(database.current.db, later)).toBe(1);
    expect(await claimSlackEvent(database.current.db, event('Ev-race'))).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { TOUR_CALLBACK_ID, TOUR_OPEN_ACTION_ID, TOUR_PAGE_COUNT } from '../../src/slack/views/tour.js';
import { useBotFixture } from '../support/bot.js';

describe('the tour: a button and a multi-page modal', () => {
  const fixture = useBotFixture();

  it('opens the first page with the click’s trigger id', async () => {
    const response = await fixture.bot.driver.blockAction({
      userId: 'U0REP',
      actionId: TOUR_OPEN_ACTION_ID,
      triggerId: '13345224609.738474920.8088930838d88f008e0',
    });
    expect(response.status).toBe(200);
    const [open] = await fixture.standIn.waitForCalls('views.open', 1);
    expect(open?.args).toMatchObject({
      trigger_id: '13345224609.738474920.8088930838d88f008e0',
      view: { type: 'modal', callback_id: TOUR_CALLBACK_ID, private_metadata: '{"page":0}' },
    });
  });

  it('moves to the next page on submit and closes after the last', async () => {
    const submit = (page: number) =>
      fixture.bot.driver.viewSubmission({
        userId: 'U0REP',
        callbackId: TOUR_CALLBACK_ID,
        values: {},
        privateMetadata: JSON.stringify({ page }),
      });
    const first = await submit(0);
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ response_action: 'update', view: { private_metadata: '{"page":1}' } });
    const last = await submit(TOUR_PAGE_COUNT - 1);
    expect(last.status).toBe(200);
    expect(last.text).toBe('');
  });

  it('closes instead of failing on metadata it did not write', async () => {
    const response = await fixture.bot.driver.viewSubmission({
      userId: 'U0REP',
      callbackId: TOUR_CALLBACK_ID,
      values: {},
      privateMetadata: '{"page":"DROP TABLE"}',
    });
    expect(response.status).toBe(200);
    expect(response.text).toBe('');
  });
});

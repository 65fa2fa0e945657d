import { describe, expect, it } from 'vitest';
import { slackRequestType } from '../../src/slack/middleware/count-requests.js';

describe('slackRequestType', () => {
  it.each([
    [{ command: '/coach', text: 'help' }, 'slash_command'],
    [{ type: 'block_actions', actions: [] }, 'block_actions'],
    [{ type: 'view_submission', view: {} }, 'view_submission'],
    [{ type: 'event_callback', event: { type: 'app_home_opened' } }, 'event'],
    [{ type: 'view_closed' }, 'other'],
    [{ type: 'shortcut' }, 'other'],
    [{ type: 'block_suggestion' }, 'other'],
    [{ type: 'something Slack adds next year' }, 'other'],
    [{}, 'other'],
    [undefined, 'other'],
  ])('%o is %s', (body, type) => {
    expect(slackRequestType(body)).toBe(type);
  });
});

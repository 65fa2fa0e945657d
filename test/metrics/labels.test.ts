import { describe, expect, it } from 'vitest';
import { boundedLabel, OTHER, SLACK_ERROR_CODE } from '../../src/metrics/labels.js';

describe('boundedLabel for Slack error codes', () => {
  it('keeps Slack error codes as they are', () => {
    const label = boundedLabel({ shape: SLACK_ERROR_CODE, limit: 10 });
    for (const code of ['account_inactive', 'user_not_found', 'not_in_channel', 'retries_exhausted']) {
      expect(label(code)).toBe(code);
    }
  });

  it('turns free text, ids and tokens into "other"', () => {
    const label = boundedLabel({ shape: SLACK_ERROR_CODE, limit: 10 });
    for (const value of [
      'the bot has no token for this workspace',
      'gave up after 6 attempts: HTTP 500 from Slack',
      'U0123ABCD',
      'xoxb-1234-5678-abcdef',
      'connect ECONNREFUSED 127.0.0.1:443',
      '',
      'a'.repeat(65),
    ]) {
      expect(label(value), value).toBe(OTHER);
    }
  });

  it('takes no more distinct values than its limit, and keeps answering those it took', () => {
    const label = boundedLabel({ shape: SLACK_ERROR_CODE, limit: 2 });
    expect(label('first_error')).toBe('first_error');
    expect(label('second_error')).toBe('second_error');
    expect(label('third_error')).toBe(OTHER);
    expect(label('first_error')).toBe('first_error');
    expect(label('second_error')).toBe('second_error');
  });
});

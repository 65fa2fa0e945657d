import { describe, expect, it } from 'vitest';
import { digest, presentsToken } from '../../src/metrics/endpoint.js';

const TOKEN = 'b1d2c3e4f5a6b7c8d9e0f1a2b3c4d5e6';
const expected = digest(TOKEN);

describe('presentsToken', () => {
  it('accepts the token as a bearer credential, the scheme in any case', () => {
    expect(presentsToken(`Bearer ${TOKEN}`, expected)).toBe(true);
    expect(presentsToken(`bearer ${TOKEN}`, expected)).toBe(true);
    expect(presentsToken(`BEARER  ${TOKEN} `, expected)).toBe(true);
  });

  it('refuses anything else', () => {
    for (const header of [
      undefined,
      '',
      TOKEN,
      `Basic ${TOKEN}`,
      'Bearer',
      'Bearer ',
      `Bearer ${TOKEN.slice(1)}`,
      `Bearer ${TOKEN}0`,
      `Bearer ${TOKEN.toUpperCase()}`,
      `Bearer ${TOKEN} extra`,
      `xBearer ${TOKEN}`,
    ]) {
      expect(presentsToken(header, expected), String(header)).toBe(false);
    }
  });
});

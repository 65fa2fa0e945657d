import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  loadInstallation,
  recordInstallation,
  resealInstallations,
} from '../../src/domain/workspaces/service.js';
import { TokenKeyError, tokenCipher } from '../../src/domain/workspaces/token-cipher.js';
import { useTestDatabase } from '../support/database.js';

const clock = { now: () => new Date('2026-12-05T10:00:00Z') };
const newKey = () => randomBytes(32).toString('base64');
const scopeOf = (teamId: string) => ({ enterpriseId: undefined, teamId, isEnterpriseInstall: false });
const installationOf = (teamId: string) => ({
  team: { id: teamId, name: `Team ${teamId}` },
  bot: { token: `xoxb-${teamId}-secret-token`, userId: 'U0BOT', scopes: ['chat:write'] },
});

describe('token cipher', () => {
  it('seals an installation so that no part of it is readable, and opens it back', () => {
    const cipher = tokenCipher([newKey()]);
    const sealed = cipher.seal(installationOf('T1'), 'T:T1');
    expect(JSON.stringify(sealed)).not.toContain('xoxb-');
    expect(JSON.stringify(sealed)).not.toContain('Team T1');
    expect(cipher.open(sealed, 'T:T1')).toEqual(installationOf('T1'));
    // A fresh nonce per seal: the same installation never gives the same text twice.
    expect(cipher.seal(installationOf('T1'), 'T:T1')).not.toEqual(sealed);
  });

  it('refuses sealed text that was altered or moved to another installation', () => {
    const cipher = tokenCipher([newKey()]);
    const sealed = cipher.seal(installationOf('T1'), 'T:T1') as { sealed: { data: string } };
    expect(() => cipher.open(sealed, 'T:T2')).toThrow(TokenKeyError);
    const data = Buffer.from(sealed.sealed.data, 'base64');
    data[0] = (data[0] ?? 0) ^ 1;
    const altered = { sealed: { ...sealed.sealed, data: data.toString('base64') } };
    expect(() => cipher.open(altered, 'T:T1')).toThrow(/altered/);
  });

  it('says which variable is missing when it meets a sealed installation without the key', () => {
    const sealed = tokenCipher([newKey()]).seal(installationOf('T1'), 'T:T1');
    expect(() => tokenCipher([]).open(sealed, 'T:T1')).toThrow(/SLACK_TOKEN_ENCRYPTION_KEY is not set/);
    expect(() => tokenCipher([newKey()]).open(sealed, 'T:T1')).toThrow(
      /neither SLACK_TOKEN_ENCRYPTION_KEY nor SLACK_TOKEN_ENCRYPTION_KEY_PREVIOUS/,
    );
  });

  it('reads plaintext installations stored before a key was set', () => {
    expect(tokenCipher([newKey()]).open(installationOf('T1'), 'T:T1')).toEqual(installationOf('T1'));
  });
});

describe('installations at rest', () => {
  const database = useTestDatabase();
  const storedText = async () =>
    JSON.stringify(
      await database.current.db.selectFrom('slack_installations').select('installation').execute(),
    );

  it('refuses to start on an installation it cannot open, and changes nothing', async () => {
    const sealed = tokenCipher([newKey()]);
    await recordInstallation(database.current.db, clock, sealed, scopeOf('T5'), {
      teamName: 'Five',
      botUserId: 'U0BOT',
      data: installationOf('T5'),
    });
    const before = await storedText();
    await expect(resealInstallations(database.current.db, tokenCipher([newKey()]))).rejects.toThrow(
      TokenKeyError,
    );
    await expect(resealInstallations(database.current.db, tokenCipher([]))).rejects.toThrow(TokenKeyError);
    expect(await storedText()).toBe(before);
    await database.current.db.deleteFrom('slack_installations').execute();
  });

  it('stores a new installation sealed when a key is set', async () => {
    const cipher = tokenCipher([newKey()]);
    await recordInstallation(database.current.db, clock, cipher, scopeOf('T9'), {
      teamName: 'Nine',
      botUserId: 'U0BOT',
      data: installationOf('T9'),
    });
    expect(await storedText()).not.toContain('xoxb-');
    expect(await loadInstallation(database.current.db, cipher, scopeOf('T9'))).toEqual(installationOf('T9'));
    await database.current.db.deleteFrom('slack_installations').execute();
  });

  it('seals plaintext installations once a key is set, then rotates them to a new key', async () => {
    const plaintext = tokenCipher([]);
    for (const team of ['T1', 'T2']) {
      await recordInstallation(database.current.db, clock, plaintext, scopeOf(team), {
        teamName: team,
        botUserId: 'U0BOT',
        data: installationOf(team),
      });
    }
    expect(await resealInstallations(database.current.db, plaintext)).toEqual({ resealed: 0, plaintext: 2 });
    expect(await storedText()).toContain('xoxb-T1-secret-token');

    const oldKey = newKey();
    const first = tokenCipher([oldKey]);
    expect(await resealInstallations(database.current.db, first)).toEqual({ resealed: 2, plaintext: 0 });
    expect(await storedText()).not.toContain('xoxb-');
    // Once sealed under the current key, a second start has nothing to do.
    expect(await resealInstallations(database.current.db, first)).toEqual({ resealed: 0, plaintext: 0 });

    const currentKey = newKey();
    const rotated = tokenCipher([currentKey, oldKey]);
    expect(await resealInstallations(database.current.db, rotated)).toEqual({ resealed: 2, plaintext: 0 });
    // Rotated: the old key alone no longer opens them, the new one alone does.
    await expect(loadInstallation(database.current.db, first, scopeOf('T1'))).rejects.toThrow(TokenKeyError);
    expect(await loadInstallation(database.current.db, tokenCipher([currentKey]), scopeOf('T1'))).toEqual(
      installationOf('T1'),
    );
  });
});

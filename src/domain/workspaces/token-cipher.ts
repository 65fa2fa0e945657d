import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * OAuth installations hold every workspace's bot token. With a key configured they are stored sealed
 * (AES-256-GCM), so a database dump or a read-only replica does not hand out the tokens; the key
 * lives only in the environment. Without a key they are stored as Slack returned them.
 */
export interface TokenCipher {
  /** True when installations are sealed on write. */
  readonly sealing: boolean;
  /** What to store for an installation; `installKey` binds the sealed text to its row. */
  seal(installation: Record<string, unknown>, installKey: string): Record<string, unknown>;
  /** The installation as Slack returned it, from what was stored. */
  open(stored: Record<string, unknown>, installKey: string): Record<string, unknown>;
  /** Whether a stored installation should be written again: plaintext, or sealed under an older key. */
  needsReseal(stored: Record<string, unknown>): boolean;
}

/** A stored installation that cannot be opened with the keys the bot was given. */
export class TokenKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TokenKeyError';
  }
}

interface SealedEnvelope {
  v: 1;
  /** Which key sealed it: the first 8 hex digits of the key's SHA-256, never the key itself. */
  kid: string;
  iv: string;
  tag: string;
  data: string;
}

const ALGORITHM = 'aes-256-gcm';
export const TOKEN_KEY_BYTES = 32;

function keyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

function envelopeOf(stored: Record<string, unknown>): SealedEnvelope | undefined {
  const sealed = stored.sealed;
  if (typeof sealed !== 'object' || sealed === null) return undefined;
  const envelope = sealed as Partial<SealedEnvelope>;
  const fields = [envelope.kid, envelope.iv, envelope.tag, envelope.data];
  if (envelope.v !== 1 || fields.some((field) => typeof field !== 'string')) {
    throw new TokenKeyError('a stored installation is sealed in a format this version does not know');
  }
  return envelope as SealedEnvelope;
}

/**
 * `keys` are base64 keys of 32 bytes, the one to seal with first, then older ones still accepted for
 * opening (during a key rotation). No keys: installations are stored and read as plaintext.
 */
export function tokenCipher(keys: readonly string[]): TokenCipher {
  const known = keys.map((encoded) => {
    const key = Buffer.from(encoded, 'base64');
    if (key.length !== TOKEN_KEY_BYTES)
      throw new TokenKeyError(`a token key must be ${TOKEN_KEY_BYTES} bytes`);
    return { id: keyId(key), key };
  });
  const current = known[0];

  return {
    sealing: current !== undefined,
    seal(installation, installKey) {
      if (current === undefined) return installation;
      const iv = randomBytes(12);
      const cipher = createCipheriv(ALGORITHM, current.key, iv);
      cipher.setAAD(Buffer.from(installKey, 'utf8'));
      const data = Buffer.concat([cipher.update(JSON.stringify(installation), 'utf8'), cipher.final()]);
      const envelope: SealedEnvelope = {
        v: 1,
        kid: current.id,
        iv: iv.toString('base64'),
        tag: cipher.getAuthTag().toString('base64'),
        data: data.toString('base64'),
      };
      return { sealed: envelope };
    },
    open(stored, installKey) {
      const envelope = envelopeOf(stored);
      if (envelope === undefined) return stored;
      const match = known.find((candidate) => candidate.id === envelope.kid);
      if (match === undefined) {
        throw new TokenKeyError(
          current === undefined
            ? `the installation ${installKey} is sealed, and SLACK_TOKEN_ENCRYPTION_KEY is not set`
            : `the installation ${installKey} is sealed with a key (id ${envelope.kid}) that is neither SLACK_TOKEN_ENCRYPTION_KEY nor SLACK_TOKEN_ENCRYPTION_KEY_PREVIOUS`,
        );
      }
      try {
        const decipher = createDecipheriv(ALGORITHM, match.key, Buffer.from(envelope.iv, 'base64'));
        decipher.setAAD(Buffer.from(installKey, 'utf8'));
        decipher.setAuthTag(Buffer.from(envelope.tag, 'base64'));
        const text = Buffer.concat([
          decipher.update(Buffer.from(envelope.data, 'base64')),
          decipher.final(),
        ]).toString('utf8');
        return JSON.parse(text) as Record<string, unknown>;
      } catch {
        // GCM's check failed: the sealed text was altered, or copied from another row.
        throw new TokenKeyError(`the installation ${installKey} does not open: its sealed text was altered`);
      }
    },
    needsReseal(stored) {
      if (current === undefined) return false;
      return envelopeOf(stored)?.kid !== current.id;
    },
  };
}

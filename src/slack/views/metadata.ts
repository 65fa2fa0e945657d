import type { z } from 'zod';

/**
 * A view's private_metadata that the bot wrote as JSON, read back through `schema`; undefined for
 * anything else (a view from an older release, or a forged submission).
 */
export function readJsonMetadata<T>(schema: z.ZodType<T>, privateMetadata: string): T | undefined {
  try {
    const parsed = schema.safeParse(JSON.parse(privateMetadata));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';

// The image cannot be built on the machines that run these tests (no Docker engine), so what can be
// checked as text is checked here.

const read = (file: string) => readFile(new URL(`../${file}`, import.meta.url), 'utf8');

describe('the production image', () => {
  it('caps the heap exactly as npm run start:prod does, which is what the fan-out benchmark measures', async () => {
    const scripts = (JSON.parse(await read('package.json')) as { scripts: Record<string, string> }).scripts;
    const fromScript = /--max-old-space-size=(\d+)/.exec(scripts['start:prod']!)?.[1];
    const fromImage = /^ENV NODE_OPTIONS=--max-old-space-size=(\d+)$/m.exec(await read('Dockerfile'))?.[1];
    expect(fromScript).toBeDefined();
    expect(fromImage).toBe(fromScript);
  });

  it('runs the compiled entry point that npm run start:prod runs', async () => {
    const scripts = (JSON.parse(await read('package.json')) as { scripts: Record<string, string> }).scripts;
    const entry = scripts['start:prod']!.split(/\s+/).at(-1);
    expect(await read('Dockerfile')).toContain(`CMD ["node", "${entry}"]`);
  });
});

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { slackReferencePath } from './support/slack-reference.js';

// Static checks of manifest.yml: it is a valid Slack app manifest, routes every request to Bolt's
// single endpoint and explains every scope it asks for. (Whether the manifest matches the listeners
// the code registers is checked elsewhere.)

const manifestPath = path.resolve(import.meta.dirname, '../manifest.yml');
const schemaDir = slackReferencePath('manifest-schema');

/** The parts of the manifest these tests read; the schema checks everything else. */
interface Manifest {
  display_information: { name: string; long_description?: string; background_color?: string };
  features?: {
    slash_commands?: { command: string; url?: string; description: string; should_escape?: boolean }[];
  };
  oauth_config?: { redirect_urls?: string[]; scopes?: { bot?: string[] } };
  settings?: {
    event_subscriptions?: { request_url?: string; bot_events?: string[] };
    interactivity?: { is_enabled: boolean; request_url?: string; message_menu_options_url?: string };
    socket_mode_enabled?: boolean;
    token_rotation_enabled?: boolean;
  };
}

const rawManifest = readFileSync(manifestPath, 'utf8');
const manifest = parse(rawManifest) as Manifest;

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(path.join(schemaDir, file), 'utf8'));
}

/**
 * Slack's v1 manifest schema declares "$schema": "http://json-schema.org/draft-07/schema#", so it is
 * compiled with Ajv's default (draft-07) class, not ajv/dist/2019 or ajv/dist/2020.
 */
function compileManifestSchema(): ValidateFunction {
  const ajv = new Ajv({
    allErrors: true,
    // Unknown keywords still fail loudly (strictSchema); the two non-standard keywords the schema
    // uses are declared below instead of switching that off. strictTypes is off: Slack's schema puts
    // array keywords next to no `type` in places (e.g. `minItems` under an `items` of the OAuth2
    // provider scopes), which is sloppy but harmless and not ours to fix.
    strictSchema: true,
    strictTypes: false,
    strictTuples: false,
    // The schema's only `format` is "uri" on the optional top-level "$schema" property, which
    // manifest.yml does not set. ajv-formats is not installed (and not worth a package for that),
    // so formats are not validated rather than failing on an unknown format.
    validateFormats: false,
  });
  // `_note`: a free-text annotation Slack's authors left in the schema. No validation.
  ajv.addKeyword({ keyword: '_note', schemaType: 'string' });
  // `regex`: Slack's schema writes the background_color rule as `regex` instead of the standard
  // `pattern`, which a plain JSON-Schema validator would silently ignore. Enforce it like `pattern`.
  ajv.addKeyword({
    keyword: 'regex',
    type: 'string',
    schemaType: 'string',
    compile: (source: string) => {
      const re = new RegExp(source, 'u');
      return (data: string) => re.test(data);
    },
  });
  return ajv.compile(readJson('schemas_manifest.schema.1.0.0.json') as object);
}

const validate = compileManifestSchema();

function schemaErrors(doc: unknown): ErrorObject[] {
  return validate(doc) ? [] : [...(validate.errors ?? [])];
}

function describeErrors(errors: ErrorObject[]): string {
  return errors.map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`).join('\n');
}

/** Every URL Slack sends requests to (commands, events, interactivity). */
function requestUrls(m: Manifest): string[] {
  const urls: (string | undefined)[] = [
    ...(m.features?.slash_commands ?? []).map((c) => c.url),
    m.settings?.event_subscriptions?.request_url,
    m.settings?.interactivity?.request_url,
    m.settings?.interactivity?.message_menu_options_url,
  ];
  return urls.filter((u): u is string => u !== undefined);
}

interface ScopeLine {
  line: number;
  scope: string;
  comment: string | undefined;
}

/**
 * The list items under `oauth_config.scopes.bot`, read from the raw text (comments are not part of
 * the parsed data). The list ends at the first line that is not a list item, a comment or blank.
 */
function botScopeLines(raw: string): ScopeLine[] {
  const lines = raw.split(/\r?\n/);
  const scopesAt = lines.findIndex((l) => /^\s*scopes:\s*(#.*)?$/.test(l));
  const botAt = lines.findIndex((l, i) => i > scopesAt && /^\s*bot:\s*(#.*)?$/.test(l));
  if (scopesAt < 0 || botAt < 0) return [];
  const botIndent = lines[botAt]!.search(/\S/);
  const items: ScopeLine[] = [];
  for (let i = botAt + 1; i < lines.length; i++) {
    const line = lines[i]!;
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    if (line.search(/\S/) < botIndent) break;
    const item = /^\s*-\s+["']?([^\s"'#]+)["']?(?:\s+#(.*))?$/.exec(line);
    if (!item) break;
    items.push({ line: i + 1, scope: item[1]!, comment: item[2]?.trim() });
  }
  return items;
}

describe('manifest.yml', () => {
  it("is a valid app manifest for Slack's manifest schema v1", () => {
    const errors = schemaErrors(manifest);
    expect(errors, describeErrors(errors)).toEqual([]);
  });

  describe('the schema validator really validates', () => {
    it("accepts the schema repository's own valid test manifest", () => {
      const errors = schemaErrors(readJson('tests_manifests_v1_manifest.valid.json'));
      expect(errors, describeErrors(errors)).toEqual([]);
    });

    it("rejects the schema repository's own invalid test manifest, for its unknown setting", () => {
      const errors = schemaErrors(readJson('tests_manifests_v1_manifest.invalid.json'));
      expect(errors).toContainEqual(
        expect.objectContaining({
          instancePath: '/settings',
          keyword: 'additionalProperties',
          params: { additionalProperty: 'bad_param' },
        }),
      );
    });

    const breakages: [string, (m: Manifest) => void, string, string][] = [
      [
        'a long_description under 175 characters',
        (m) => {
          m.display_information.long_description = 'x'.repeat(174);
        },
        '/display_information/long_description',
        'minLength',
      ],
      [
        'a background_color that is not a hex colour',
        (m) => {
          m.display_information.background_color = 'navy';
        },
        '/display_information/background_color',
        'regex',
      ],
      [
        'a slash command without a description',
        (m) => {
          delete (m.features!.slash_commands![0] as { description?: string }).description;
        },
        '/features/slash_commands/0',
        'required',
      ],
      [
        'a request URL that is not http(s)',
        (m) => {
          m.settings!.event_subscriptions!.request_url = 'coach.example.com/slack/events';
        },
        '/settings/event_subscriptions/request_url',
        'pattern',
      ],
      [
        'an unknown key',
        (m) => {
          (m.features as Record<string, unknown>).slash_command = [];
        },
        '/features',
        'additionalProperties',
      ],
    ];

    it.each(breakages)('rejects manifest.yml with %s', (_name, breakIt, instancePath, keyword) => {
      const broken = structuredClone(manifest);
      breakIt(broken);
      expect(schemaErrors(broken)).toContainEqual(expect.objectContaining({ instancePath, keyword }));
    });
  });

  it('sends every request to /slack/events on one HTTPS origin', () => {
    const urls = requestUrls(manifest);
    // 3 slash commands + event subscriptions + interactivity, at least.
    expect(urls.length).toBeGreaterThanOrEqual(5);
    for (const url of urls) expect(url).toMatch(/^https:\/\/[^/]+\/slack\/events$/);

    // One host to replace when deploying (the README's placeholder), OAuth redirect included.
    const redirects = manifest.oauth_config?.redirect_urls ?? [];
    expect(redirects).toEqual([expect.stringMatching(/\/slack\/oauth_redirect$/)]);
    const origins = new Set([...urls, ...redirects].map((u) => new URL(u).origin));
    expect(origins.size).toBe(1);
  });

  it('escapes slash command text so mentions arrive as <@U…|name>', () => {
    const commands = manifest.features?.slash_commands ?? [];
    expect(commands.map((c) => c.command).sort()).toEqual(['/coach', '/dealreview', '/ranking']);
    for (const command of commands) expect(command.should_escape, command.command).toBe(true);
  });

  it('keeps token rotation off, since the installation store takes every store for an install', () => {
    // With rotation, Bolt stores the refreshed installation too, and its installer would be made an
    // admin again at each refresh (src/slack/installation-store.ts).
    expect(manifest.settings?.token_rotation_enabled).toBe(false);
  });

  it('asks for the scopes its events and scopes depend on, each once', () => {
    const scopes = manifest.oauth_config?.scopes?.bot ?? [];
    expect(new Set(scopes).size).toBe(scopes.length);
    // message.im is only delivered with im:history; users:read.email needs users:read.
    expect(manifest.settings?.event_subscriptions?.bot_events).toContain('message.im');
    expect(scopes).toEqual(expect.arrayContaining(['im:history', 'users:read', 'users:read.email']));
  });

  it('explains every bot scope with a comment on its own line', () => {
    const lines = botScopeLines(rawManifest);
    // Every parsed scope was found in the text, in order: one scope per line (no flow-style list).
    expect(lines.map((l) => l.scope)).toEqual(manifest.oauth_config?.scopes?.bot);
    const unexplained = lines
      .filter((l) => (l.comment ?? '').length < 10)
      .map((l) => `line ${l.line}: ${l.scope}`);
    expect(unexplained, 'each scope line needs a "# why" comment').toEqual([]);
  });
});

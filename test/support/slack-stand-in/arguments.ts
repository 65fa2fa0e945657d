// Answers for bad calls, and the checks arguments go through: reference data, blocks, views, metadata.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { slackReferencePath } from '../slack-reference.js';

export type Args = Record<string, unknown>;
export type SlackAnswer = Record<string, unknown> & { ok: boolean; error?: string };

const REFERENCE_DIR = slackReferencePath('methods');
const MESSAGE_BLOCK_LIMIT = 50;
const VIEW_BLOCK_LIMIT = 100;
const VIEW_TEXT_LIMIT = 24;

export function failure(error: string, messages?: string[]): SlackAnswer {
  return messages === undefined
    ? { ok: false, error }
    : { ok: false, error, response_metadata: { messages } };
}

export function invalidArguments(detail: string): SlackAnswer {
  return failure('invalid_arguments', [`[ERROR] ${detail}`]);
}

export function isFlagSet(value: unknown): boolean {
  return value === true || value === 1 || value === 'true' || value === '1';
}

export function numberArg(value: unknown, fallback: number): number {
  const parsed = typeof value === 'number' ? value : Number.parseInt(String(value ?? ''), 10);
  return Number.isFinite(parsed) ? parsed : fallback;
}

export function stringArg(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const JSON_FIELDS = ['blocks', 'view', 'metadata', 'attachments', 'files'] as const;

/** Form bodies carry objects as JSON strings; decode them so handlers and test assertions see structure. */
export function decodeJsonFields(args: Args): SlackAnswer | undefined {
  for (const field of JSON_FIELDS) {
    const value = args[field];
    if (typeof value !== 'string' || !/^\s*[[{]/.test(value)) continue;
    try {
      args[field] = JSON.parse(value);
    } catch {
      if (field === 'blocks') return failure('invalid_blocks_format');
      if (field === 'metadata') return failure('invalid_metadata_format');
      return invalidArguments(`failed to parse JSON: ${field}`);
    }
  }
  return undefined;
}

const requiredArgsCache = new Map<string, string[] | undefined>();

/** Required argument names as Slack's reference data lists them; undefined when there is no reference. */
export function requiredArguments(method: string): string[] | undefined {
  if (!requiredArgsCache.has(method)) {
    const file = path.join(REFERENCE_DIR, `${method}.json`);
    const reference = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
    requiredArgsCache.set(method, reference?.args?.required);
  }
  return requiredArgsCache.get(method);
}

export function missingRequiredArgument(method: string, args: Args): string | undefined {
  const required = requiredArguments(method) ?? [];
  // The token travels in the Authorization header and is checked before we get here.
  return required.find((name) => name !== 'token' && (args[name] === undefined || args[name] === ''));
}

function blocksProblem(blocks: unknown, limit: number, pointer: string): string | undefined {
  if (!Array.isArray(blocks)) return `must be an array [json-pointer:${pointer}]`;
  if (blocks.length > limit) return `no more than ${limit} items allowed [json-pointer:${pointer}]`;
  for (const [index, block] of blocks.entries()) {
    const problem = blockProblem(block, `${pointer}/${index}`);
    if (problem) return problem;
  }
  return undefined;
}

function blockProblem(block: unknown, pointer: string): string | undefined {
  if (!isRecord(block) || typeof block.type !== 'string')
    return `missing required field: type [json-pointer:${pointer}]`;
  const text = isRecord(block.text) ? block.text.text : undefined;
  if (block.type === 'section') {
    if (typeof text === 'string' && text.length > 3000) {
      return `must be less than 3001 characters [json-pointer:${pointer}/text/text]`;
    }
    if (Array.isArray(block.fields) && block.fields.length > 10) {
      return `no more than 10 items allowed [json-pointer:${pointer}/fields]`;
    }
  }
  if (block.type === 'header' && typeof text === 'string' && text.length > 150) {
    return `must be less than 151 characters [json-pointer:${pointer}/text/text]`;
  }
  return undefined;
}

export function viewProblem(view: unknown, expectedType: 'modal' | 'home' | 'any'): string | undefined {
  if (!isRecord(view)) return 'missing required field: view';
  if (expectedType !== 'any' && view.type !== expectedType) {
    return 'must be a valid enum value [json-pointer:/view/type]';
  }
  if (view.type === 'modal') {
    const titleProblem = buttonTextProblem(view.title, 'title', true);
    if (titleProblem) return titleProblem;
    const buttonProblem = buttonTextProblem(view.submit, 'submit') ?? buttonTextProblem(view.close, 'close');
    if (buttonProblem) return buttonProblem;
  }
  if (typeof view.private_metadata === 'string' && view.private_metadata.length > 3000) {
    return 'must be less than 3001 characters [json-pointer:/view/private_metadata]';
  }
  return blocksProblem(view.blocks ?? [], VIEW_BLOCK_LIMIT, '/view/blocks');
}

function buttonTextProblem(field: unknown, name: string, required = false): string | undefined {
  if (field === undefined || field === null) {
    return required ? `missing required field: ${name} [json-pointer:/view]` : undefined;
  }
  const text = isRecord(field) ? field.text : undefined;
  if (typeof text !== 'string') return `missing required field: text [json-pointer:/view/${name}]`;
  if (text.length > VIEW_TEXT_LIMIT) {
    return `must be less than ${VIEW_TEXT_LIMIT + 1} characters [json-pointer:/view/${name}/text]`;
  }
  return undefined;
}

function metadataProblem(metadata: unknown): boolean {
  return !isRecord(metadata) || typeof metadata.event_type !== 'string' || !isRecord(metadata.event_payload);
}

function hasMessageContent(args: Args): boolean {
  return ['text', 'blocks', 'attachments', 'markdown_text'].some(
    (field) => args[field] !== undefined && args[field] !== '',
  );
}

/** Shared checks for anything that carries message content; returns the Slack error to answer with. */
export function messageContentProblem(args: Args): SlackAnswer | undefined {
  if (!hasMessageContent(args)) return failure('no_text');
  if (args.blocks !== undefined) {
    const problem = blocksProblem(args.blocks, MESSAGE_BLOCK_LIMIT, '/blocks');
    if (problem) return { ...failure('invalid_blocks', [`[ERROR] ${problem}`]), errors: [problem] };
  }
  if (args.metadata !== undefined && metadataProblem(args.metadata))
    return failure('invalid_metadata_format');
  return undefined;
}

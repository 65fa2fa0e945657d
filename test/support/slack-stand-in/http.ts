// Reading requests the ways Slack accepts them (token, body, arguments, upload bytes); plain-text replies.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type Args, failure, type SlackAnswer } from './arguments.js';

export function bearerToken(req: IncomingMessage): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  return match?.[1];
}

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

type ParsedArgs = { args: Args } | { answer: SlackAnswer };

/** Reads arguments the ways Slack accepts them: query string, form, JSON or multipart. */
export async function parseArgs(req: IncomingMessage, url: URL, body: Buffer): Promise<ParsedArgs> {
  const fromQuery = Object.fromEntries(url.searchParams);
  const contentType = req.headers['content-type'] ?? '';
  if (body.length === 0) return { args: fromQuery };
  if (contentType.startsWith('application/x-www-form-urlencoded')) {
    return { args: { ...fromQuery, ...Object.fromEntries(new URLSearchParams(body.toString('utf8'))) } };
  }
  if (contentType.startsWith('application/json')) return parseJsonBody(body, fromQuery);
  if (contentType.startsWith('multipart/form-data')) {
    return { args: { ...fromQuery, ...(await multipartFields(contentType, body)) } };
  }
  return { answer: failure('invalid_post_type') };
}

function parseJsonBody(body: Buffer, fromQuery: Args): ParsedArgs {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return { answer: failure('invalid_json') };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { answer: failure('json_not_object') };
  }
  return { args: { ...fromQuery, ...(parsed as Args) } };
}

async function multipartFields(contentType: string, body: Buffer): Promise<Args> {
  const form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
  const fields: Args = {};
  for (const [name, value] of form.entries()) {
    fields[name] = typeof value === 'string' ? value : Buffer.from(await value.arrayBuffer());
  }
  return fields;
}

/** Upload URLs take the raw bytes, or a multipart form whose first part is the file. */
export async function uploadedBytes(req: IncomingMessage, body: Buffer): Promise<Buffer> {
  const contentType = req.headers['content-type'] ?? '';
  if (!contentType.startsWith('multipart/form-data')) return body;
  const fields = Object.values(await multipartFields(contentType, body));
  const file = fields.find((value) => Buffer.isBuffer(value)) ?? fields[0];
  return Buffer.isBuffer(file) ? file : Buffer.from(String(file ?? ''));
}

export function sendText(res: ServerResponse, status: number, text: string): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  res.writeHead(status, { 'content-type': 'text/plain' });
  res.end(text);
}

// The two-step external upload: files.getUploadURLExternal, the upload URL, files.completeUploadExternal.
import path from 'node:path';
import {
  type Args,
  failure,
  invalidArguments,
  isRecord,
  numberArg,
  type SlackAnswer,
  stringArg,
} from './arguments.js';
import { channelAccessProblem } from './conversations.js';
import { conversationFor, randomId } from './ids.js';
import { storeMessage } from './messages.js';
import type { StandInState, StoredFile } from './state.js';

export interface UploadedFile {
  fileId: string;
  filename: string;
  bytes: Buffer;
  title?: string;
  channelId?: string;
  threadTs?: string;
  completed: boolean;
}

export function getUploadUrl(state: StandInState, args: Args): SlackAnswer {
  const length = numberArg(args.length, Number.NaN);
  if (!Number.isInteger(length) || length < 1) return invalidArguments('must be greater than 0: length');
  const id = randomId('F');
  state.files.set(id, { id, filename: String(args.filename), length, completed: false, created: Date.now() });
  return { ok: true, upload_url: `${state.identity.baseUrl}/upload/${id}`, file_id: id };
}

/** The uploads whose bytes arrived, as tests see them. */
export function uploadedFiles(state: StandInState): UploadedFile[] {
  return [...state.files.values()].flatMap((file) =>
    file.bytes === undefined
      ? []
      : [
          {
            fileId: file.id,
            filename: file.filename,
            bytes: file.bytes,
            completed: file.completed,
            ...(file.title === undefined ? {} : { title: file.title }),
            ...(file.channelId === undefined ? {} : { channelId: file.channelId }),
            ...(file.threadTs === undefined ? {} : { threadTs: file.threadTs }),
          },
        ],
  );
}

/** Stores bytes sent to an upload URL; false when no such upload was handed out. */
export function acceptUpload(state: StandInState, fileId: string, bytes: Buffer): boolean {
  const file = state.files.get(fileId);
  if (!file) return false;
  file.bytes = bytes;
  return true;
}

export function completeUpload(state: StandInState, args: Args): SlackAnswer {
  if (!Array.isArray(args.files) || args.files.length === 0)
    return invalidArguments('missing required field: files');
  const requested = args.files.filter(isRecord);
  const files = requested.map((entry) => state.files.get(String(entry.id)));
  if (files.length !== args.files.length || files.some((file) => file?.bytes === undefined)) {
    return failure('file_not_found');
  }
  const channelArg = stringArg(args.channel_id) ?? stringArg(args.channels)?.split(',')[0];
  const channel = channelArg ? conversationFor(channelArg) : undefined;
  const access = channel ? channelAccessProblem(state, channel) : undefined;
  if (access) return access;
  const threadTs = stringArg(args.thread_ts);
  const completed = files.map((file, index) => {
    const stored = file as StoredFile;
    const title = stringArg(requested[index]?.title);
    Object.assign(stored, { completed: true, title: title ?? stored.filename, channelId: channel, threadTs });
    return fileObject(state, stored);
  });
  if (channel) shareFiles(state, channel, completed, args);
  return { ok: true, files: completed };
}

function shareFiles(
  state: StandInState,
  channel: string,
  files: Array<Record<string, unknown>>,
  args: Args,
): void {
  const threadTs = stringArg(args.thread_ts);
  storeMessage(state, channel, {
    text: stringArg(args.initial_comment) ?? '',
    files,
    upload: true,
    ...(Array.isArray(args.blocks) ? { blocks: args.blocks } : {}),
    ...(threadTs ? { thread_ts: threadTs } : {}),
  });
}

function fileObject(state: StandInState, file: StoredFile): Record<string, unknown> {
  const { identity } = state;
  const extension = path.extname(file.filename).slice(1).toLowerCase();
  return {
    id: file.id,
    created: Math.floor(file.created / 1000),
    timestamp: Math.floor(file.created / 1000),
    name: file.filename,
    title: file.title ?? file.filename,
    mimetype: MIME_TYPES[extension] ?? 'application/octet-stream',
    filetype: extension || 'binary',
    user: identity.botUserId,
    user_team: identity.teamId,
    size: file.bytes?.length ?? file.length,
    mode: 'hosted',
    is_external: false,
    is_public: file.channelId?.startsWith('C') ?? false,
    url_private: `https://files.slack.com/files-pri/${identity.teamId}-${file.id}/${file.filename}`,
    permalink: `https://${identity.teamDomain}.slack.com/files/${identity.botUserId}/${file.id}/${file.filename}`,
  };
}

const MIME_TYPES: Record<string, string> = {
  csv: 'text/csv',
  txt: 'text/plain',
  md: 'text/markdown',
  json: 'application/json',
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

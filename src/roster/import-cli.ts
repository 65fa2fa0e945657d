import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.js';
import type { Db } from '../db/database.js';
import { openDatabase } from '../db/open.js';
import { systemClock } from '../domain/clock.js';
import { DirectoryUnavailableError } from '../domain/roster/directory.js';
import {
  type ImportedLine,
  type ImportReport,
  importRoster,
  RosterImportError,
} from '../domain/roster/import.js';
import { registerWorkspace } from '../domain/workspaces/service.js';
import { createLogger } from '../logger.js';
import { webClientOptions } from '../slack/app.js';
import { slackPeopleDirectory } from '../slack/directory.js';
import { type WorkspaceClients, workspaceClients } from '../slack/workspace-clients.js';

/**
 * `npm run roster:import -- roster.csv [--workspace T…]`: reads the bot's own environment (and .env),
 * looks every line up in Slack, and prints which lines were accepted, unchanged or rejected.
 */

const USAGE = 'Usage: npm run roster:import -- <file.csv> [--workspace T…]';

/** A problem the person running the import can fix from one line of text. */
class ImportCommandError extends Error {}

async function importCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parseCommandLine(argv);
  const [file] = positionals;
  if (file === undefined || positionals.length > 1) throw new ImportCommandError(USAGE);
  const csvText = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new ImportCommandError(
      `Cannot read ${file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}.`,
    );
  });

  const config = loadConfig(process.env);
  if (!config.slack.configured) {
    throw new ImportCommandError(
      'Slack is not configured: the import looks every person up in Slack. Set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET as for the bot (or the OAuth variables and --workspace).',
    );
  }
  // Logs go to stderr so stdout carries only the report.
  const logger = createLogger({ level: 'warn', secrets: config.secrets, destination: process.stderr });
  const database = await openDatabase(config, logger);
  try {
    const clients = workspaceClients({
      authorization: config.slack.authorization,
      db: database.db,
      clientOptions: webClientOptions(config.slackApi, logger),
    });
    const workspaceId = await chooseWorkspace(
      database.db,
      clients,
      config.slack.authorization.kind,
      values.workspace,
    );
    const report = await importRoster(
      database.db,
      systemClock,
      slackPeopleDirectory(clients),
      workspaceId,
      csvText,
    );
    process.stdout.write(formatReport(file, workspaceId, report));
  } finally {
    await database.close();
    logger.flush();
  }
}

function parseCommandLine(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: { workspace: { type: 'string' } }, allowPositionals: true });
  } catch (error) {
    throw new ImportCommandError(`${(error as Error).message}\n${USAGE}`);
  }
}

/**
 * The workspace to import into: the bot token's own in single-workspace mode (registered like the bot
 * does at start), or the installed workspace named with --workspace in OAuth mode.
 */
async function chooseWorkspace(
  db: Db,
  clients: WorkspaceClients,
  mode: 'single-workspace' | 'oauth',
  requested: string | undefined,
): Promise<string> {
  if (mode === 'oauth') {
    if (requested === undefined) {
      throw new ImportCommandError(
        `The bot serves several workspaces (OAuth): name one with --workspace T….\n${USAGE}`,
      );
    }
    if ((await clients.forWorkspace(requested)) === undefined) {
      throw new ImportCommandError(`The bot is not installed in workspace ${requested}.`);
    }
    return requested;
  }
  const client = await clients.forWorkspace(requested ?? '');
  const identity = await client!.auth.test().catch((error: Error) => {
    throw new ImportCommandError(`Slack did not accept SLACK_BOT_TOKEN (${error.message}).`);
  });
  const workspaceId = identity.team_id;
  if (workspaceId === undefined)
    throw new ImportCommandError('auth.test returned no workspace id for SLACK_BOT_TOKEN.');
  if (requested !== undefined && requested !== workspaceId) {
    throw new ImportCommandError(`SLACK_BOT_TOKEN belongs to workspace ${workspaceId}, not ${requested}.`);
  }
  await registerWorkspace(db, systemClock, {
    teamId: workspaceId,
    enterpriseId: identity.enterprise_id,
    name: identity.team,
  });
  return workspaceId;
}

function describePlacement(line: ImportedLine): string {
  const parts = [`${line.user} ${line.displayName}`];
  if (line.manager) parts.push(`manager ${line.manager}`);
  if (line.team) parts.push(`team ${line.team}`);
  return parts.join(' · ');
}

function formatReport(file: string, workspaceId: string, report: ImportReport): string {
  const lineNumber = (line: number) => `line ${line}`.padEnd(9);
  const section = (title: string, rows: string[]) => [
    `${title} (${rows.length})`,
    ...rows.map((row) => `  ${row}`),
  ];
  return [
    `Roster import of ${file} into workspace ${workspaceId}`,
    '',
    ...section(
      'Accepted',
      report.accepted.map((line) => `${lineNumber(line.line)}${describePlacement(line)}`),
    ),
    ...section(
      'Unchanged (already on the roster like this)',
      report.unchanged.map((line) => `${lineNumber(line.line)}${describePlacement(line)}`),
    ),
    ...section(
      'Rejected',
      report.rejected.map((line) => `${lineNumber(line.line)}${line.reason}: ${line.text}`),
    ),
    '',
    `${report.accepted.length} accepted, ${report.unchanged.length} unchanged, ${report.rejected.length} rejected.`,
    '',
  ].join('\n');
}

function explain(error: unknown): string {
  if (error instanceof ConfigError) return error.describe();
  if (error instanceof ImportCommandError || error instanceof RosterImportError) return error.message;
  if (error instanceof DirectoryUnavailableError) {
    return `Slack could not be asked (${error.message}); nothing was imported. Try again in a minute.`;
  }
  return `The import failed: ${(error as Error).message}`;
}

// A local .env is a convenience, as for `npm start`.
if (existsSync('.env')) process.loadEnvFile('.env');
importCommand(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${explain(error)}\n`);
  process.exitCode = 1;
});

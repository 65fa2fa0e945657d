import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { type Config, ConfigError, loadConfig } from '../config.js';
import type { Db } from '../db/database.js';
import { openDatabase } from '../db/open.js';
import { listInstalledWorkspaces } from '../db/queries/workspaces.js';
import { systemClock } from '../domain/clock.js';
import type { PeopleDirectory } from '../domain/roster/directory.js';
import { DirectoryUnavailableError } from '../domain/roster/directory.js';
import { registerWorkspace } from '../domain/workspaces/service.js';
import { tokenCipher } from '../domain/workspaces/token-cipher.js';
import { createLogger, type Logger } from '../logger.js';
import type { WorkspaceClients } from '../slack/workspace-clients.js';

/**
 * The frame every `npm run <x>:import -- file.csv [--workspace T…]` shares: it reads the bot's own
 * environment (and .env), opens its database, picks the workspace, runs the import and prints its
 * report on stdout, or one line on stderr and exit code 1 when the import cannot run at all.
 */
interface ImportCommandBase<Report> {
  /** The npm script, for the usage line: 'roster:import'. */
  script: string;
  formatReport(file: string, workspaceId: string, report: Report): string;
  /** The import's own fatal errors (a file without its header…), as the line to print. */
  explain(error: unknown): string | undefined;
}

interface ImportInput {
  db: Db;
  config: Config;
  workspaceId: string;
  csvText: string;
}

/**
 * An import either looks people up in Slack (the workspace is the bot token's, or an installed one
 * named with --workspace), or only reads the roster the bot has (the workspace is the only installed
 * one, or the one named), and then needs no Slack settings at all.
 */
export type ImportCommand<Report> =
  | (ImportCommandBase<Report> & {
      asksSlack: true;
      run(input: ImportInput & { directory: PeopleDirectory }): Promise<Report>;
    })
  | (ImportCommandBase<Report> & { asksSlack: false; run(input: ImportInput): Promise<Report> });

/** A problem the person running the import can fix from one line of text. */
class ImportCommandError extends Error {}

export function runImportCommand<Report>(command: ImportCommand<Report>): void {
  // A local .env is a convenience, as for `npm start`.
  if (existsSync('.env')) process.loadEnvFile('.env');
  execute(command, process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`${explain(command, error)}\n`);
    process.exitCode = 1;
  });
}

async function execute<Report>(command: ImportCommand<Report>, argv: string[]): Promise<void> {
  const usage = `Usage: npm run ${command.script} -- <file.csv> [--workspace T…]`;
  const { values, positionals } = parseCommandLine(argv, usage);
  const [file] = positionals;
  if (file === undefined || positionals.length > 1) throw new ImportCommandError(usage);
  const csvText = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new ImportCommandError(
      `Cannot read ${file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}.`,
    );
  });

  const config = loadConfig(process.env);
  // Logs go to stderr so stdout carries only the report.
  const logger = createLogger({ level: 'warn', secrets: config.secrets, destination: process.stderr });
  const database = await openDatabase(config, logger);
  try {
    const input = { db: database.db, config, csvText };
    let workspaceId: string;
    let report: Report;
    if (command.asksSlack) {
      const slack = await slackFor(database.db, config, logger, values.workspace, usage);
      workspaceId = slack.workspaceId;
      report = await command.run({ ...input, ...slack });
    } else {
      workspaceId = await installedWorkspace(database.db, values.workspace, usage);
      report = await command.run({ ...input, workspaceId });
    }
    process.stdout.write(command.formatReport(file, workspaceId, report));
  } finally {
    await database.close();
    logger.flush();
  }
}

/**
 * The people directory and workspace of an import that asks Slack. The Slack client (Bolt's web API
 * package) is loaded only here, so an import that never asks Slack does not load it.
 */
async function slackFor(
  db: Db,
  config: Config,
  logger: Logger,
  requested: string | undefined,
  usage: string,
): Promise<{ workspaceId: string; directory: PeopleDirectory }> {
  if (!config.slack.configured) {
    throw new ImportCommandError(
      'Slack is not configured: the import looks every person up in Slack. Set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET as for the bot (or the OAuth variables and --workspace).',
    );
  }
  const [{ webClientOptions, webClientsByToken }, { slackPeopleDirectory }, { workspaceClients }] =
    await Promise.all([
      import('../slack/web-client-options.js'),
      import('../slack/directory.js'),
      import('../slack/workspace-clients.js'),
    ]);
  const clients = workspaceClients({
    authorization: config.slack.authorization,
    db,
    cipher: tokenCipher(config.tokenKeys),
    // A one-off command: its few calls stay on this thread.
    clientFor: webClientsByToken(webClientOptions(config.slackApi, logger)),
  });
  const workspaceId = await chooseWorkspace(db, clients, config.slack.authorization.kind, requested, usage);
  return { workspaceId, directory: slackPeopleDirectory(clients) };
}

/** The workspace named with --workspace, or the only one the bot is installed in. */
async function installedWorkspace(db: Db, requested: string | undefined, usage: string): Promise<string> {
  const installed = (await listInstalledWorkspaces(db)).map((workspace) => workspace.id);
  if (requested !== undefined) {
    if (!installed.includes(requested))
      throw new ImportCommandError(`The bot is not installed in workspace ${requested}.`);
    return requested;
  }
  if (installed.length === 1) return installed[0]!;
  throw new ImportCommandError(
    installed.length === 0
      ? 'The bot is not installed in any workspace yet: start it once with its Slack settings, and add the reps.'
      : `The bot serves several workspaces (${installed.join(', ')}): name one with --workspace T….\n${usage}`,
  );
}

function parseCommandLine(argv: string[], usage: string) {
  try {
    return parseArgs({ args: argv, options: { workspace: { type: 'string' } }, allowPositionals: true });
  } catch (error) {
    throw new ImportCommandError(`${(error as Error).message}\n${usage}`);
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
  usage: string,
): Promise<string> {
  if (mode === 'oauth') {
    if (requested === undefined) {
      throw new ImportCommandError(
        `The bot serves several workspaces (OAuth): name one with --workspace T….\n${usage}`,
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

function explain<Report>(command: ImportCommand<Report>, error: unknown): string {
  if (error instanceof ConfigError) return error.describe();
  if (error instanceof ImportCommandError) return error.message;
  if (error instanceof DirectoryUnavailableError) {
    return `Slack could not be asked (${error.message}); nothing was imported. Try again in a minute.`;
  }
  return command.explain(error) ?? `The import failed: ${(error as Error).message}`;
}

/** The lines of a report section: its title with a count, then each row indented. */
export function reportSection(title: string, rows: string[]): string[] {
  return [`${title} (${rows.length})`, ...rows.map((row) => `  ${row}`)];
}

/** "line 12  " — the column every report row starts with. */
export function lineNumber(line: number): string {
  return `line ${line}`.padEnd(9);
}

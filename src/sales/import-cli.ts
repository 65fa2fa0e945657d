import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.js';
import type { Db } from '../db/database.js';
import { openDatabase } from '../db/open.js';
import { listInstalledWorkspaces } from '../db/queries/workspaces.js';
import { systemClock } from '../domain/clock.js';
import {
  type ImportedSale,
  importSales,
  SalesImportError,
  type SalesImportReport,
  type SkippedLine,
} from '../domain/sales/import.js';
import { createLogger } from '../logger.js';

/**
 * `npm run sales:import -- sales.csv [--workspace T…]`: reads the bot's own environment (and .env),
 * writes the file's new sales to the bot's database and prints what became of every line. Slack is
 * not asked: reps are matched against the roster the bot already has.
 */

const USAGE = 'Usage: npm run sales:import -- <file.csv> [--workspace T…]';

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
  // Logs go to stderr so stdout carries only the report.
  const logger = createLogger({ level: 'warn', secrets: config.secrets, destination: process.stderr });
  const database = await openDatabase(config, logger);
  try {
    const workspaceId = await chooseWorkspace(database.db, values.workspace);
    const report = await importSales(database.db, systemClock, {
      workspaceId,
      defaultCurrency: config.coaching.defaultCurrency,
      csvText,
    });
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

/** The workspace named with --workspace, or the only one the bot is installed in. */
async function chooseWorkspace(db: Db, requested: string | undefined): Promise<string> {
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
      : `The bot serves several workspaces (${installed.join(', ')}): name one with --workspace T….\n${USAGE}`,
  );
}

function describeSale(sale: ImportedSale): string {
  const converted = sale.original
    ? ` (${sale.original.amount} ${sale.original.currency} at ${sale.original.rate})`
    : '';
  return `${sale.externalId} · ${sale.rep} ${sale.repName} · ${sale.amount} ${sale.currency}${converted} · ${sale.account} · ${sale.closedOn}`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function formatReport(file: string, workspaceId: string, report: SalesImportReport): string {
  const lineNumber = (line: number) => `line ${line}`.padEnd(9);
  const section = (title: string, rows: string[]) => [
    `${title} (${rows.length})`,
    ...rows.map((row) => `  ${row}`),
  ];
  const skipped = (line: SkippedLine) => `${lineNumber(line.line)}${line.reason}: ${line.text}`;
  return [
    `Sales import of ${file} into workspace ${workspaceId}`,
    '',
    ...section(
      'Imported',
      report.imported.map((sale) => `${lineNumber(sale.line)}${describeSale(sale)}`),
    ),
    ...section('Duplicates', report.duplicates.map(skipped)),
    ...section('Rejected', report.rejected.map(skipped)),
    '',
    `${report.imported.length} imported, ${count(report.duplicates.length, 'duplicate')} (nothing written), ${report.rejected.length} rejected.`,
    '',
  ].join('\n');
}

function explain(error: unknown): string {
  if (error instanceof ConfigError) return error.describe();
  if (error instanceof ImportCommandError || error instanceof SalesImportError) return error.message;
  return `The import failed: ${(error as Error).message}`;
}

// A local .env is a convenience, as for `npm start`.
if (existsSync('.env')) process.loadEnvFile('.env');
importCommand(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${explain(error)}\n`);
  process.exitCode = 1;
});

import { lineNumber, reportSection, runImportCommand } from '../cli/import-command.js';
import { systemClock } from '../domain/clock.js';
import {
  type ImportedSale,
  importSales,
  SalesImportError,
  type SalesImportReport,
  type SkippedLine,
} from '../domain/sales/import.js';

/**
 * `npm run sales:import -- sales.csv [--workspace T…]`: writes the file's new sales to the bot's
 * database and prints what became of every line. Slack is not asked: reps are matched against the
 * roster the bot already has.
 */

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
  const skipped = (line: SkippedLine) => `${lineNumber(line.line)}${line.reason}: ${line.text}`;
  return [
    `Sales import of ${file} into workspace ${workspaceId}`,
    '',
    ...reportSection(
      'Imported',
      report.imported.map((sale) => `${lineNumber(sale.line)}${describeSale(sale)}`),
    ),
    ...reportSection('Matched check-in sales', report.matched.map(skipped)),
    ...reportSection('Duplicates', report.duplicates.map(skipped)),
    ...reportSection('Rejected', report.rejected.map(skipped)),
    '',
    `${report.imported.length} imported, ${report.matched.length} matched to check-in sales, ${count(report.duplicates.length, 'duplicate')} (nothing written), ${report.rejected.length} rejected.`,
    '',
  ].join('\n');
}

runImportCommand({
  script: 'sales:import',
  asksSlack: false,
  run: ({ db, config, workspaceId, csvText }) =>
    importSales(db, systemClock, { workspaceId, defaultCurrency: config.coaching.defaultCurrency, csvText }),
  formatReport,
  explain: (error) => (error instanceof SalesImportError ? error.message : undefined),
});

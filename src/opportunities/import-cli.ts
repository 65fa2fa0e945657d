import { lineNumber, reportSection, runImportCommand } from '../cli/import-command.js';
import { systemClock } from '../domain/clock.js';
import {
  type ImportedOpportunity,
  importOpportunities,
  OpportunityImportError,
  type OpportunityImportReport,
} from '../domain/opportunities/import.js';

/**
 * `npm run opportunities:import -- opportunities.csv [--workspace T…]`: creates or updates each line's
 * deal by its external id and prints what became of every line.
 */

function describe(line: ImportedOpportunity): string {
  return `${lineNumber(line.line)}${line.externalId} · ${line.account} — ${line.name} · ${line.rep}`;
}

function formatReport(file: string, workspaceId: string, report: OpportunityImportReport): string {
  const { created, updated, unchanged, rejected } = report;
  return [
    `Opportunities import of ${file} into workspace ${workspaceId}`,
    '',
    ...reportSection('Created', created.map(describe)),
    ...reportSection('Updated', updated.map(describe)),
    ...reportSection('Unchanged (already stored like this)', unchanged.map(describe)),
    ...reportSection(
      'Rejected',
      rejected.map((line) => `${lineNumber(line.line)}${line.reason} — ${line.text}`),
    ),
    '',
    `${created.length} created, ${updated.length} updated, ${unchanged.length} unchanged, ${rejected.length} rejected.`,
    '',
  ].join('\n');
}

runImportCommand({
  script: 'opportunities:import',
  asksSlack: true,
  run: ({ db, directory, workspaceId, csvText }) =>
    importOpportunities(db, systemClock, directory, workspaceId, csvText),
  formatReport,
  explain: (error) => (error instanceof OpportunityImportError ? error.message : undefined),
});

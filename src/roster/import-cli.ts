import { lineNumber, reportSection, runImportCommand } from '../cli/import-command.js';
import { systemClock } from '../domain/clock.js';
import {
  type ImportedLine,
  type ImportReport,
  importRoster,
  RosterImportError,
} from '../domain/roster/import.js';

/**
 * `npm run roster:import -- roster.csv [--workspace T…]`: looks every line up in Slack, and prints
 * which lines were accepted, unchanged or rejected.
 */

function describePlacement(line: ImportedLine): string {
  const parts = [`${line.user} ${line.displayName}`];
  if (line.manager) parts.push(`manager ${line.manager}`);
  if (line.team) parts.push(`team ${line.team}`);
  return parts.join(' · ');
}

function formatReport(file: string, workspaceId: string, report: ImportReport): string {
  return [
    `Roster import of ${file} into workspace ${workspaceId}`,
    '',
    ...reportSection(
      'Accepted',
      report.accepted.map((line) => `${lineNumber(line.line)}${describePlacement(line)}`),
    ),
    ...reportSection(
      'Unchanged (already on the roster like this)',
      report.unchanged.map((line) => `${lineNumber(line.line)}${describePlacement(line)}`),
    ),
    ...reportSection(
      'Rejected',
      report.rejected.map((line) => `${lineNumber(line.line)}${line.reason}: ${line.text}`),
    ),
    '',
    `${report.accepted.length} accepted, ${report.unchanged.length} unchanged, ${report.rejected.length} rejected.`,
    '',
  ].join('\n');
}

runImportCommand({
  script: 'roster:import',
  asksSlack: true,
  run: ({ db, directory, workspaceId, csvText }) =>
    importRoster(db, systemClock, directory, workspaceId, csvText),
  formatReport,
  explain: (error) => (error instanceof RosterImportError ? error.message : undefined),
});

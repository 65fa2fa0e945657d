import type { Db } from '../../db/database.js';
import {
  findOpportunityIdsByExternalIds,
  insertOpportunity,
  type OpportunityChange,
  updateOpportunity,
} from '../../db/queries/opportunities.js';
import { findPersonBySlackId } from '../../db/queries/people.js';
import type { Person } from '../../db/schema.js';
import type { Clock } from '../clock.js';
import { type CsvLine, readCsvLines } from '../csv.js';
import type { PeopleDirectory } from '../roster/directory.js';
import {
  type OpportunityField,
  type OpportunityForm,
  type ValidOpportunity,
  validateOpportunity,
} from './fields.js';

export interface ImportedOpportunity {
  line: number;
  externalId: string;
  /** Slack user id of the rep. */
  rep: string;
  account: string;
  name: string;
}

export interface OpportunityImportReport {
  created: ImportedOpportunity[];
  /** Lines that changed a deal imported before; each wrote one revision. */
  updated: ImportedOpportunity[];
  /** Lines that said exactly what was stored: nothing was written for them. */
  unchanged: ImportedOpportunity[];
  rejected: Array<{ line: number; text: string; reason: string }>;
}

/** The file cannot be imported at all (no usable header); nothing was written. */
export class OpportunityImportError extends Error {
  override name = 'OpportunityImportError';
}

const REQUIRED_COLUMNS = [
  'external_id',
  'rep',
  'account',
  'name',
  'amount',
  'currency',
  'stage',
  'expected_close_on',
  'probability',
] as const;
const OPTIONAL_COLUMNS = ['problem', 'timeline', 'decision_makers'] as const;
type Column = (typeof REQUIRED_COLUMNS)[number] | (typeof OPTIONAL_COLUMNS)[number];

/** The column each form field comes from, to name it in a rejection. */
const COLUMN_OF: Record<OpportunityField, string> = {
  account: 'account',
  name: 'name',
  amount: 'amount',
  currency: 'currency',
  stage: 'stage',
  expectedCloseOn: 'expected_close_on',
  probability: 'probability',
  decisionMakers: 'decision_makers',
  problem: 'problem',
  customerTimeline: 'timeline',
  buyerActions: 'buyer_actions',
  buyerActionsNote: 'buyer_actions_note',
};

const EXTERNAL_ID_MAX_LENGTH = 200;
const SLACK_USER_ID = /^[UW][A-Z0-9]{2,}$/;
const EMAIL = /^[^@\s]+@[^@\s]+$/;

class LineRejected extends Error {}

interface AcceptedLine {
  csv: Extract<CsvLine, { fields: string[] }>;
  externalId: string;
  rep: Person;
  fields: ValidOpportunity;
}

/**
 * Imports opportunities from a CRM export, keyed by (workspace, external_id): a new id creates a deal,
 * a known one updates it with a revision from 'import', and a line that says what is stored writes
 * nothing, so running the same file again changes nothing. Reps must be on the roster. Every line
 * gets a verdict; lines are checked first and written in one transaction.
 */
export async function importOpportunities(
  db: Db,
  clock: Clock,
  directory: PeopleDirectory,
  workspaceId: string,
  csvText: string,
): Promise<OpportunityImportReport> {
  const [header, ...lines] = readCsvLines(csvText);
  const columns = readHeader(header);
  const report: OpportunityImportReport = { created: [], updated: [], unchanged: [], rejected: [] };

  // Each distinct rep is looked up once, however many lines name them.
  const reps = new Map<string, Promise<Person | undefined>>();
  const findRep = (value: string) => {
    const key = value.toLowerCase();
    let found = reps.get(key);
    if (found === undefined) {
      found = lookUpRep(db, directory, workspaceId, value);
      reps.set(key, found);
    }
    return found;
  };

  const accepted: AcceptedLine[] = [];
  const lineOfExternalId = new Map<string, number>();
  for (const csv of lines) {
    try {
      if ('problem' in csv) throw new LineRejected(`malformed line: ${csv.problem}`);
      if (csv.fields.length !== columns.length) {
        throw new LineRejected(
          `malformed line: expected ${columns.length} columns (${columns.join(',')}), found ${csv.fields.length}`,
        );
      }
      const value = (column: Column) => {
        const index = columns.indexOf(column);
        return index < 0 ? undefined : (csv.fields[index] ?? '');
      };
      const externalId = value('external_id') ?? '';
      if (externalId === '') throw new LineRejected('no external_id');
      if (externalId.length > EXTERNAL_ID_MAX_LENGTH) {
        throw new LineRejected(`external_id longer than ${EXTERNAL_ID_MAX_LENGTH} characters`);
      }
      const earlier = lineOfExternalId.get(externalId);
      if (earlier !== undefined) throw new LineRejected(`duplicate of line ${earlier}`);
      lineOfExternalId.set(externalId, csv.line);

      const validation = validateOpportunity(formOf(value));
      if (!validation.ok) {
        throw new LineRejected(
          Object.entries(validation.errors)
            .map(([field, message]) => `${COLUMN_OF[field as OpportunityField]}: ${message}`)
            .join(' '),
        );
      }
      const repText = value('rep') ?? '';
      if (!SLACK_USER_ID.test(repText) && !EMAIL.test(repText)) {
        throw new LineRejected('rep: a Slack user id (U…) or an email address');
      }
      const rep = await findRep(repText);
      if (rep === undefined) throw new LineRejected('rep: not on the roster');
      if (!rep.is_rep) throw new LineRejected('rep: on the roster, but not as a rep');
      accepted.push({ csv, externalId, rep, fields: validation.fields });
    } catch (error) {
      if (!(error instanceof LineRejected)) throw error;
      report.rejected.push({ line: csv.line, text: csv.text, reason: error.message });
    }
  }

  const change: OpportunityChange = { source: 'import', recordedById: null, now: clock.now() };
  await db.transaction().execute(async (trx) => {
    const known = await findOpportunityIdsByExternalIds(
      trx,
      workspaceId,
      accepted.map((line) => line.externalId),
    );
    for (const line of accepted) {
      const entry: ImportedOpportunity = {
        line: line.csv.line,
        externalId: line.externalId,
        rep: line.rep.slack_user_id,
        account: line.fields.account,
        name: line.fields.name,
      };
      const existingId = known.get(line.externalId);
      if (existingId === undefined) {
        await insertOpportunity(
          trx,
          {
            decisionMakers: [],
            problem: null,
            customerTimeline: null,
            buyerActions: [],
            buyerActionsNote: null,
            ...line.fields,
            workspaceId,
            personId: line.rep.id,
            externalId: line.externalId,
          },
          change,
        );
        report.created.push(entry);
        continue;
      }
      const result = await updateOpportunity(
        trx,
        existingId,
        { ...line.fields, personId: line.rep.id },
        change,
      );
      (result?.changed ? report.updated : report.unchanged).push(entry);
    }
  });
  return report;
}

/** The line as the form the Home uses; a column the file does not have leaves that field as stored. */
function formOf(value: (column: Column) => string | undefined): OpportunityForm {
  const decisionMakers = value('decision_makers');
  return {
    account: value('account') ?? '',
    name: value('name') ?? '',
    amount: value('amount') ?? '',
    currency: value('currency') ?? '',
    stage: value('stage') ?? '',
    expectedCloseOn: value('expected_close_on') ?? '',
    probability: value('probability') ?? '',
    // A CSV field holds no line break: decision makers are separated by ';' instead.
    ...(decisionMakers === undefined ? {} : { decisionMakers: decisionMakers.split(';').join('\n') }),
    ...(value('problem') === undefined ? {} : { problem: value('problem') }),
    ...(value('timeline') === undefined ? {} : { customerTimeline: value('timeline') }),
  };
}

/** A rep by Slack user id (from the roster) or by email (Slack says whose it is). */
async function lookUpRep(
  db: Db,
  directory: PeopleDirectory,
  workspaceId: string,
  value: string,
): Promise<Person | undefined> {
  if (SLACK_USER_ID.test(value)) return findPersonBySlackId(db, workspaceId, value);
  const user = await directory.findByEmail(workspaceId, value);
  return user && findPersonBySlackId(db, workspaceId, user.userId);
}

function readHeader(header: CsvLine | undefined): Column[] {
  const expected = `The first line must be the header ${REQUIRED_COLUMNS.join(',')} (then optionally ${OPTIONAL_COLUMNS.join(', ')}), in any order.`;
  if (header === undefined) throw new OpportunityImportError(`The file has no lines to import. ${expected}`);
  if ('problem' in header) {
    throw new OpportunityImportError(`Line ${header.line}: ${header.problem}. ${expected}`);
  }
  const names = header.fields.map((field) => field.toLowerCase());
  const known: readonly string[] = [...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS];
  const unknown = header.fields.find((field) => !known.includes(field.toLowerCase()));
  const missing = REQUIRED_COLUMNS.filter((column) => !names.includes(column));
  const repeated = names.find((name, index) => names.indexOf(name) !== index);
  const problem =
    unknown !== undefined
      ? `has a column "${unknown}" the import does not know`
      : missing.length > 0
        ? `lacks ${missing.join(', ')}`
        : repeated !== undefined
          ? `has the column ${repeated} twice`
          : undefined;
  if (problem !== undefined) throw new OpportunityImportError(`Line ${header.line} ${problem}. ${expected}`);
  return names as Column[];
}

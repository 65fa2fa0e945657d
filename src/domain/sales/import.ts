import type { Db } from '../../db/database.js';
import {
  attachExternalIds,
  type CheckInSaleCandidate,
  findKnownExternalIds,
  findRepsByIdOrEmail,
  findUnclaimedCheckInSalesNear,
  insertExternalSales,
  lockSalesImport,
  type SalesRep,
} from '../../db/queries/sales.js';
import type { NewSale } from '../../db/schema.js';
import type { Clock } from '../clock.js';
import { addDays, daysBetween, localDate, parseLocalDate } from '../coaching/schedule.js';
import { type CsvLine, readCsvLines } from '../csv.js';
import { convertCents, formatCents, formatRate, ONE_RATE, parseAmount, parseRate } from './amounts.js';

export interface ImportedSale {
  line: number;
  externalId: string;
  /** Slack user id and name of the rep. */
  rep: string;
  repName: string;
  /** As stored: in the rep's team's reporting currency. */
  amount: string;
  currency: string;
  account: string;
  closedOn: string;
  /** What the file said, when it was converted from another currency. */
  original?: { amount: string; currency: string; rate: string };
}

export interface SkippedLine {
  line: number;
  text: string;
  reason: string;
}

export interface SalesImportReport {
  imported: ImportedSale[];
  /** Already in the database, or repeated in the file: nothing was written for them. */
  duplicates: SkippedLine[];
  /**
   * The same deal as a sale its rep already logged in a check-in: that sale got the line's external
   * id (so the next run of the file sees a duplicate) and nothing was inserted.
   */
  matched: SkippedLine[];
  rejected: SkippedLine[];
}

/** The file cannot be imported at all (no header, or not this one); nothing was written. */
export class SalesImportError extends Error {
  override name = 'SalesImportError';
}

const REQUIRED_COLUMNS = ['rep', 'amount', 'currency', 'account', 'closed_on', 'external_id'] as const;
const OPTIONAL_COLUMNS = ['description', 'rate'] as const;
type Column = (typeof REQUIRED_COLUMNS)[number] | (typeof OPTIONAL_COLUMNS)[number];

const SLACK_USER_ID = /^[UW][A-Z0-9]{2,}$/;
const EMAIL = /^[^@\s]+@[^@\s]+$/;
const CURRENCY = /^[A-Za-z]{3}$/;
const INSERT_CHUNK = 500;
/** How far apart the check-in's and the CRM's closed dates of one deal may be. */
const MATCH_DAYS = 3;

interface SaleLine {
  csv: CsvLine;
  rep: string;
  cents: bigint;
  currency: string;
  account: string;
  closedOn: string;
  externalId: string;
  description: string;
  rate: bigint | undefined;
}

class LineRejected extends Error {}

/**
 * Imports closed sales from a CSV file (`rep,amount,currency,account,closed_on,external_id` and
 * optionally `description` and `rate`, in any order). Each line is keyed by its external id in the
 * workspace, so a file can be imported again and again: lines already there are reported as
 * duplicates and nothing changes. A sale in another currency than its rep's team reports in is
 * converted with the line's rate, or rejected without one, because standings cannot add up
 * currencies. A line repeating a sale its rep logged in a check-in (see matchCheckInSales) is not
 * inserted: that sale takes the line's external id, so the deal counts once. Every line gets a
 * verdict; the accepted ones are written in one transaction.
 */
export async function importSales(
  db: Db,
  clock: Clock,
  options: { workspaceId: string; defaultCurrency: string; csvText: string },
): Promise<SalesImportReport> {
  const { workspaceId } = options;
  const [header, ...lines] = readCsvLines(options.csvText);
  const columns = readHeader(header);
  // A sale closed "today" somewhere on Earth may already be tomorrow in UTC.
  const latestDate = addDays(localDate(clock.now(), 'UTC'), 1);
  const report: SalesImportReport = { imported: [], duplicates: [], matched: [], rejected: [] };
  const skip = (into: SkippedLine[], csv: CsvLine, reason: string) =>
    into.push({ line: csv.line, text: csv.text, reason });

  const parsed: SaleLine[] = [];
  for (const csv of lines) {
    try {
      parsed.push(parseLine(csv, columns, latestDate));
    } catch (error) {
      if (!(error instanceof LineRejected)) throw error;
      skip(report.rejected, csv, error.message);
    }
  }

  const [reps, known] = await Promise.all([
    findRepsByIdOrEmail(db, workspaceId, {
      slackUserIds: parsed.filter((line) => SLACK_USER_ID.test(line.rep)).map((line) => line.rep),
      emails: parsed.filter((line) => !SLACK_USER_ID.test(line.rep)).map((line) => line.rep),
    }),
    findKnownExternalIds(
      db,
      workspaceId,
      parsed.map((line) => line.externalId),
    ),
  ]);
  const bySlackId = new Map(reps.map((rep) => [rep.slack_user_id, rep]));
  const byEmail = new Map(reps.map((rep) => [rep.email?.toLowerCase(), rep]));
  const repNamed = (name: string): SalesRep | undefined =>
    SLACK_USER_ID.test(name) ? bySlackId.get(name) : byEmail.get(name.toLowerCase());

  const accepted: Accepted[] = [];
  const lineOfExternalId = new Map<string, number>();
  for (const line of parsed) {
    if (known.has(line.externalId)) {
      skip(report.duplicates, line.csv, `already imported (external id ${line.externalId})`);
      continue;
    }
    const earlier = lineOfExternalId.get(line.externalId);
    if (earlier !== undefined) {
      skip(report.duplicates, line.csv, `duplicate of line ${earlier} (external id ${line.externalId})`);
      continue;
    }
    try {
      const rep = repNamed(line.rep);
      if (rep === undefined) throw new LineRejected(`unknown rep ${line.rep} (not a rep on the roster)`);
      lineOfExternalId.set(line.externalId, line.csv.line);
      accepted.push({ ...toSale(line, rep, workspaceId, options.defaultCurrency), line, rep });
    } catch (error) {
      if (!(error instanceof LineRejected)) throw error;
      skip(report.rejected, line.csv, error.message);
    }
  }

  const now = clock.now();
  const inserted = new Set<string>();
  const matchedSale = new Map<Accepted, CheckInSaleCandidate>();
  await db.transaction().execute(async (trx) => {
    await lockSalesImport(trx, workspaceId);
    // Read again under the lock: an import that held it before us may have taken some of these ids.
    const takenMeanwhile = await findKnownExternalIds(
      trx,
      workspaceId,
      accepted.map(({ entry }) => entry.externalId),
    );
    const toWrite = accepted.filter(({ entry }) => !takenMeanwhile.has(entry.externalId));
    for (let start = 0; start < toWrite.length; start += INSERT_CHUNK) {
      const chunk = toWrite.slice(start, start + INSERT_CHUNK);
      // Sales attached in an earlier chunk have an external id now, so they are not candidates again.
      const candidates = await findUnclaimedCheckInSalesNear(
        trx,
        workspaceId,
        chunk.map(({ sale }) => ({ personId: sale.person_id, closedOn: sale.closed_on })),
        MATCH_DAYS,
      );
      const matches = matchCheckInSales(chunk, candidates);
      // Only the external id is written: the check-in row keeps the closed_on, amount and currency
      // the rep logged (their own record, which the check-in may still edit), and it keeps counting
      // once in the standings; the CRM's figures are only a second report of the same deal.
      const attached = await attachExternalIds(
        trx,
        workspaceId,
        [...matches].map(([item, sale]) => ({ saleId: sale.id, externalId: item.entry.externalId })),
        now,
      );
      for (const [item, sale] of matches) if (attached.has(sale.id)) matchedSale.set(item, sale);
      const ids = await insertExternalSales(
        trx,
        chunk
          .filter((item) => !matchedSale.has(item))
          .map(({ sale }) => ({ ...sale, created_at: now, updated_at: now })),
      );
      for (const id of ids) inserted.add(id);
    }
  });
  for (const item of accepted) {
    const { entry, line } = item;
    const checkInSale = matchedSale.get(item);
    if (checkInSale !== undefined) {
      skip(
        report.matched,
        line.csv,
        `matched the sale ${entry.rep} ${entry.repName} logged in the check-in of ${checkInSale.check_in_date} (external id ${entry.externalId} attached to it)`,
      );
    } else if (inserted.has(entry.externalId)) report.imported.push(entry);
    // Another import of the same id committed between the first check and the lock.
    else skip(report.duplicates, line.csv, `already imported (external id ${entry.externalId})`);
  }
  report.duplicates.sort((a, b) => a.line - b.line);
  report.rejected.sort((a, b) => a.line - b.line);
  return report;
}

interface Accepted {
  sale: NewSale;
  entry: ImportedSale;
  line: SaleLine;
  rep: SalesRep;
  /** What is stored, in the rep's reporting currency (the line's own amount when not converted). */
  stored: { cents: bigint; currency: string };
}

/** "  ACME   corp " and "Acme Corp" are the same account. */
function normalizeAccount(account: string): string {
  return account.trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * Pairs lines with the check-in sales they repeat, in file order: same rep and account, the same
 * amount and currency as the file said or as converted, closed within MATCH_DAYS days. The closest
 * closed date wins, then the earliest logged; a sale is taken by one line only, so a second line for
 * it is a new sale.
 */
function matchCheckInSales(
  chunk: readonly Accepted[],
  candidates: readonly CheckInSaleCandidate[],
): Map<Accepted, CheckInSaleCandidate> {
  const matches = new Map<Accepted, CheckInSaleCandidate>();
  const taken = new Set<string>();
  for (const item of chunk) {
    const { line, stored } = item;
    const account = normalizeAccount(line.account);
    const figures = [
      { cents: line.cents, currency: line.currency },
      ...(stored.currency !== line.currency ? [stored] : []),
    ];
    let best: { sale: CheckInSaleCandidate; days: number } | undefined;
    for (const sale of candidates) {
      if (sale.person_id !== item.rep.id || taken.has(sale.id)) continue;
      if (normalizeAccount(sale.account) !== account) continue;
      const cents = parseAmount(sale.amount);
      const currency = sale.currency.trim().toUpperCase();
      if (!figures.some((figure) => figure.cents === cents && figure.currency === currency)) continue;
      const days = Math.abs(daysBetween(sale.closed_on, line.closedOn));
      if (days > MATCH_DAYS) continue;
      // Candidates come in id order, so of two logged at the same instant the first one stays.
      const earlier = best !== undefined && sale.created_at.getTime() < best.sale.created_at.getTime();
      if (best === undefined || days < best.days || (days === best.days && earlier)) {
        best = { sale, days };
      }
    }
    if (best !== undefined) {
      matches.set(item, best.sale);
      taken.add(best.sale.id);
    }
  }
  return matches;
}

function readHeader(header: CsvLine | undefined): Map<Column, number> {
  const expected =
    `The first line must name the columns: ${REQUIRED_COLUMNS.join(',')}` +
    ` (in any order), and optionally ${OPTIONAL_COLUMNS.join(' and ')}.`;
  if (header === undefined) throw new SalesImportError(`The file has no lines to import. ${expected}`);
  if ('problem' in header) throw new SalesImportError(`Line ${header.line}: ${header.problem}. ${expected}`);
  const known: readonly string[] = [...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS];
  const columns = new Map<Column, number>();
  for (const [index, field] of header.fields.entries()) {
    const name = field.toLowerCase();
    if (!known.includes(name) || columns.has(name as Column)) {
      throw new SalesImportError(`Line ${header.line} is "${header.text}". ${expected}`);
    }
    columns.set(name as Column, index);
  }
  if (REQUIRED_COLUMNS.some((name) => !columns.has(name))) {
    throw new SalesImportError(`Line ${header.line} is "${header.text}". ${expected}`);
  }
  return columns;
}

function parseLine(csv: CsvLine, columns: Map<Column, number>, latestDate: string): SaleLine {
  if ('problem' in csv) throw new LineRejected(`malformed line: ${csv.problem}`);
  if (csv.fields.length !== columns.size) {
    throw new LineRejected(`malformed line: expected ${columns.size} columns, found ${csv.fields.length}`);
  }
  const field = (name: Column) => {
    const index = columns.get(name);
    return index === undefined ? '' : csv.fields[index]!;
  };

  const rep = field('rep');
  if (!SLACK_USER_ID.test(rep) && !EMAIL.test(rep)) {
    throw new LineRejected(
      rep === '' ? 'missing rep' : `malformed rep "${rep}": use a Slack user id (U…) or an email address`,
    );
  }
  const cents = parseAmount(field('amount'));
  if (cents === undefined) {
    throw new LineRejected(
      `malformed amount "${field('amount')}": use digits with at most two decimals, such as 1200.50`,
    );
  }
  const currency = field('currency');
  if (!CURRENCY.test(currency)) {
    throw new LineRejected(`malformed currency "${currency}": use a three-letter code such as USD`);
  }
  const account = field('account');
  if (account === '') throw new LineRejected('missing account');
  const closedOn = parseLocalDate(field('closed_on'));
  if (closedOn === undefined) {
    throw new LineRejected(`malformed closed_on "${field('closed_on')}": use a date such as 2026-11-23`);
  }
  if (closedOn > latestDate) throw new LineRejected(`closed_on ${closedOn} is in the future`);
  const externalId = field('external_id');
  if (externalId === '') throw new LineRejected('missing external_id');
  const rateText = field('rate');
  const rate = rateText === '' ? undefined : parseRate(rateText);
  if (rateText !== '' && rate === undefined) {
    throw new LineRejected(`malformed rate "${rateText}": use a positive number such as 1.08`);
  }
  return {
    csv,
    rep,
    cents,
    currency: currency.toUpperCase(),
    account,
    closedOn,
    externalId,
    description: field('description'),
    rate,
  };
}

/** The row to store for an accepted line: converted into the rep's reporting currency when needed. */
function toSale(
  line: SaleLine,
  rep: SalesRep,
  workspaceId: string,
  defaultCurrency: string,
): { sale: NewSale; entry: ImportedSale; stored: { cents: bigint; currency: string } } {
  const reporting = rep.reporting_currency ?? defaultCurrency;
  let stored = { cents: line.cents, currency: line.currency };
  let original: ImportedSale['original'];
  if (line.currency !== reporting) {
    if (line.rate === undefined) {
      throw new LineRejected(
        `${line.currency} is not the team's reporting currency (${reporting}): add a rate to convert it`,
      );
    }
    const converted = convertCents(line.cents, line.rate);
    if (converted === undefined) throw new LineRejected('malformed amount: too large once converted');
    stored = { cents: converted, currency: reporting };
    original = { amount: formatCents(line.cents), currency: line.currency, rate: formatRate(line.rate) };
  } else if (line.rate !== undefined && line.rate !== ONE_RATE) {
    throw new LineRejected(`the sale is already in ${reporting}: leave its rate empty (or 1)`);
  }
  const amount = formatCents(stored.cents);
  return {
    stored,
    sale: {
      workspace_id: workspaceId,
      person_id: rep.id,
      description: line.description,
      amount,
      currency: stored.currency,
      account: line.account,
      closed_on: line.closedOn,
      source: 'import',
      external_id: line.externalId,
      original_amount: original?.amount ?? null,
      original_currency: original?.currency ?? null,
      exchange_rate: original?.rate ?? null,
    },
    entry: {
      line: line.csv.line,
      externalId: line.externalId,
      rep: rep.slack_user_id,
      repName: rep.display_name,
      amount,
      currency: stored.currency,
      account: line.account,
      closedOn: line.closedOn,
      ...(original ? { original } : {}),
    },
  };
}

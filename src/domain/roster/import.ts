import type { Db } from '../../db/database.js';
import { findPersonBySlackId, listRosterPeople, updatePerson } from '../../db/queries/people.js';
import { findTeamByName, insertTeam } from '../../db/queries/teams.js';
import type { Team } from '../../db/schema.js';
import type { Clock } from '../clock.js';
import { type CsvLine, readCsvLines } from '../csv.js';
import { recordManager, whyNotCoachable } from './coachable.js';
import type { DirectoryUser, PeopleDirectory } from './directory.js';
import { recordDirectoryUser } from './profiles.js';
import { TEAM_NAME_MAX_LENGTH } from './teams.js';

export interface ImportedLine {
  line: number;
  text: string;
  /** Slack user id of the rep. */
  user: string;
  displayName: string;
  /** Slack user id of the manager, when the line names one. */
  manager?: string;
  team?: string;
}

export interface RejectedLine {
  line: number;
  text: string;
  reason: string;
}

export interface ImportReport {
  accepted: ImportedLine[];
  /** Lines that asked for exactly what the roster already had: nothing was written for them. */
  unchanged: ImportedLine[];
  rejected: RejectedLine[];
}

/** The file cannot be imported at all (no header); nothing was written. */
export class RosterImportError extends Error {
  override name = 'RosterImportError';
}

const COLUMNS = ['user', 'manager', 'team'] as const;
const SLACK_USER_ID = /^[UW][A-Z0-9]{2,}$/;

interface ResolvedLine {
  csv: Extract<CsvLine, { fields: string[] }>;
  user: DirectoryUser;
  managerText: string;
  teamName: string;
}

class LineRejected extends Error {}

/**
 * From this many distinct people to look up, the whole directory is listed once (users.list, 200 a
 * page, Tier 2) instead of asking Slack per person (users.lookupByEmail is Tier 3, about 50 a minute:
 * 20 minutes for a file of 1,000 emails, against seconds for a few pages).
 */
const LIST_DIRECTORY_FROM = 50;

type LookUp = (value: string) => Promise<DirectoryUser | undefined>;

/**
 * How this import finds people: each distinct user id or email is asked about once however many
 * lines name it, per person for a small file, from one listing of the workspace for a large one.
 */
async function userLookup(
  directory: PeopleDirectory,
  workspaceId: string,
  lines: readonly CsvLine[],
  listDirectoryFrom: number,
): Promise<LookUp> {
  const named = new Set<string>();
  for (const csv of lines) {
    if ('problem' in csv) continue;
    for (const field of csv.fields.slice(0, 2)) if (field !== '') named.add(field.toLowerCase());
  }
  if (named.size >= listDirectoryFrom) {
    const byKey = new Map<string, DirectoryUser>();
    for (const user of await directory.listAll(workspaceId)) {
      byKey.set(user.userId.toLowerCase(), user);
      if (user.email !== null) byKey.set(user.email.toLowerCase(), user);
    }
    return async (value) => byKey.get(value.toLowerCase());
  }
  const lookups = new Map<string, Promise<DirectoryUser | undefined>>();
  return (value) => {
    const key = value.toLowerCase();
    let found = lookups.get(key);
    if (found === undefined) {
      found = SLACK_USER_ID.test(value)
        ? directory.findById(workspaceId, value)
        : directory.findByEmail(workspaceId, value);
      lookups.set(key, found);
    }
    return found;
  };
}

/**
 * Imports a roster file (`user,manager,team`; user and manager as Slack user id or email). Accepted
 * lines make the user a rep with that manager (made a manager) and team (created when missing); an
 * empty manager or team column leaves that part of the person as it was. Every line gets a verdict;
 * Slack is asked first and all writes happen in one transaction, so running the same file again
 * changes nothing.
 */
export async function importRoster(
  db: Db,
  clock: Clock,
  directory: PeopleDirectory,
  workspaceId: string,
  csvText: string,
  options: { listDirectoryFrom: number } = { listDirectoryFrom: LIST_DIRECTORY_FROM },
): Promise<ImportReport> {
  const [header, ...lines] = readCsvLines(csvText);
  const columns = readHeader(header);
  const report: ImportReport = { accepted: [], unchanged: [], rejected: [] };
  const reject = (csv: CsvLine, reason: string) =>
    report.rejected.push({ line: csv.line, text: csv.text, reason });

  const lookUp = await userLookup(directory, workspaceId, lines, options.listDirectoryFrom);

  const resolved: ResolvedLine[] = [];
  const lineOfUser = new Map<string, number>();
  for (const csv of lines) {
    try {
      if ('problem' in csv) throw new LineRejected(`malformed line: ${csv.problem}`);
      if (csv.fields.length !== columns.length) {
        throw new LineRejected(
          `malformed line: expected ${columns.length} column${columns.length === 1 ? '' : 's'} (${columns.join(',')}), found ${csv.fields.length}`,
        );
      }
      const [userText = '', managerText = '', teamField = ''] = csv.fields;
      const teamName = teamField.replace(/\s+/g, ' ');
      checkPersonField(userText, 'user');
      if (managerText !== '') checkPersonField(managerText, 'manager');
      if (teamName.length > TEAM_NAME_MAX_LENGTH || /[<>]/.test(teamName)) {
        throw new LineRejected(
          `malformed line: a team name needs at most ${TEAM_NAME_MAX_LENGTH} characters, without < or >`,
        );
      }
      const user = await lookUp(userText);
      if (user === undefined) throw new LineRejected('unknown user (not in Slack)');
      const notCoachable = whyNotCoachable(user);
      if (notCoachable !== undefined)
        throw new LineRejected(notCoachable === 'is a bot' ? 'bot' : 'deactivated in Slack');
      const earlier = lineOfUser.get(user.userId);
      if (earlier !== undefined) throw new LineRejected(`duplicate of line ${earlier}`);
      lineOfUser.set(user.userId, csv.line);
      resolved.push({ csv, user, managerText, teamName });
    } catch (error) {
      if (!(error instanceof LineRejected)) throw error;
      reject(csv, error.message);
    }
  }

  // Managers are checked once every user line is known, so a manager may be listed below their reps.
  const placements: Array<ResolvedLine & { manager: DirectoryUser | undefined }> = [];
  // Who already holds a role, read once (when a line names a manager) rather than once per line.
  let onRoster: Promise<Set<string>> | undefined;
  const isOnRoster = async (slackUserId: string) => {
    onRoster ??= listRosterPeople(db, workspaceId).then(
      (people) => new Set(people.map((person) => person.slack_user_id)),
    );
    return (await onRoster).has(slackUserId);
  };
  for (const line of resolved) {
    try {
      const manager = line.managerText === '' ? undefined : await lookUp(line.managerText);
      if (line.managerText !== '') {
        if (manager === undefined) throw new LineRejected('unknown manager (not in Slack)');
        const notCoachable = whyNotCoachable(manager);
        if (notCoachable !== undefined) throw new LineRejected(`manager ${notCoachable}`);
        if (manager.userId === line.user.userId)
          throw new LineRejected('a person cannot be their own manager');
        if (!lineOfUser.has(manager.userId) && !(await isOnRoster(manager.userId))) {
          throw new LineRejected(
            'manager not in the roster or this file (add them first, or give them a line)',
          );
        }
      }
      placements.push({ ...line, manager });
    } catch (error) {
      if (!(error instanceof LineRejected)) throw error;
      reject(line.csv, error.message);
    }
  }

  const now = clock.now();
  await db.transaction().execute(async (trx) => {
    for (const placement of placements) {
      const entry: ImportedLine = {
        line: placement.csv.line,
        text: placement.csv.text,
        user: placement.user.userId,
        displayName: placement.user.displayName,
        ...(placement.manager ? { manager: placement.manager.userId } : {}),
        ...(placement.teamName ? { team: placement.teamName } : {}),
      };
      const changed = await place(trx, workspaceId, placement, now);
      (changed ? report.accepted : report.unchanged).push(entry);
    }
  });
  report.rejected.sort((a, b) => a.line - b.line);
  return report;
}

function readHeader(header: CsvLine | undefined): readonly string[] {
  const expected = `The first line must be the header ${COLUMNS.join(',')} (manager and team may be left out).`;
  if (header === undefined) throw new RosterImportError(`The file has no lines to import. ${expected}`);
  if ('problem' in header) throw new RosterImportError(`Line ${header.line}: ${header.problem}. ${expected}`);
  const names = header.fields.map((field) => field.toLowerCase());
  const matches = names.length > 0 && names.every((name, index) => name === COLUMNS[index]);
  if (!matches) throw new RosterImportError(`Line ${header.line} is "${header.text}". ${expected}`);
  return names;
}

function checkPersonField(value: string, column: 'user' | 'manager'): void {
  if (value === '') throw new LineRejected(`malformed line: no ${column}`);
  if (!SLACK_USER_ID.test(value) && !/^[^@\s]+@[^@\s]+$/.test(value)) {
    throw new LineRejected(`malformed line: the ${column} must be a Slack user id (U…) or an email address`);
  }
}

/** Writes one accepted line; false when the roster already said exactly this and nothing was written. */
async function place(
  db: Db,
  workspaceId: string,
  placement: ResolvedLine & { manager: DirectoryUser | undefined },
  now: Date,
): Promise<boolean> {
  const existingManager =
    placement.manager && (await findPersonBySlackId(db, workspaceId, placement.manager.userId));
  const existingTeam =
    placement.teamName === '' ? undefined : await findTeamByName(db, workspaceId, placement.teamName);
  const existing = await findPersonBySlackId(db, workspaceId, placement.user.userId);
  const unchanged =
    existing?.is_rep === true &&
    (placement.manager === undefined ||
      (existingManager?.is_manager === true && existing.manager_id === existingManager.id)) &&
    (placement.teamName === '' || (existingTeam !== undefined && existing.team_id === existingTeam.id));
  if (unchanged) return false;

  const manager = placement.manager && (await recordManager(db, workspaceId, placement.manager, now));
  const team: Team | undefined =
    placement.teamName === ''
      ? undefined
      : (existingTeam ?? (await insertTeam(db, workspaceId, placement.teamName, now)));
  const rep = await recordDirectoryUser(db, workspaceId, placement.user, now);
  await updatePerson(
    db,
    rep.id,
    { is_rep: true, manager_id: manager?.id ?? rep.manager_id, team_id: team?.id ?? rep.team_id },
    now,
  );
  return true;
}

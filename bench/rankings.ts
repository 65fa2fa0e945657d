import os from 'node:os';
import { sql } from 'kysely';
import { connectDatabase, type Db } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { sumWeeklyFigures } from '../src/db/queries/rankings.js';
import { listTeams } from '../src/db/queries/teams.js';
import { upsertWorkspace } from '../src/db/queries/workspaces.js';
import { computeWeeklyStandings } from '../src/domain/rankings/service.js';
import { weekToPost } from '../src/domain/rankings/weeks.js';
import { createLogger } from '../src/logger.js';
import { buildStandingsPost } from '../src/slack/views/standings.js';
import { renderStandingsChart } from '../src/slack/views/standings-chart.js';
import { WORKSPACE_ID } from '../test/support/coaching.js';
import { createBenchDatabase } from './database.js';
import { count, cpuModel, fmt, machineBusySeconds, seconds, verdict } from './machine.js';

const TEAMS = 100;
const REPS_PER_TEAM = 100;
const SALES = 1_000_000;
const DAYS_OF_SALES = 365;
/** Every 20th sale is in EUR: left out of the USD revenue, as the standings must. */
const OTHER_CURRENCY_EVERY = 20;
/** The Monday the posts go out: every team's post covers the week of 2026-11-16, whatever its zone. */
const POSTING_INSTANT = new Date('2026-11-23T14:00:00Z');
const WEEK_START = '2026-11-16';
const ZONES = ['America/New_York', 'Europe/Paris', 'Asia/Tokyo', 'UTC'];
const DEFAULTS = { defaultCurrency: 'USD', defaultTimeZone: 'UTC' };

const GOAL_PER_TEAM_MS = 50;
const GOAL_ALL_TEAMS_MS = 5_000;

const silentLogger = createLogger({ level: 'silent', secrets: [] });

function percentile(sorted: readonly number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)]!;
}

/**
 * 100 teams of 100 reps, a year of sales (1,000,000 rows, bulk-inserted by generate_series with
 * fixed arithmetic instead of random(), so every run holds the same rows), a week of check-ins and
 * 1 % of the reps away all week; then vacuum analyze.
 */
async function seed(db: Db): Promise<void> {
  await upsertWorkspace(db, { id: WORKSPACE_ID, enterpriseId: null, name: 'Bench Workspace' }, new Date());
  await sql`
    insert into teams (workspace_id, name, timezone, reporting_currency)
    select ${WORKSPACE_ID}, 'Team ' || lpad(t::text, 3, '0'), (${ZONES}::text[])[1 + t % ${ZONES.length}], 'USD'
    from generate_series(1, ${TEAMS}::int) as t`.execute(db);
  await sql`
    insert into people (workspace_id, slack_user_id, display_name, is_rep, team_id, created_at)
    select ${WORKSPACE_ID}, 'U' || lpad(n::text, 8, '0'), 'Rep ' || n, true, t.id, timestamptz '2025-01-01'
    from generate_series(1, ${TEAMS * REPS_PER_TEAM}::int) as n
    join teams t on t.name = 'Team ' || lpad(((n - 1) / ${REPS_PER_TEAM} + 1)::text, 3, '0')`.execute(db);
  // 7919 is prime to the number of reps, so the sales spread evenly over them; amounts 1.00–5000.99.
  await sql`
    with reps as (select min(id) as first_id, count(*)::int as reps from people)
    insert into sales (workspace_id, person_id, description, amount, currency, account, closed_on, source)
    select ${WORKSPACE_ID},
           reps.first_id + (n::bigint * 7919 % reps.reps)::int,
           'Deal ' || n,
           (n::bigint * 2654435761 % 500000 + 100) / 100.0,
           case when n % ${OTHER_CURRENCY_EVERY} = 0 then 'EUR' else 'USD' end,
           'Account ' || n % 5000,
           ${WEEK_START}::date + 6 - (n % ${DAYS_OF_SALES}),
           'import'
    from reps, generate_series(1, ${SALES}::int) as n`.execute(db);
  // The week's check-ins, Monday to Friday: Friday's is asked on the Monday after.
  await sql`
    insert into check_ins (workspace_id, person_id, local_date, about_date, stage, outcome)
    select ${WORKSPACE_ID}, p.id,
           ${WEEK_START}::date + case when d = 4 then 7 else d + 1 end,
           ${WEEK_START}::date + d,
           case when (p.id * 31 + d) % 10 >= 8 then 'prompted' else 'answered' end,
           case (p.id * 31 + d) % 10
             when 0 then 'sold' when 1 then 'sold' when 2 then 'sold'
             when 3 then 'tried' when 4 then 'tried' when 5 then 'tried'
             when 6 then 'did_not_try' when 7 then 'did_not_try'
           end
    from people p cross join generate_series(0, 4) as d`.execute(db);
  await sql`
    insert into out_of_office (person_id, first_day, last_day)
    select id, ${WEEK_START}::date, ${WEEK_START}::date + 4 from people where id % 100 = 7`.execute(db);
  // vacuum as well: autovacuum would long have marked a year of sales all-visible, which index-only
  // scans rely on; a table loaded a second ago has no visibility map yet.
  await sql`vacuum analyze`.execute(db);
}

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await run();
  return { ms: performance.now() - started, value };
}

async function printSetup(description: string): Promise<void> {
  const gib = (os.totalmem() / 2 ** 30).toFixed(1);
  console.log(`rankings benchmark: weekly standings over a year of sales — ${new Date().toISOString()}`);
  console.log(
    `machine    nproc ${os.availableParallelism()}, ${await cpuModel()}, ${gib} GiB RAM, node ${process.version}, load average ${os.loadavg()[0]!.toFixed(2)}`,
  );
  console.log(`database   ${description}`);
  console.log(
    `data       ${count(TEAMS)} teams × ${count(REPS_PER_TEAM)} reps = ${count(TEAMS * REPS_PER_TEAM)} reps (zones ${ZONES.join(', ')}); ` +
      `${count(SALES)} sales over ${DAYS_OF_SALES} days ending ${WEEK_START} + 6 (1 in ${OTHER_CURRENCY_EVERY} in EUR); ` +
      `a week of check-ins (${count(TEAMS * REPS_PER_TEAM * 5)}); 1 % of reps away all week`,
  );
  console.log(
    `measured   computeWeeklyStandings per team (roster, out of office, figures with movement and personal bests, ` +
      `effort): median and p95 over the ${TEAMS} teams after a warm-up pass; then every team's post ` +
      '(week to post, standings, Block Kit message and chart PNG) one after the other, as the posting tick does',
  );
  console.log(
    `goals      < ${GOAL_PER_TEAM_MS} ms per team; < ${fmt(GOAL_ALL_TEAMS_MS / 1000, 0)} s for all ${TEAMS} teams (Slack excluded)\n`,
  );
}

async function main(): Promise<void> {
  const startedAt = performance.now();
  const database = await createBenchDatabase('rankings');
  const connection = connectDatabase(database.url, silentLogger);
  try {
    const { db } = connection;
    await migrateToLatest(db, silentLogger);
    await printSetup(database.description);
    const seeding = performance.now();
    await seed(db);
    console.log(`seeded, vacuumed and analysed in ${seconds(seeding)} s`);

    const teams = await listTeams(db, WORKSPACE_ID);
    const standingsOf = (teamId: number) =>
      computeWeeklyStandings(db, { teamId, weekStart: WEEK_START, ...DEFAULTS });
    for (const team of teams) await standingsOf(team.id);

    const busyBefore = await machineBusySeconds();
    const measuring = performance.now();
    const perTeam: number[] = [];
    let ranked = 0;
    let away = 0;
    for (const team of teams) {
      const { ms, value } = await timed(() => standingsOf(team.id));
      perTeam.push(ms);
      ranked += value.entries.length;
      away += value.outOfOffice.length;
    }
    const figuresOnly: number[] = [];
    for (const team of teams) {
      const reps = await db.selectFrom('people').select('id').where('team_id', '=', team.id).execute();
      const ids = reps.map((rep) => rep.id);
      const { ms } = await timed(() =>
        sumWeeklyFigures(db, {
          weekStart: WEEK_START,
          metric: 'revenue',
          currency: 'USD',
          rankedNow: ids,
          rankedBefore: ids,
        }),
      );
      figuresOnly.push(ms);
    }
    // Everything a post needs but Slack: the standings, the Block Kit message and the chart PNG.
    const stages = { standings: 0, message: 0, chart: 0 };
    let chartBytes = 0;
    const allPosts = await timed(async () => {
      for (const team of teams) {
        const week = weekToPost(team, POSTING_INSTANT, DEFAULTS.defaultTimeZone);
        const standings = await timed(() =>
          computeWeeklyStandings(db, { teamId: team.id, weekStart: week.weekStart, ...DEFAULTS }),
        );
        stages.standings += standings.ms;
        stages.message += (await timed(async () => buildStandingsPost(standings.value))).ms;
        const chart = await timed(async () => renderStandingsChart(standings.value));
        stages.chart += chart.ms;
        chartBytes += chart.value.length;
      }
    });
    const busyCores = (await machineBusySeconds()) - busyBefore;
    const wallSeconds = (performance.now() - measuring) / 1000;

    perTeam.sort((a, b) => a - b);
    figuresOnly.sort((a, b) => a - b);
    const median = percentile(perTeam, 0.5);
    const p95 = percentile(perTeam, 0.95);
    console.log(
      `\nchecked    ${count(ranked)} reps ranked, ${count(away)} listed as away, over ${teams.length} teams`,
    );
    console.log(
      `machine    ${fmt(busyCores / wallSeconds, 2)} cores busy on average while measuring (this process and postgres included)`,
    );
    console.log(
      `figures query alone (sumWeeklyFigures, 100 reps): median ${fmt(percentile(figuresOnly, 0.5))} ms, ` +
        `p95 ${fmt(percentile(figuresOnly, 0.95))} ms`,
    );
    console.log(
      `standings per team: median ${fmt(median)} ms, p95 ${fmt(p95)} ms, max ${fmt(perTeam.at(-1)!)} ms ` +
        `(goal < ${GOAL_PER_TEAM_MS} ms) — ${verdict(p95 < GOAL_PER_TEAM_MS)}`,
    );
    console.log(
      `all ${teams.length} teams' posts, of which standings ${fmt(stages.standings / 1000, 2)} s, messages ` +
        `${fmt(stages.message / 1000, 2)} s, chart PNGs ${fmt(stages.chart / 1000, 2)} s ` +
        `(${count(Math.round(chartBytes / teams.length / 1024))} KiB each on average)`,
    );
    console.log(
      `all ${teams.length} teams' posts: ${fmt(allPosts.ms / 1000, 2)} s (goal < ${fmt(GOAL_ALL_TEAMS_MS / 1000, 0)} s) — ` +
        verdict(allPosts.ms < GOAL_ALL_TEAMS_MS),
    );
  } finally {
    await connection.close();
    await database.drop();
    console.log(`\nremoved the benchmark's database; whole run ${seconds(startedAt)} s`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `\nrankings benchmark failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exitCode = 1;
});

import { sql } from 'kysely';
import type { Db } from '../database.js';

export interface SalesPeriod<Key extends string> {
  key: Key;
  /** Inclusive local dates, 'YYYY-MM-DD'. */
  from: string;
  to: string;
}

export interface RepAgainstTeamTotals<Key extends string> {
  key: Key;
  repRevenue: string;
  repDeals: number;
  teamAverageRevenue: string;
  teamAverageDeals: number;
}

/**
 * A rep's revenue and number of sales (by `closed_on`) in each period, next to the average per rep
 * of `teamIds` (the rep among them). Revenue sums only sales in `currency`, since amounts in two
 * currencies do not add up; every sale counts as a deal. Postgres does the arithmetic in numeric, so
 * no cent drifts: revenue averages are rounded to the cent, deal averages to one decimal.
 */
export async function sumSalesAgainstTeam<Key extends string>(
  db: Db,
  options: { repId: number; teamIds: readonly number[]; currency: string; periods: SalesPeriod<Key>[] },
): Promise<RepAgainstTeamTotals<Key>[]> {
  const { repId, teamIds, currency, periods } = options;
  const reps = Math.max(teamIds.length, 1);
  const { rows } = await sql<{
    key: Key;
    rep_revenue: string;
    rep_deals: string;
    team_revenue: string;
    team_deals: string;
  }>`
    select
      p.key,
      coalesce(sum(s.amount) filter (where s.person_id = ${repId} and s.currency = ${currency}), 0)::numeric(14, 2)::text
        as rep_revenue,
      count(s.id) filter (where s.person_id = ${repId}) as rep_deals,
      round(coalesce(sum(s.amount) filter (where s.currency = ${currency}), 0) / ${reps}, 2)::text as team_revenue,
      round(count(s.id)::numeric / ${reps}, 1)::text as team_deals
    from unnest(${periods.map((p) => p.key)}::text[], ${periods.map((p) => p.from)}::date[],
                ${periods.map((p) => p.to)}::date[]) with ordinality as p(key, from_on, to_on, position)
    left join sales s
      on s.person_id = any(${[...teamIds]}::integer[]) and s.closed_on between p.from_on and p.to_on
    group by p.key, p.position
    order by p.position`.execute(db);
  return rows.map((row) => ({
    key: row.key,
    repRevenue: row.rep_revenue,
    repDeals: Number(row.rep_deals),
    teamAverageRevenue: row.team_revenue,
    teamAverageDeals: Number(row.team_deals),
  }));
}

// Repeat-purchase cohorts of a partner: members grouped by the month (program time) of their
// first receipt at its stores; for each later month, the share of the cohort who bought again.
// Receipts still standing only (committed).
import type { Db } from "@/lib/db/client";
import { zonedParts } from "@/lib/time";

export interface Cohort {
  /** YYYY-MM of the first receipt. */
  month: string;
  customers: number;
  /**
   * returning[k]: customers of the cohort with a receipt k months after their first month (k = 0 is
   * the cohort itself), for the months finished by now (the current month is still partial).
   */
  returning: number[];
}

const n = (v: unknown) => Number(v ?? 0);

/** The last `months` cohorts up to `now`'s month, each followed to the last finished month. */
export async function loadCohorts(db: Db, input: { partnerId: string; timeZone: string; months?: number; now?: Date }): Promise<Cohort[]> {
  const months = Math.min(Math.max(input.months ?? 12, 1), 36);
  const now = input.now ?? new Date();
  const p = zonedParts(now, input.timeZone);
  const keys: string[] = [];
  for (let i = months - 1; i >= 0; i--) {
    const d = new Date(Date.UTC(p.year, p.month - 1 - i, 1));
    keys.push(d.toISOString().slice(0, 7));
  }
  const rows = await db.$queryRaw<{ cohort: string; k: number; c: bigint }[]>`
    WITH m AS (
      SELECT p."customerId", date_trunc('month', p."at" AT TIME ZONE ${input.timeZone}) AS mon
      FROM "Purchase" p
      WHERE p."partnerId" = ${input.partnerId} AND p."status" = 'committed' AND p."customerId" IS NOT NULL AND p."at" < ${now}
      GROUP BY 1, 2
    ), first AS (SELECT "customerId", min(mon) AS c FROM m GROUP BY 1)
    SELECT to_char(f.c, 'YYYY-MM') AS cohort,
           ((extract(year FROM m.mon) - extract(year FROM f.c)) * 12 + extract(month FROM m.mon) - extract(month FROM f.c))::int AS k,
           count(*) AS c
    FROM m JOIN first f ON f."customerId" = m."customerId"
    WHERE to_char(f.c, 'YYYY-MM') >= ${keys[0]}
    GROUP BY 1, 2`;
  return keys.map((month, i) => {
    const span = Math.max(1, months - i - 1);
    const returning = Array.from({ length: span }, () => 0);
    for (const r of rows) if (r.cohort === month && r.k < span) returning[r.k] = n(r.c);
    return { month, customers: returning[0], returning };
  });
}

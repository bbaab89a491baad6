// Step 4 of an import: statuses. The history is already in the status metrics; each customer the
// run imported (or whose history grew) is evaluated by lib/tiers' one pure function `reevaluate`.
//
// - The imported `tier` holds until the end of the current period unless the history qualifies
//   higher: it becomes the status carried through this period (seasons, years). Lifetime and
//   rolling windows carry nothing, so there it is a floor (a manual status) for 12 months when it
//   ranks above what the history earns.
// - `--recompute-tiers` compares, per customer and as a matrix, the legacy status with the one the
//   history earns under the program in force, and applies the earned one (the legacy one ignored,
//   a manual status too: recomputing means the history alone decides).
import type pg from "pg";
import { rawSql } from "@/lib/db/raw-pool";
import type { ProgramDefinition } from "@/lib/program/definition";
import { tierRank } from "@/lib/tiers/evaluate-status";
import { evalPeriod, loadMetrics } from "@/lib/tiers/metrics";
import { reevaluate, type Reevaluation, type TierRow } from "@/lib/tiers/reevaluate";
import { saveReevaluations } from "@/lib/tiers/tier-rows";

export interface TierOutcome {
  evaluated: number;
  /** legacy status → earned status → customers (only with recompute). */
  matrix: Record<string, Record<string, number>>;
  changed: number;
}

interface EvalRow {
  line: number;
  customer_id: string;
  external_id: string;
  tier: string | null;
  tier_since: Date | null;
  fresh: boolean;
}

const BATCH = 2000;
const YEAR = 365 * 24 * 3600 * 1000;

export async function applyTiers(
  client: pg.ClientBase,
  def: ProgramDefinition,
  opts: { programId: string; now: Date; recompute: boolean },
  perCustomer: (row: { externalId: string; legacy: string; earned: string; applied: string }) => void,
  progress: (fraction: number) => void,
): Promise<TierOutcome> {
  const sql = rawSql(client as pg.PoolClient);
  const period = evalPeriod(def, opts.now);
  const entry = def.tiers[0].code;
  const out: TierOutcome = { evaluated: 0, matrix: {}, changed: 0 };
  // Who: every good row with recompute; otherwise the fresh ones and those whose metrics grew.
  await client.query(
    `create unlogged table import_eval with (autovacuum_enabled = off) as
     select c.line, c.customer_id, c.external_id, c.tier, c.tier_since, c.fresh from import_customer c
     where not c.bad and ($1 or c.fresh or c.customer_id in (select customer_id from import_delta))`,
    [opts.recompute],
  );
  await client.query(`create index on import_eval (line); analyze import_eval`);
  const total = Number((await client.query<{ n: string }>(`select count(*) as n from import_eval`)).rows[0].n) || 1;
  let after = 0;
  const timing = { read: 0, evaluate: 0, save: 0 };
  let t0 = Date.now();
  for (;;) {
    const { rows } = await client.query<EvalRow>(`select * from import_eval where line > $1 order by line limit ${BATCH}`, [after]);
    if (!rows.length) break;
    after = rows[rows.length - 1].line;
    const ids = rows.map((r) => r.customer_id);
    const metrics = await loadMetrics(sql, ids, def, period);
    const priors = new Map(
      (
        await client.query<TierRow>(
          `select "customerId", "programId", "tierCode", "periodKey", "qualifiedTierCode", "carriedTierCode", "manualTierCode", "manualUntil", since
           from "CustomerTier" where "customerId" = any($1::text[])`,
          [ids],
        )
      ).rows.map((r) => [r.customerId, r]),
    );
    const t1 = Date.now();
    timing.read += t1 - t0;
    const results: Reevaluation[] = [];
    for (const r of rows) {
      const idsOf = { customerId: r.customer_id, programId: opts.programId };
      const m = metrics.get(r.customer_id)!;
      const existing = priors.get(r.customer_id) ?? null;
      const earned = reevaluate(def, null, idsOf, period, m, opts.now);
      const legacy = r.tier ?? entry;
      let result: Reevaluation;
      if (opts.recompute) {
        // The status the history earns: what the legacy status carried (or held as a floor) is dropped.
        const base = existing ? { ...existing, periodKey: period.key, carriedTierCode: null, manualTierCode: null, manualUntil: null } : null;
        result = reevaluate(def, base, idsOf, period, m, opts.now, { raiseCarriedFromPrevious: true });
        if (result.change) result.change = { ...result.change, reason: "import", note: "legacy import: recomputed from history" };
        (out.matrix[legacy] ??= {})[earned.row.tierCode] = (out.matrix[legacy][earned.row.tierCode] ?? 0) + 1;
      } else if (r.fresh) {
        const prior: TierRow = existing ?? {
          customerId: r.customer_id,
          programId: opts.programId,
          tierCode: legacy,
          periodKey: period.key,
          qualifiedTierCode: entry,
          carriedTierCode: null,
          manualTierCode: null,
          manualUntil: null,
          since: r.tier_since ?? opts.now,
        };
        const base: TierRow = { ...prior, periodKey: period.key };
        if (period.prevKey) {
          base.carriedTierCode = tierRank(def, legacy) > tierRank(def, prior.carriedTierCode) ? legacy : prior.carriedTierCode;
        } else if (tierRank(def, legacy) > tierRank(def, earned.row.tierCode) && !prior.manualTierCode) {
          base.manualTierCode = legacy;
          base.manualUntil = new Date(opts.now.getTime() + YEAR);
        }
        result = reevaluate(def, base, idsOf, period, m, opts.now, { raiseCarriedFromPrevious: true });
        const before = existing?.tierCode ?? null;
        result.dirty = true;
        result.change = result.row.tierCode !== before ? { fromTier: before, toTier: result.row.tierCode, reason: "import", periodKey: period.key, at: opts.now, note: "legacy import" } : null;
        if (result.row.tierCode === legacy && !existing) result.row.since = r.tier_since ?? opts.now;
      } else {
        result = reevaluate(def, existing, idsOf, period, m, opts.now, { raiseCarriedFromPrevious: true });
      }
      if (result.change) out.changed++;
      results.push(result);
      if (opts.recompute) perCustomer({ externalId: r.external_id, legacy, earned: earned.row.tierCode, applied: result.row.tierCode });
    }
    const t2 = Date.now();
    timing.evaluate += t2 - t1;
    await saveReevaluations(sql, results);
    t0 = Date.now();
    timing.save += t0 - t2;
    out.evaluated += rows.length;
    progress(out.evaluated / total);
  }
  if (process.env.TRIBUNE_IMPORT_TIMING) console.error(`statuses: reading ${timing.read} ms, evaluating ${timing.evaluate} ms, saving ${timing.save} ms`);
  return out;
}

// Job: when a qualification period ends, every customer's status is recomputed: the carried tier
// becomes what they qualified in the finished period (drops happen here, TierChange period_end),
// manual statuses past their end date lapse, and rolling windows are re-evaluated as old days
// leave them.
//
// Batched: CustomerTier rows are taken 500 at a time in customer-id order (keyset), locked FOR
// UPDATE, re-evaluated in memory from one metrics query, and written back with one upsert and
// one insert. Idempotent and safe to run twice or concurrently: the row filter is re-checked
// under the row lock (a row another run already moved to the new period no longer matches),
// and a purchase re-evaluating the same customer takes the same row lock.
import type { Db } from "@/lib/db/client";
import { definitionInForce } from "@/lib/program/in-force";
import type { ProgramDefinition } from "@/lib/program/definition";
import { compareKeys, evalPeriod, loadMetrics } from "@/lib/tiers/metrics";
import { reevaluate, type TierRow } from "@/lib/tiers/reevaluate";
import { saveReevaluations } from "@/lib/tiers/tier-rows";

export interface RolloverResult {
  [k: string]: number;
  programs: number;
  customers: number;
  changed: number;
}

/** Recomputes the statuses of one program as of `now`. */
export async function rolloverProgram(db: Db, programId: string, def: ProgramDefinition, now: Date, batch = 500) {
  const period = evalPeriod(def, now);
  const entry = def.tiers[0].code;
  let after = "";
  let customers = 0;
  let changed = 0;
  for (;;) {
    const done = await db.$transaction(
      async (tx) => {
        const rows = await tx.$queryRaw<TierRow[]>`
          select "customerId", "programId", "tierCode", "periodKey", "qualifiedTierCode", "carriedTierCode", "manualTierCode", "manualUntil", since
          from "CustomerTier"
          where "programId" = ${programId} and "customerId" > ${after}
            and ("periodKey" <> ${period.key} or ("manualUntil" is not null and "manualUntil" <= ${now}))
            and (${!period.rolling} or "tierCode" <> ${entry} or "manualTierCode" is not null)
          order by "customerId" limit ${batch}
          for update`;
        if (!rows.length) return null;
        // A row already evaluated in a later period (the job run with an earlier `now`) is left alone.
        const due = rows.filter((r) => compareKeys(period.key, r.periodKey) >= 0);
        const metrics = await loadMetrics(
          tx,
          due.map((r) => r.customerId),
          def,
          period,
        );
        const results = due.map((r) => reevaluate(def, r, { customerId: r.customerId, programId }, period, metrics.get(r.customerId)!, now));
        await saveReevaluations(tx, results, { def });
        return { last: rows[rows.length - 1].customerId, count: due.length, changed: results.filter((r) => r.change).length };
      },
      { timeout: 120_000, maxWait: 30_000 },
    );
    if (!done) break;
    after = done.last;
    customers += done.count;
    changed += done.changed;
  }
  return { customers, changed };
}

/** Every program, with the rules in force at `now`. */
export async function runRolloverPeriods(db: Db, now: Date, batch = 500): Promise<RolloverResult> {
  const out: RolloverResult = { programs: 0, customers: 0, changed: 0 };
  for (const p of await db.program.findMany({ select: { id: true }, orderBy: { createdAt: "asc" } })) {
    const version = await definitionInForce(db, p.id, now);
    if (!version) continue;
    const def = version.definition;
    const r = await rolloverProgram(db, p.id, def, now, batch);
    out.programs += 1;
    out.customers += r.customers;
    out.changed += r.changed;
  }
  return out;
}

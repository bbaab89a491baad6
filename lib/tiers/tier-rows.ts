// Reading, locking and writing CustomerTier rows and TierChange history (one or many at once).
import type { Sql } from "@/lib/db/sql";
import { fireTierChanges } from "@/lib/communications/triggers";
import { createId } from "@/lib/ids";
import type { ProgramDefinition } from "@/lib/program/definition";
import type { Reevaluation, TierRow } from "./reevaluate";

type Q = Sql;

/** A CustomerTier row as `row_to_json` gives it (dates as strings): the POS reads it inside larger statements. */
export type TierRowJson = Omit<TierRow, "since" | "manualUntil"> & { since: string; manualUntil: string | null };

export function tierRowFromJson(t: TierRowJson | null): TierRow | null {
  return t ? { ...t, since: new Date(t.since), manualUntil: t.manualUntil === null ? null : new Date(t.manualUntil) } : null;
}

/** The customer's row, locked (FOR UPDATE) for the rest of the transaction; null when missing. */
export async function lockTierRow(q: Q, customerId: string): Promise<TierRow | null> {
  const rows = await q.$queryRaw<TierRow[]>`
    select "customerId", "programId", "tierCode", "periodKey", "qualifiedTierCode", "carriedTierCode", "manualTierCode", "manualUntil", since
    from "CustomerTier" where "customerId" = ${customerId} for update`;
  return rows[0] ?? null;
}

export async function readTierRow(q: Q, customerId: string): Promise<TierRow | null> {
  const rows = await q.$queryRaw<TierRow[]>`
    select "customerId", "programId", "tierCode", "periodKey", "qualifiedTierCode", "carriedTierCode", "manualTierCode", "manualUntil", since
    from "CustomerTier" where "customerId" = ${customerId}`;
  return rows[0] ?? null;
}

/**
 * Inserts or updates the rows of the reevaluations that changed anything and appends their
 * TierChanges; with the program's definition, the switched-on status messages are queued in the
 * same transaction (lib/communications/triggers.ts).
 */
export async function saveReevaluations(q: Q, results: Reevaluation[], extra: { staffUserId?: string | null; def?: ProgramDefinition } = {}) {
  const dirty = results.filter((r) => r.dirty);
  if (dirty.length) {
    const col = <K extends keyof TierRow>(k: K) => dirty.map((r) => r.row[k]);
    await q.$executeRaw`
      insert into "CustomerTier" ("customerId", "programId", "tierCode", "periodKey", "qualifiedTierCode", "carriedTierCode", "manualTierCode", "manualUntil", since, "updatedAt")
      select u.*, now() from unnest(
        ${col("customerId")}::text[], ${col("programId")}::text[], ${col("tierCode")}::text[], ${col("periodKey")}::text[],
        ${col("qualifiedTierCode")}::text[], ${col("carriedTierCode")}::text[], ${col("manualTierCode")}::text[],
        ${col("manualUntil")}::timestamptz[], ${col("since")}::timestamptz[]) as u
      on conflict ("customerId") do update set
        "programId" = excluded."programId", "tierCode" = excluded."tierCode", "periodKey" = excluded."periodKey",
        "qualifiedTierCode" = excluded."qualifiedTierCode", "carriedTierCode" = excluded."carriedTierCode",
        "manualTierCode" = excluded."manualTierCode", "manualUntil" = excluded."manualUntil", since = excluded.since,
        "updatedAt" = now()`;
  }
  const changes = results.filter((r) => r.change);
  if (changes.length) {
    const c = changes.map((r) => ({ ...r.change!, id: createId("tie"), customerId: r.row.customerId, programId: r.row.programId }));
    await q.$executeRaw`
      insert into "TierChange" (id, "programId", "customerId", "fromTier", "toTier", reason, "periodKey", note, "staffUserId", at)
      select u.id, u.p, u.c, u.f, u.t, u.r::"TierChangeReason", u.k, u.n, ${extra.staffUserId ?? null}, u.a from unnest(
        ${c.map((x) => x.id)}::text[], ${c.map((x) => x.programId)}::text[], ${c.map((x) => x.customerId)}::text[],
        ${c.map((x) => x.fromTier)}::text[], ${c.map((x) => x.toTier)}::text[], ${c.map((x) => x.reason)}::text[],
        ${c.map((x) => x.periodKey)}::text[], ${c.map((x) => x.note ?? null)}::text[], ${c.map((x) => x.at)}::timestamptz[])
        as u(id, p, c, f, t, r, k, n, a)`;
    if (extra.def) await fireTierChanges(q, extra.def, c);
  }
}

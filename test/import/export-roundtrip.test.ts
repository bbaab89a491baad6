// Moving out and back in: generated legacy files (expiring lots, promo lots, lots over and under
// the balance, returns in history, achievements) imported into a program, exported with
// lib/import/export.ts, and imported into an empty database give identical balances, lots,
// statuses and achievements customer by customer.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { exportProgram } from "@/lib/import/export";
import { generateLegacyFiles } from "@/lib/import/generate";
import { runImport } from "@/lib/import/run";
import { checkLedger } from "@/lib/ledger/check-ledger";
import { applyProgram } from "@/lib/program/apply-program";
import { clearProgramCache } from "@/lib/program/in-force";
import { referenceProgramJson } from "@/lib/rules/reference-programs";
import { scratchDatabase, testDatabaseUrl, testDb } from "@/test/db";
import { uniq } from "@/test/factories";

const tmp = (p: string) => mkdtempSync(path.join(tmpdir(), p));
const cleanup: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanup) await c();
});

async function state(db: Db, programId: string) {
  const customers = await db.customer.findMany({
    where: { programId },
    select: {
      externalId: true,
      id: true,
      tier: { select: { tierCode: true } },
      accounts: { select: { kind: true, available: true, held: true, lots: { select: { remaining: true, expiresAt: true, availableAt: true } } } },
      achievements: { select: { code: true, title: true, earnedAt: true } },
    },
  });
  const out: Record<string, unknown> = {};
  for (const c of customers) {
    const acc = Object.fromEntries(c.accounts.map((a) => [a.kind, a]));
    out[c.externalId ?? c.id] = {
      main: acc.main ? acc.main.available + acc.main.held : 0,
      promo: acc.promo ? acc.promo.available + acc.promo.held : 0,
      lots: c.accounts
        .flatMap((a) => a.lots.filter((l) => l.remaining > 0).map((l) => [a.kind, l.remaining, l.expiresAt?.toISOString() ?? null, l.availableAt?.toISOString() ?? null].join(" ")))
        .sort(),
      tier: c.tier?.tierCode ?? null,
      achievements: c.achievements.map((x) => [x.code, x.title, x.earnedAt.toISOString()].join(" ")).sort(),
    };
  }
  return out;
}

describe("export → import", () => {
  it("gives identical balances, lots, statuses and achievements in an empty database", { timeout: 180_000 }, async () => {
    clearProgramCache();
    const json = { ...(referenceProgramJson("sportswear-retailer") as { stores: { code: string }[]; tiers: { code: string }[] }), code: uniq("roundtrip") };
    const since = new Date(Date.now() - 3 * 365 * 86_400_000);
    const a = (await applyProgram(testDb(), json, { now: since })).programId;
    const legacy = tmp("tribune-legacy-gen-");
    const generated = await generateLegacyFiles({
      dir: legacy,
      customers: 150,
      lotsPerCustomer: 3,
      historyPerCustomer: 5,
      stores: json.stores.map((s) => s.code),
      tiers: json.tiers.map((t) => t.code),
      now: new Date(),
      seed: 11,
      achievements: [["club-5", "5 years in the club"]],
    });
    expect(generated.customers).toBe(150);
    const first = await runImport(testDb(), { databaseUrl: testDatabaseUrl(), programId: a, dir: legacy });
    expect(first.badRows).toBe(0);
    expect(first.counts!.returns).toBeGreaterThan(0);
    expect(first.counts!.promoPoints).toBeGreaterThan(0);
    expect(first.reconciliation!.openingBalanceLots).toBeGreaterThan(0);
    expect(first.reconciliation!.trimmedCustomers).toBeGreaterThan(0);
    const before = await state(testDb(), a);
    expect(Object.values(before).some((c) => (c as { lots: string[] }).lots.some((l) => !l.includes(" null ")))).toBe(true);

    const out = tmp("tribune-export-");
    const counts = await exportProgram(testDatabaseUrl(), a, out);
    expect(counts["customers.csv"]).toBe(150);
    expect(readFileSync(path.join(out, "customers.csv"), "utf8").split("\r\n")[0]).toBe(
      "external_id,phone,email,first_name,last_name,birth_date,registered_at,card_number,tier,tier_since,legacy_balance,consent_sms,consent_email",
    );

    // An empty database: migrations and the same program definition, nothing else.
    const scratch = await scratchDatabase();
    const other = createDb(scratch.url);
    cleanup.push(async () => {
      await other.$disconnect();
      await scratch.drop();
    });
    await migrate(scratch.url);
    clearProgramCache();
    const b = (await applyProgram(other, json, { now: since })).programId;
    const second = await runImport(other, { databaseUrl: scratch.url, programId: b, dir: out });
    expect(second.badRows).toBe(0);
    expect(second.written).toBe(true);
    expect(second.reconciliation!.differing).toBe(0);
    expect(await state(other, b)).toEqual(before);
    expect((await checkLedger(other, { programId: b })).discrepancies).toEqual([]);
    expect((await checkLedger(testDb(), { programId: a })).discrepancies).toEqual([]);
  });
});

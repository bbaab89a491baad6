// The what-if replay (lib/simulation) on real PostgreSQL: receipts and visits made through the
// real POS path, then replayed. The version in force gives back exactly what the till recorded —
// points per receipt, redemptions and every customer's status —; a draft with doubled earn rates
// about doubles the points; a simulation writes nothing but its own row; a bad draft is refused.
import { beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { definitionAt } from "@/lib/program/in-force";
import { createSimulation, runQueuedSimulations, simulationView } from "@/lib/simulation/store";
import { defaultWorkers, simulateProgram } from "@/lib/simulation/run";
import { env } from "@/lib/env";
import os from "node:os";
import { line, post, receiptNo, registerCustomer, setupProgram, useTestDatabase, type TestProgram } from "../pos/harness";
import { testDatabaseUrl, testDb } from "../db";
import { uniq } from "../factories";

let fc: TestProgram;
let customers: string[] = [];
let now: Date;
const db = () => testDb();

async function receipt(store: string, card: string, lines: ReturnType<typeof line>[], redeemPoints = 0) {
  const r = await post("/purchases", fc.keys[store], { customer: { card }, receipt: { number: receiptNo() }, lines, redeemPoints });
  if (r.status !== 201) throw new Error(`receipt failed: ${JSON.stringify(r.body)}`);
  return r.body;
}
async function visit(card: string) {
  const r = await post("/visits", fc.keys["stadium-gates"], { customer: { card }, eventCode: uniq("match") });
  if (r.status !== 200 && r.status !== 201) throw new Error(`visit failed: ${JSON.stringify(r.body)}`);
}

async function draftOf(change: (def: Record<string, any>) => void = () => {}) {
  const { definition } = await definitionAt(db(), fc.programId, now);
  const draft = JSON.parse(JSON.stringify(definition));
  change(draft);
  return draft;
}

const LEDGER_TABLES = ["Account", "LedgerEntry", "Lot", "Hold", "Purchase", "PurchaseLine", "Visit", "TierMetric", "CustomerTier", "TierChange"] as const;
/** This test program's rows only: other test files write to the shared database at the same time. */
async function counts() {
  const out: Record<string, number> = {};
  for (const t of LEDGER_TABLES) out[t] = Number((await db().$queryRawUnsafe<{ n: bigint }[]>(`select count(*) as n from "${t}" where "programId" = $1`, fc.programId))[0].n);
  return out;
}

beforeAll(async () => {
  useTestDatabase();
  fc = await setupProgram("football-club");
  const shop = "stadium-shop";
  // A: spends and goes to two matches → regular; then spends points.
  const a = await registerCustomer(fc.keys[shop]);
  await receipt(shop, a.card, [line(1, 400000, "merch")]);
  await visit(a.card);
  await visit(a.card);
  await receipt(shop, a.card, [line(1, 200000, "merch"), line(2, 150000, "ticket")]);
  await receipt(shop, a.card, [line(1, 90000, "merch")], 100);
  // B: small receipts only, one at the partner pub.
  const b = await registerCustomer(fc.keys[shop]);
  await receipt(shop, b.card, [line(1, 12345, "merch", 3)]);
  await receipt("pub-arbat", b.card, [line(1, 250000, "food")]);
  // C: a season-ticket holder: six matches and 2,000,000 → supporter, spends most of the points.
  const c = await registerCustomer(fc.keys[shop]);
  await receipt("ticket-office", c.card, [line(1, 1_800_000, "season-ticket")]);
  for (let i = 0; i < 6; i++) await visit(c.card);
  await receipt(shop, c.card, [line(1, 300000, "merch")]);
  const before = (await db().account.findFirstOrThrow({ where: { customerId: c.id, kind: "main" } })).available;
  await receipt(shop, c.card, [line(1, 500000, "merch")], Math.min(before, 2000));
  customers = [a.id, b.id, c.id];
  now = new Date(Date.now() + 1000);
}, 120_000);

describe("what-if replay", () => {
  it("replaying the version in force gives exactly what the till recorded: points per receipt, redemptions, statuses", async () => {
    const perReceipt: { recorded: number; replayed: number; recordedRedeemed: number; replayedRedeemed: number }[] = [];
    const tiers = new Map<string, { current: string; draft: string }>();
    const result = await simulateProgram(
      db(),
      { programId: fc.programId, draft: await draftOf(), months: 12, now },
      {
        hooks: {
          onReceipt: (e, cur) =>
            perReceipt.push({ recorded: e.pointsEarned, replayed: cur.totals.pointsEarned, recordedRedeemed: e.pointsRedeemed - e.promoPointsRedeemed, replayedRedeemed: cur.totals.pointsRedeemed }),
          onCustomer: (id, current, draft) => tiers.set(id, { current, draft }),
        },
        batch: 2, // several pages of customers
      },
    );
    expect(perReceipt).toHaveLength(8);
    for (const r of perReceipt) {
      expect(r.replayed).toBe(r.recorded);
      expect(r.replayedRedeemed).toBe(r.recordedRedeemed);
    }
    expect(perReceipt.some((r) => r.recordedRedeemed > 0)).toBe(true);
    expect(perReceipt.filter((r) => r.recorded > 0).length).toBeGreaterThan(5);
    expect(result.receipts).toBe(8);
    expect(result.visits).toBe(8);
    expect(result.customers).toBe(3);
    expect(result.current.issued).toBe(result.recorded.issued);
    expect(result.current.redeemed).toBe(result.recorded.redeemed);
    expect(result.draft).toEqual(result.current);
    expect(result.statusChanged).toBe(0);
    expect(result.mostAffected).toEqual([]);

    const rows = await db().customerTier.findMany({ where: { customerId: { in: customers } } });
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(tiers.get(row.customerId)?.current).toBe(row.tierCode);
    expect(new Set(rows.map((r) => r.tierCode)).size).toBeGreaterThan(1);
    expect(result.current.statuses).toMatchObject(Object.fromEntries(rows.map((r) => [r.tierCode, rows.filter((x) => x.tierCode === r.tierCode).length])));
  });

  it("a draft with doubled earn rates issues about twice the points and raises the liability more; the ledger is untouched", async () => {
    const draft = await draftOf((d) => {
      for (const t of d.tiers) t.earnRate *= 2;
      for (const p of d.partners) if (p.earnRate) p.earnRate *= 2;
    });
    const before = await counts();
    const id = await createSimulation(db(), { programId: fc.programId, staffUserId: null, draft, months: 12 });
    expect((await simulationView(db(), fc.programId, id))?.status).toBe("queued");
    const ran = await runQueuedSimulations(db(), now);
    expect(ran).toMatchObject({ ran: 1, failed: 0 });
    const view = await simulationView(db(), fc.programId, id);
    expect(view).toMatchObject({ status: "succeeded", progress: 1000, months: 12 });
    const r = view!.result!;
    expect(r.current.issued).toBeGreaterThan(0);
    const ratio = r.draft.issued / r.current.issued;
    expect(ratio).toBeGreaterThan(1.9);
    expect(ratio).toBeLessThan(2.1);
    expect(r.draft.liabilityChange).toBeGreaterThan(r.current.liabilityChange);
    expect(r.mostAffected.length).toBe(3);
    expect(r.mostAffected[0].delta).toBeGreaterThanOrEqual(r.mostAffected[1].delta);
    expect(Object.keys(r.assumptions).sort()).toEqual(["balance", "promotions", "redemptions", "statuses"]);
    expect(await counts()).toEqual(before);
  });

  it("worker threads over key ranges of customers give exactly the result of one sequential replay; progress only grows, to 1", async () => {
    const draft = await draftOf((d) => {
      for (const t of d.tiers) t.earnRate *= 2;
      d.tiers[1].qualify = { spend: 1 }; // everyone with a receipt qualifies for the second status
    });
    const input = { programId: fc.programId, draft, months: 12, now };
    const one = await simulateProgram(db(), input, { workers: 1, batch: 1 });
    const fractions: number[] = [];
    const timing = { sqlMs: 0, replayMs: 0 };
    const two = await simulateProgram(db(), input, { workers: 2, databaseUrl: testDatabaseUrl(), batch: 1, timing, onProgress: (f) => void fractions.push(f) });
    const { seconds: _a, threads: oneThreads, ...a } = one;
    const { seconds: _b, threads: twoThreads, ...b } = two;
    expect([oneThreads, twoThreads]).toEqual([1, 2]);
    expect(a.customers).toBe(3);
    expect(a.mostAffected).toHaveLength(3);
    expect(a.statusChanged).toBeGreaterThan(0);
    expect(b).toEqual(a);
    expect(JSON.stringify(b.mostAffected)).toBe(JSON.stringify(a.mostAffected));
    expect(fractions.length).toBeGreaterThan(1);
    for (let i = 1; i < fractions.length; i++) expect(fractions[i]).toBeGreaterThan(fractions[i - 1]);
    expect(fractions.at(-1)).toBe(1);
    expect(timing.sqlMs + timing.replayMs).toBeGreaterThan(0);
  }, 300_000); // each worker thread loads the code through tsx: seconds on a loaded machine

  it("the console's job runs on worker threads, also inside the Next.js server, with exactly the one-thread result", async () => {
    const draft = await draftOf((d) => {
      for (const t of d.tiers) t.earnRate *= 3;
    });
    const saved = process.env.NEXT_RUNTIME;
    process.env.NEXT_RUNTIME = "nodejs"; // as in the demo's web process, whose in-process job worker runs "Simulate"
    try {
      expect(defaultWorkers()).toBe(env().TRIBUNE_SIMULATION_WORKERS ?? os.availableParallelism());
      const id = await createSimulation(db(), { programId: fc.programId, staffUserId: null, draft, months: 12 });
      expect(await runQueuedSimulations(db(), now, { databaseUrl: testDatabaseUrl(), workers: 2 })).toMatchObject({ ran: 1, failed: 0 });
      const view = await simulationView(db(), fc.programId, id);
      expect(view).toMatchObject({ status: "succeeded", progress: 1000 });
      const { seconds: _a, threads: threadsTwo, ...two } = view!.result!;
      expect(threadsTwo).toBe(2);
      const { seconds: _b, threads: threadsOne, ...one } = await simulateProgram(db(), { programId: fc.programId, draft, months: 12, now }, { workers: 1 });
      expect(threadsOne).toBe(1);
      expect(two).toEqual(JSON.parse(JSON.stringify(one)));
      expect(two.customers).toBe(3);
    } finally {
      if (saved === undefined) delete process.env.NEXT_RUNTIME;
      else process.env.NEXT_RUNTIME = saved;
    }
  }, 300_000);

  it("a bad draft gets a clear validation error and creates nothing", async () => {
    const n = await db().programSimulation.count({ where: { programId: fc.programId } });
    const bad = await draftOf((d) => {
      d.tiers[0].earnRate = -5;
      delete d.timezone;
    });
    const err = await createSimulation(db(), { programId: fc.programId, staffUserId: null, draft: bad, months: 12 }).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe("invalid_request");
    const paths = (err.details ?? []).map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(["tiers[0].earnRate", "timezone"]));
    const other = await createSimulation(db(), { programId: fc.programId, staffUserId: null, draft: await draftOf((d) => (d.code = "someone-else")), months: 12 }).catch((e) => e);
    expect(other.code).toBe("invalid_request");
    const months = await createSimulation(db(), { programId: fc.programId, staffUserId: null, draft: await draftOf(), months: 0 }).catch((e) => e);
    expect(months.code).toBe("invalid_request");
    expect(await db().programSimulation.count({ where: { programId: fc.programId } })).toBe(n);
  });
});

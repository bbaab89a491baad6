// What a confirm costs is its round trips to PostgreSQL (docs/benchmarks.md, "Confirm in one
// write"): a member's committed receipt is `begin`, the terminal key (checked against the one the
// process saw last) and ONE statement that finds the customer, locks the accounts and reads under
// the locks (tribune_lock_for_receipt) in one round trip, then ONE write (receipt, lines, lots,
// entries, balances, metrics) with `commit`. These tests keep that an
// upper bound, and check that the reads after the locks see what a receipt that held the locks
// first committed (a due lot expires once, metrics add up) when many receipts of one customer queue.
import pg from "pg";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { checkLedger } from "@/lib/ledger/check-ledger";
import { definitionAt } from "@/lib/program/in-force";
import { applyPromotionsFile } from "@/lib/promotions/store";
import { resolveCustomer } from "@/lib/purchases/customer";
import { readForPricingByCard } from "@/lib/purchases/pricing-reads";
import { testDatabaseUrl, testDb } from "../db";
import { line, post, receiptNo, registerCustomer, setupProgram, useTestDatabase, type TestProgram } from "./harness";

let fc: TestProgram;
let key: string;

beforeAll(async () => {
  useTestDatabase();
  fc = await setupProgram("football-club");
  key = fc.keys[Object.keys(fc.keys).find((c) => c === "stadium-shop") ?? Object.keys(fc.keys)[0]];
});

// Every statement any pg client of this process sends (the app's Prisma pool and the POS raw pool alike).
const original = pg.Client.prototype.query;
let sent: string[] | null = null;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  const first = args[0] as string | { text?: string };
  const text = (typeof first === "string" ? first : (first?.text ?? "")).replace(/\s+/g, " ").trim();
  // A statement sent with `commit` is known by its end.
  sent?.push(text.length > 170 ? `${text.slice(0, 140)}…${text.slice(-12)}` : text);
  return (original as (...a: unknown[]) => unknown).apply(this, args);
} as typeof pg.Client.prototype.query;
afterEach(() => {
  sent = null;
});

/** The statements of the fewest-statement run of `times` (the program cache re-checks its versions every few seconds). */
async function fewest(times: number, run: () => Promise<void>): Promise<string[]> {
  let best: string[] | null = null;
  for (let i = 0; i < times; i++) {
    sent = [];
    await run();
    if (!best || sent.length < best.length) best = sent;
    sent = null;
  }
  return best!;
}

const basket = (ref: Record<string, string>) => ({ customer: ref, receipt: { number: receiptNo() }, lines: [line(1, 790000, "merch"), line(2, 150000, "merch", 2), line(3, 250000, "ticket")] });

describe("confirm in few round trips", () => {
  it("a member without a promo account: the accounts are created and locked, the reads come after them", async () => {
    const c = await registerCustomer(key);
    await testDb().$executeRaw`delete from "Account" where "customerId" = ${c.id} and kind = 'promo'`;
    const r = await post("/purchases", key, basket({ card: c.card }));
    expect(r.status).toBe(201);
    expect(r.body.totals.pointsEarned).toBeGreaterThan(0);
    const accounts = await testDb().account.findMany({ where: { customerId: c.id }, select: { kind: true, available: true, pending: true } });
    expect(accounts.map((a) => a.kind).sort()).toEqual(["main", "promo"]);
    const main = accounts.find((a) => a.kind === "main")!;
    expect(main.available + main.pending).toBe(r.body.totals.pointsEarned);
    expect((await checkLedger(testDb(), { programId: fc.programId })).discrepancies).toEqual([]);
  });

  it("a member's committed receipt: terminal key with begin and lock + read, then one write with commit", async () => {
    const c = await registerCustomer(key);
    const first = await post("/purchases", key, basket({ card: c.card }));
    expect(first.status).toBe(201);
    for (const ref of [{ card: c.card }, { phone: c.phone }, { id: c.id }] as Record<string, string>[]) {
      const statements = await fewest(3, async () => {
        const r = await post("/purchases", key, basket(ref));
        expect(r.status).toBe(201);
        expect(r.body.totals.pointsEarned).toBeGreaterThan(0);
      });
      // `begin`, the terminal key (checked against the key this process saw last) and the lock + read;
      // the one write with `commit`, its plans generic (lib/db/raw-pool.ts, lib/pos/terminal-auth.ts,
      // lib/purchases/write-receipt.ts `genericPlansForWrite`).
      expect(statements.length, `${JSON.stringify(ref)}:\n${statements.join("\n")}`).toBeLessThanOrEqual(2);
      expect(statements[0]).toMatch(/^begin; execute "tr_[0-9a-f]+"\('[0-9a-f]{40}/);
      expect(statements[1]).toMatch(/^set local plan_cache_mode = force_generic_plan; set local enable_seqscan = off; execute "tr_[0-9a-f]+"\(.*; commit$/);
    }
    const [acc] = await testDb().$queryRaw<{ available: number }[]>`select available from "Account" where "customerId" = ${c.id} and kind = 'main'`;
    const [sum] = await testDb().$queryRaw<{ earned: bigint }[]>`select sum("pointsEarned") as earned from "Purchase" where "customerId" = ${c.id}`;
    expect(acc.available).toBe(Number(sum.earned));
    expect((await checkLedger(testDb(), { programId: fc.programId })).discrepancies).toEqual([]);
  });

  it("POS_REMEMBER_TERMINALS=0: the terminal key in a round trip of its own, then begin with lock + read, then the write with commit", async () => {
    const c = await registerCustomer(key);
    process.env.POS_REMEMBER_TERMINALS = "0";
    resetEnvCache();
    try {
      const statements = await fewest(3, async () => {
        const r = await post("/purchases", key, basket({ card: c.card }));
        expect(r.status).toBe(201);
      });
      expect(statements.length, statements.join("\n")).toBe(3);
      expect(statements[0]).toMatch(/^select t\.id as "terminalId"/);
      expect(statements[1]).toMatch(/^begin; execute "tr_[0-9a-f]+"\('prg_/);
      expect(statements[2]).toMatch(/; commit$/);
    } finally {
      delete process.env.POS_REMEMBER_TERMINALS;
      resetEnvCache();
    }
  });

  it("calculate by card: the terminal key and one read (customer, balances, status, metrics, limits); the same answer as by phone and id", async () => {
    const c = await registerCustomer(key);
    expect((await post("/purchases", key, basket({ card: c.card }))).status).toBe(201);
    const answers: Record<string, unknown>[] = [];
    for (const ref of [{ card: c.card }, { phone: c.phone }, { id: c.id }] as Record<string, string>[]) {
      const statements = await fewest(3, async () => {
        const r = await post("/purchases/calculate", key, { ...basket(ref), receipt: { number: "CALC-1" } });
        expect(r.status).toBe(200);
        answers.push(r.body);
      });
      // By card: the lookup is in the one read; by phone or id it is a statement of its own.
      expect(statements.length, `${JSON.stringify(ref)}:\n${statements.join("\n")}`).toBeLessThanOrEqual("card" in ref ? 2 : 3);
    }
    expect(answers[0].customer).toEqual({ id: c.id, tier: expect.any(String), balances: { main: expect.any(Number), promo: 0 } });
    expect((answers[0].customer as { balances: { main: number } }).balances.main).toBeGreaterThan(0);
    for (const a of answers) expect(a).toEqual(answers[0]);
    // The one read finds the customer by card with resolveCustomer's columns, value for value.
    const now = new Date();
    const { definition } = await definitionAt(testDb(), fc.programId, now);
    const byCard = await readForPricingByCard(testDb(), fc.programId, c.card, definition, now, { counted: [], perCustomer: [] });
    expect(byCard.customer).toEqual(await resolveCustomer(testDb(), fc.programId, { card: c.card }));
    // A card that is not active, or of another program, finds nobody (as the lookup by card did).
    await testDb().$executeRaw`update "Card" set status = 'blocked' where number = ${c.card}`;
    try {
      const r = await post("/purchases/calculate", key, basket({ card: c.card }));
      expect(r.status).toBe(404);
      expect(r.body.error.code).toBe("customer_not_found");
    } finally {
      await testDb().$executeRaw`update "Card" set status = 'active' where number = ${c.card}`;
    }
    const unknown = await post("/purchases/calculate", key, basket({ card: "2999999999999" }));
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe("customer_not_found");
  });

  it("20 receipts of one customer at once: the reads after the locks see the receipts before them", async () => {
    const c = await registerCustomer(key);
    expect((await post("/purchases", key, basket({ card: c.card }))).status).toBe(201);
    // The first receipt's lot falls due: the first receipt to get the locks expires it, the others must not again.
    await testDb().$executeRaw`update "Lot" set "expiresAt" = now() - interval '1 minute' where "customerId" = ${c.id}`;
    const answers = await Promise.all(Array.from({ length: 20 }, () => post("/purchases", key, basket({ card: c.card }))));
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 201));
    const [expiry] = await testDb().$queryRaw<{ n: bigint }[]>`select count(*) as n from "LedgerEntry" where "customerId" = ${c.id} and type = 'expiry'`;
    expect(Number(expiry.n)).toBe(1);
    const [m] = await testDb().$queryRaw<{ purchases: bigint }[]>`select sum(purchases) as purchases from "TierMetric" where "customerId" = ${c.id} and "periodKey" not like 'd%'`;
    expect(Number(m.purchases)).toBe(21);
    expect((await checkLedger(testDb(), { programId: fc.programId })).discrepancies).toEqual([]);
  });
});

describe("a member's promotion limits in the one write", () => {
  let pr: TestProgram;
  let tills: string[];
  beforeAll(async () => {
    pr = await setupProgram("football-club");
    tills = Object.values(pr.keys);
  });
  const members = (n: number) => Promise.all(Array.from({ length: n }, (_, i) => registerCustomer(tills[i % tills.length])));

  it("20 members at once against a total of 5: exactly 5 get it, in savepoint + one write", async () => {
    await applyPromotionsFile(testDb(), {
      program: pr.code,
      promotions: [{ code: "first-five", name: "First five", limits: { total: 5, perCustomer: { uses: 2, period: "month" } }, effect: { type: "amountOff", amount: 5000 } }],
    });
    const fans = await members(20);
    const answers = await Promise.all(fans.map((f, i) => post("/purchases", tills[i % tills.length], basket({ card: f.card }))));
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 201));
    const got = answers.filter((a) => a.body.appliedPromotions.some((p: { code: string }) => p.code === "first-five"));
    expect(got).toHaveLength(5);
    const promo = await testDb().promotion.findUniqueOrThrow({ where: { programId_code: { programId: pr.programId, code: "first-five" } } });
    expect({ uses: promo.uses, money: Number(promo.moneyUsed) }).toEqual({ uses: 5, money: 25000 });
    const [rows] = await testDb().$queryRaw<{ n: bigint }[]>`select count(*) as n from "PurchasePromotion" where "promotionId" = ${promo.id}`;
    expect(Number(rows.n)).toBe(5);
    expect((await checkLedger(testDb(), { programId: pr.programId })).discrepancies).toEqual([]);
    // Used up: the next receipt is priced without it, and still one write.
    const statements = await fewest(3, async () => {
      const r = await post("/purchases", tills[0], basket({ card: fans[0].card }));
      expect(r.status).toBe(201);
    });
    // `begin` with the terminal key and the lock + read; `savepoint receipt_write`, the generic plans, the one write and `commit` in one string.
    expect(statements.length, statements.join("\n")).toBeLessThanOrEqual(2);
    expect(statements[1]).toMatch(/^savepoint receipt_write; set local plan_cache_mode = force_generic_plan; set local enable_seqscan = off; execute "tr_[0-9a-f]+"\(.*; commit$/);
  });

  it("a total used up while a member's receipt was written: the commit sent with the write refuses it (TR001), the receipt is written again without it", async () => {
    // A program of its own: no per-customer limit anywhere, so nothing can refuse in the write.
    const own = await setupProgram("football-club");
    const till = Object.values(own.keys)[0];
    await applyPromotionsFile(testDb(), {
      program: own.code,
      promotions: [{ code: "member-last", name: "Member last", limits: { total: 1 }, effect: { type: "amountOff", amount: 7000 } }],
    });
    const fan = await registerCustomer(till);
    // Warm the tills' connections: the write goes with `commit` once it is prepared there.
    for (let i = 0; i < 3; i++) expect((await post("/purchases", till, basket({ card: fan.card }))).status).toBe(201);
    await testDb().$executeRaw`update "Promotion" set uses = 0, "moneyUsed" = 0 where "programId" = ${own.programId} and code = 'member-last'`;
    const other = new pg.Client({ connectionString: testDatabaseUrl() });
    await other.connect();
    try {
      // Another receipt took the last use and has not committed: this one prices with one left, its
      // write + commit waits on the counter row at commit, then finds it used up.
      await other.query("begin");
      await other.query(`update "Promotion" set uses = uses + 1, "moneyUsed" = "moneyUsed" + 7000 where "programId" = $1 and code = 'member-last'`, [own.programId]);
      sent = [];
      const answer = post("/purchases", till, basket({ card: fan.card }));
      await new Promise((r) => setTimeout(r, 400));
      await other.query("commit");
      const r = await answer;
      const statements = sent;
      sent = null;
      expect(r.status).toBe(201);
      expect(r.body.appliedPromotions.map((p: { code: string }) => p.code)).not.toContain("member-last");
      expect(statements.filter((s) => s.endsWith("; commit")).length, statements.join("\n")).toBe(2);
      expect(statements.filter((s) => s === "rollback")).toHaveLength(1);
      const purchase = await testDb().purchase.findFirstOrThrow({ where: { id: r.body.purchaseId }, select: { discount: true } });
      expect(purchase.discount).toBe(0);
      const promo = await testDb().promotion.findUniqueOrThrow({ where: { programId_code: { programId: own.programId, code: "member-last" } } });
      expect({ uses: promo.uses, money: Number(promo.moneyUsed) }).toEqual({ uses: 1, money: 7000 });
      expect((await checkLedger(testDb(), { programId: own.programId })).discrepancies).toEqual([]);
    } finally {
      await other.end();
    }
  });

  it("a shared code with 3 uses, 10 members at once: 3 get it", async () => {
    await applyPromotionsFile(testDb(), {
      program: pr.code,
      promotions: [{ code: "three", name: "Three", trigger: "code", codes: { shared: "THREE", perCode: { maxUses: 3 } }, effect: { type: "amountOff", amount: 7000 } }],
    });
    const fans = await members(10);
    const answers = await Promise.all(fans.map((f, i) => post("/purchases", tills[i % tills.length], { ...basket({ card: f.card }), promoCodes: ["three"] })));
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 201));
    expect(answers.filter((a) => a.body.promoCodes[0].status === "applied")).toHaveLength(3);
    const [code] = await testDb().$queryRaw<{ uses: number }[]>`select uses from "PromoCode" where "programId" = ${pr.programId} and code = 'THREE'`;
    expect(code.uses).toBe(3);
    // The seven refused in the write (SQLSTATE TR002, before the commit sent with it) were written again without the code.
    const [rows] = await testDb().$queryRaw<
      { n: bigint }[]
    >`select count(*) as n from "PurchasePromotion" where "promoCodeId" = (select id from "PromoCode" where "programId" = ${pr.programId} and code = 'THREE')`;
    expect(Number(rows.n)).toBe(3);
    expect((await checkLedger(testDb(), { programId: pr.programId })).discrepancies).toEqual([]);
  });
});

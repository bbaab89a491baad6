// Issue 17: every query the tills, the cabinet and the console run on their hot paths stays on an
// index. A scratch database gets a program's worth of history (test/hot-query-fill.ts) and ANALYZE;
// then the real code runs — the POS API's route handlers, the cabinet's and Customer 360's domain
// calls, the customer search, a segment count, the message queue's claim — while every statement
// it sends is captured with its parameters (test/query-plans.ts). Each is EXPLAINed (and a
// prepared statement's generic plan too); a sequential scan of a large table fails the test with
// the statement and its plan.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { customerEngagement, customerHistory, customerLedger, customerReceipts, customerAudit, loadCustomer, mergeOf } from "@/lib/admin/customer-360";
import { segmentsOfCustomer } from "@/lib/admin/customer-segments";
import { searchCustomers } from "@/lib/admin/customer-search";
import { runDeliverMessages } from "@/lib/communications/deliver";
import { memberMessages } from "@/lib/communications/member-messages";
import { pointsSummary } from "@/lib/customers/balances";
import { getReceipt, listLedger, listReceipts } from "@/lib/customers/history";
import { myCodes } from "@/lib/customers/offers";
import { db, disconnectDb } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { rawPool } from "@/lib/db/raw-pool";
import { resetEnvCache } from "@/lib/env";
import { createId } from "@/lib/ids";
import { promoBalancesView } from "@/lib/ledger/promo-balances";
import { hashTerminalKey } from "@/lib/pos/terminal-auth";
import { applyProgram } from "@/lib/program/apply-program";
import { clearProgramCache, definitionAt } from "@/lib/program/in-force";
import { referenceProgramJson } from "@/lib/rules/reference-programs";
import { countSegment, segmentContext } from "@/lib/segments/run";
import type { SegmentDefinition } from "@/lib/segments/definition";
import { customerTierView } from "@/lib/tiers/progress";
import { periodAt } from "@/lib/time";
import { scratchDatabase } from "./db";
import { ensureMonthPartitions, monthStart } from "@/lib/db/partitions";
import { bulkCustomer, fillProgram, type FillSize } from "./hot-query-fill";
import { get, line, newPhone, post, receiptNo } from "./pos/harness";
import { as, distinct, findSeqScans, startCapture, stopCapture, type Captured } from "./query-plans";

/** Tables that grow with members and their activity: a sequential scan of one of these is a bug. */
const LARGE = new Set([
  "Customer",
  "Card",
  "Account",
  "Lot",
  "LotAllocation",
  "Hold",
  "LedgerEntry",
  "Purchase",
  "PurchaseLine",
  "PurchaseReturn",
  "ReceiptKey",
  "Visit",
  "VisitKey",
  "CustomerTier",
  "TierMetric",
  "TierChange",
  "Message",
  "OutboxMessage",
  "AuditLog",
  "IdempotencyKey",
]);

/**
 * Statements that may scan a large table, each with the reason. A statement matches when its
 * path equals `path` and its text contains `contains`.
 */
const ALLOWED: { path: string; contains: string; why: string }[] = [
  {
    path: "console: customer list",
    contains: `select count(*) as n from (select 1 from "Customer" c where`,
    why:
      "the unfiltered list's total is capped (COUNT_CAP + 1 rows, lib/admin/customer-search.ts): it stops after 10,001 rows of the " +
      "program whichever way it reads them, and when one program is the whole table a sequential read is the cheapest way; " +
      "with a filter, or a program among others, the count takes the program's indexes",
  },
];

const SIZE: FillSize = { customers: 30_000, receiptsPer: 5, visitsPer: 2, messagesPer: 3 };

let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
let admin: pg.Client;
let savedUrl: string | undefined;
let programId = "";
let key = "";
let captured: Captured[] = [];

beforeAll(async () => {
  scratch = await scratchDatabase();
  await migrate(scratch.url);
  savedUrl = process.env.DATABASE_URL;
  process.env.DATABASE_URL = scratch.url;
  resetEnvCache();
  clearProgramCache();
  admin = new pg.Client({ connectionString: scratch.url });
  await admin.connect();

  const applied = await applyProgram(db(), referenceProgramJson("football-club"), { now: new Date("2020-01-01T00:00:00Z") });
  programId = applied.programId;
  const stores = await db().store.findMany({ where: { programId, partnerId: null }, orderBy: { code: "asc" } });
  const shop = stores.find((s) => s.code === "stadium-shop")!;
  key = `trm_test_${randomBytes(16).toString("hex")}`;
  const terminal = await db().terminal.create({ data: { id: createId("trm"), programId, storeId: shop.id, name: "till", keyPrefix: key.slice(0, 13), keyHash: hashTerminalKey(key) } });
  const now = new Date();
  const { definition, versionId } = await definitionAt(db(), programId, now);
  const period = periodAt(definition.qualification.period, definition.timezone, now);
  // The fill writes two years of ledger entries: their months exist first, as on a database that had
  // them before the partitioning migration (which creates a month for every entry's) and ran the
  // ledger-partitions job since, so the plans read monthly partitions, not the default one.
  const months = 25;
  await ensureMonthPartitions(db(), "LedgerEntry", "at", monthStart(now, -months), months + 12);
  // Visits go back 20,000 hours (about 28 months): their months too, as the visit-partitions job keeps them.
  const visitMonths = 29;
  await ensureMonthPartitions(db(), "Visit", "at", monthStart(now, -visitMonths), visitMonths + 12);
  // Receipts (and their lines) go back about 23 months (1,000,000 minutes): their months too, as the purchase-partitions job keeps them.
  const receiptMonths = 24;
  await ensureMonthPartitions(db(), "Purchase", "at", monthStart(now, -receiptMonths), receiptMonths + 12);
  await ensureMonthPartitions(db(), "PurchaseLine", "purchaseAt", monthStart(now, -receiptMonths), receiptMonths + 12);
  await fillProgram(
    admin,
    {
      programId,
      versionId,
      storeIds: stores.map((s) => s.id),
      terminalId: terminal.id,
      tierCodes: definition.tiers.map((t) => t.code),
      periodKey: period.key,
      periodStart: period.start,
      now,
    },
    SIZE,
  );
  captured = await runHotPaths();
}, 420_000);

afterAll(async () => {
  stopCapture();
  await admin?.end();
  await disconnectDb();
  await rawPool().end();
  if (savedUrl === undefined) delete process.env.DATABASE_URL;
  else process.env.DATABASE_URL = savedUrl;
  resetEnvCache();
  clearProgramCache();
  await scratch?.drop();
});

async function ok<T extends { status: number; body: unknown }>(what: string, answer: Promise<T>, status = [200, 201]): Promise<T> {
  const a = await answer;
  if (!status.includes(a.status)) throw new Error(`${what}: ${a.status} ${JSON.stringify(a.body)}`);
  return a;
}

/** Runs every hot path once on a bulk member and returns the statements they sent, labelled. */
async function runHotPaths(): Promise<Captured[]> {
  const fan = bulkCustomer(12_345);
  const other = bulkCustomer(23_456);
  const customer = { id: fan.id, programId };
  const now = new Date();
  startCapture();

  // The processing API, through its route handlers (lib/pos/operations.ts).
  await as("pos: lookup by phone", () => ok("lookup", get(`/customers/lookup?phone=${encodeURIComponent(fan.phone)}`, key)));
  await as("pos: lookup by card", () => ok("lookup", get(`/customers/lookup?card=${fan.card}`, key)));
  await as("pos: lookup by QR", () => ok("lookup", get(`/customers/lookup?qr=${fan.qr}`, key)));
  const basket = { customer: { card: fan.card }, lines: [line(1, 150000, "merch"), line(2, 50000, "merch")], redeemPoints: 20 };
  await as("pos: calculate", () => ok("calculate", post("/purchases/calculate", key, { ...basket, receipt: { number: receiptNo() } })));
  const sale = await as("pos: confirm", () => ok("confirm", post("/purchases", key, { ...basket, receipt: { number: receiptNo() } }, randomBytes(8).toString("hex"))));
  const held = await as("pos: hold", () => ok("hold", post("/purchases", key, { ...basket, receipt: { number: receiptNo() }, hold: { ttlSeconds: 600 } })));
  await as("pos: commit", () => ok("commit", post(`/purchases/${held.body.purchaseId}/commit`, key, {})));
  const held2 = await as("pos: hold", () => ok("hold", post("/purchases", key, { ...basket, receipt: { number: receiptNo() }, hold: { ttlSeconds: 600 } })));
  await as("pos: void", () => ok("void", post(`/purchases/${held2.body.purchaseId}/void`, key, {})));
  await as("pos: return", () => ok("return", post(`/purchases/${sale.body.purchaseId}/returns`, key, { returnNumber: "RET-HQ", lines: [{ lineNo: 2, quantity: 1 }] })));
  const toCancel = await ok("confirm", post("/purchases", key, { customer: { card: other.card }, receipt: { number: receiptNo() }, lines: [line(1, 90000, "merch")] }));
  await as("pos: cancel", () => ok("cancel", post(`/purchases/${toCancel.body.purchaseId}/cancel`, key, {})));
  await as("pos: visit", () => ok("visit", post("/visits", key, { customer: { card: fan.card }, eventCode: "MATCH-HQ" })));
  const phone = newPhone();
  const reg = await as("pos: register", () => ok("register", post("/customers", key, { phone, firstName: "Anna" })));
  const sms = await db().outboxMessage.findFirstOrThrow({ where: { to: phone }, orderBy: { createdAt: "desc" } });
  await as("pos: confirm phone", () => ok("confirm phone", post(`/customers/${reg.body.id}/confirm`, key, { code: /\b(\d{6})\b/.exec(sms.body)![1] })));

  // The cabinet's home and history pages (their domain calls, as the pages make them).
  await as("cabinet: home", () =>
    Promise.all([
      pointsSummary(db(), fan.id),
      customerTierView(db(), fan.id, undefined, "ru"),
      listReceipts(db(), customer, { pageSize: 3 }),
      myCodes(db(), { programId, customerId: fan.id, at: now, locale: "ru", currency: "RUB" }),
    ]),
  );
  await as("cabinet: history", async () => {
    const list = await listReceipts(db(), customer, { page: 1 });
    await listLedger(db(), fan.id, { page: 1 });
    await getReceipt(db(), customer, list.items[0].id);
  });

  // The console: the customer list and its search, Customer 360, a segment's count.
  const list = { sort: { id: "createdAt" as const, desc: true }, limit: 25, offset: 0 };
  await as("console: customer list", () => searchCustomers(db(), programId, {}, list));
  await as("console: search by phone", () => searchCustomers(db(), programId, { q: fan.phone }, list));
  await as("console: search by card", () => searchCustomers(db(), programId, { q: fan.card }, list));
  await as("console: search by email", () => searchCustomers(db(), programId, { q: fan.email }, list));
  await as("console: search by name", () => searchCustomers(db(), programId, { q: "Surname42" }, list));
  await as("console: customer 360", async () => {
    const c = await loadCustomer(db(), programId, fan.id);
    await mergeOf(db(), fan.id);
    await customerTierView(db(), fan.id, undefined, "en");
    await promoBalancesView(db(), fan.id, now);
    await customerLedger(db(), fan.id, 1);
    await customerReceipts(db(), fan.id, 1);
    await customerHistory(db(), fan.id);
    await customerEngagement(db(), fan.id);
    await segmentsOfCustomer(db(), programId, fan.id);
    await customerAudit(db(), programId, c!, 30);
    await memberMessages(db(), { programId, customerId: fan.id, page: 1 });
  });
  const segment: SegmentDefinition = { kind: "group", op: "and", children: [{ kind: "registeredIn", period: { kind: "lastDays", days: 7 } }] };
  await as("console: segment count", async () => countSegment(db(), await segmentContext(db(), programId, now), segment));

  // The deliver-messages job's claim (and the gates of its batch).
  await db().message.updateMany({ where: { id: { in: ["msg_hq500", "msg_hq1000"] } }, data: { notBefore: new Date(now.getTime() - 60_000) } });
  await as("job: deliver-messages", () => runDeliverMessages(db(), now, { batch: 10, maxBatches: 1 }));

  return stopCapture();
}

describe("hot queries on a filled database", () => {
  it("the bulk tables are large enough for the planner's choice to mean something", async () => {
    // A partitioned table's rows are its partitions' (pg_partition_root is null for an ordinary table).
    const { rows } = await admin.query<{ relname: string; n: number }>(
      `select r.relname, sum(greatest(c.reltuples, 0))::float8 as n from pg_class c join pg_class r on r.oid = coalesce(pg_partition_root(c.oid), c.oid)
       where c.relkind = 'r' and r.relname = any($1) group by r.relname`,
      [[...LARGE]],
    );
    const small = rows.filter((r) => r.n < 20_000).map((r) => `${r.relname}: ${r.n}`);
    expect(rows).toHaveLength(LARGE.size);
    expect(small).toEqual([]);
  });

  it("the ledger's entries are spread over monthly partitions, not left in the default one", async () => {
    const { rows } = await admin.query<{ name: string; n: number }>(
      `select c.relname as name, c.reltuples::float8 as n from pg_inherits i join pg_class c on c.oid = i.inhrelid where i.inhparent = '"LedgerEntry"'::regclass`,
    );
    expect(rows.find((r) => r.name === "LedgerEntry_default")?.n).toBe(0);
    expect(rows.filter((r) => r.n > 0).length).toBeGreaterThanOrEqual(20);
  });

  it("the visits are spread over monthly partitions, not left in the default one, each with its key", async () => {
    const { rows } = await admin.query<{ name: string; n: number }>(
      `select c.relname as name, c.reltuples::float8 as n from pg_inherits i join pg_class c on c.oid = i.inhrelid where i.inhparent = '"Visit"'::regclass`,
    );
    expect(rows.find((r) => r.name === "Visit_default")?.n).toBe(0);
    expect(rows.filter((r) => r.n > 0).length).toBeGreaterThanOrEqual(20);
    const { rows: orphans } = await admin.query<{ n: number }>(
      `select count(*)::int as n from "Visit" v where not exists (select 1 from "VisitKey" k where k."customerId" = v."customerId" and k."eventCode" = v."eventCode" and k."visitId" = v.id and k."visitAt" = v.at)`,
    );
    expect(orphans[0].n).toBe(0);
  });

  it("the receipts and their lines are spread over monthly partitions, not left in the default ones, each receipt with its key", async () => {
    for (const table of ["Purchase", "PurchaseLine"]) {
      const { rows } = await admin.query<{ name: string; n: number }>(
        `select c.relname as name, c.reltuples::float8 as n from pg_inherits i join pg_class c on c.oid = i.inhrelid where i.inhparent = $1::regclass`,
        [`"${table}"`],
      );
      expect(rows.find((r) => r.name === `${table}_default`)?.n, table).toBe(0);
      expect(rows.filter((r) => r.n > 0).length, table).toBeGreaterThanOrEqual(20);
    }
    const { rows: orphans } = await admin.query<{ n: number }>(
      `select count(*)::int as n from "Purchase" p where not exists (select 1 from "ReceiptKey" k where k."storeId" = p."storeId" and k.number = p.number and k."purchaseId" = p.id and k."purchaseAt" = p.at)`,
    );
    expect(orphans[0].n).toBe(0);
  });

  it("every hot path was captured", () => {
    const paths = new Map<string, number>();
    for (const s of captured) paths.set(s.path, (paths.get(s.path) ?? 0) + 1);
    console.log(`[hot-query-plans] statements per path: ${[...paths].map(([p, n]) => `${p} ${n}`).join(", ")}`);
    for (const n of paths.values()) expect(n).toBeGreaterThan(0);
    expect(paths.size).toBe(23);
    // confirm's lock + read is a PL/pgSQL function: its statements are checked through auto_explain (test/query-plans.ts).
    expect(captured.some((s) => s.path === "pos: confirm" && s.text.includes('"tribune_lock_for_receipt"('))).toBe(true);
  });

  it("no statement reads a large table by a sequential scan", async () => {
    const statements = distinct(captured);
    const findings = (await findSeqScans(admin, statements, LARGE)).filter((f) => !ALLOWED.some((a) => a.path === f.statement.path && f.statement.text.includes(a.contains)));
    const report = findings.map(
      (f) => `${f.statement.path} — Seq Scan on ${f.tables.join(", ")} (${f.kind} plan)\n${f.statement.text.trim()}\nparameters: ${JSON.stringify(f.statement.values)}\n${f.plan}`,
    );
    if (findings.length) console.log(`[hot-query-plans] ${findings.length} of ${statements.length} statements scan a large table:\n\n${report.join("\n\n")}`);
    expect(findings.map((f) => `${f.statement.path}: ${f.kind} plan scans ${f.tables.join(", ")}`)).toEqual([]);
  });
});

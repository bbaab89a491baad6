// What partitioning the receipts adds to a confirm: the server's CPU per receipt (the backend's utime
// + stime from /proc) for the statement lib/purchases/write-receipt.ts runs today (`insertReceipt`: the
// receipt and its lines in one statement, into the partitioned "Purchase" / "PurchaseLine", the key
// claimed by the trigger "Purchase_receipt_key") against the same statement into the tables as they
// were before (unpartitioned, the unique (storeId, number) on the receipt, lines referencing
// Purchase(id), rebuilt here as "PurchaseBefore" / "PurchaseLineBefore" with the same indexes, keys and
// activity / category triggers); and for the lookup of a receipt by id that commit, void, return and
// cancel make (`lockPurchase`: by id alone before, by (id, at) through the key now). Same database,
// 36 months of partitions online as with the default retention, alternating A/B rounds.
//   npm run bench:receipt-key -- [--receipts 10000] [--rounds 3]
// Run under `flock /work/team/bench.lock` on a shared machine.
import { randomBytes } from "node:crypto";
import { loadavg } from "node:os";
import path from "node:path";
import pg from "pg";
import { dropDatabase } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { openDatabase } from "./lib/database";
import { processCpuMs } from "./lib/process-cpu";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const RECEIPTS = arg("receipts", 10_000);
const ROUNDS = arg("rounds", 3);
const CUSTOMERS = 2_000;
const LINES = 3;

/** CPU seconds (user + system) of a server backend (100 clock ticks a second, as Linux reports them). */
const backendCpu = (pid: number): number => processCpuMs(pid, 100)!.ms / 1000;

// insertReceipt's statement (lib/purchases/write-receipt.ts), the till's values as parameters.
const write = (purchase: string, lines: string, withAt: boolean) => `
  with receipt as (
    insert into "${purchase}" (id, "programId", "storeId", "partnerId", "terminalId", "customerId", number, at, status, offline, "programVersionId", "periodKey",
      amount, discount, "pointsRedeemed", "promoPointsRedeemed", "pointsEarned", payable, "holdExpiresAt", "committedAt", "createdAt")
    values ($1, 'prg_bench', 'sto_bench', null, 'trm_bench', $2, $3, $4, 'committed', false, 'pvr_bench', '2026',
      3000, 0, 0, 0, 30, 3000, null, $4, $4)
    returning id, at, "programId", "customerId")
  insert into "${lines}" (id, "programId", "customerId", "purchaseId", ${withAt ? `"purchaseAt", ` : ""}"lineNo", sku, category, name, "quantityMilli", price, amount, discount,
    "pointsRedeemed", "promoPointsRedeemed", "promoPromotionId", "promoVersionId", "pointsEarned", "pointsPending")
  select u.id, r."programId", r."customerId", r.id, ${withAt ? "r.at, " : ""}u.no, u.sku, u.cat, null, 1000, 1000, 1000, 0, 0, 0, null, null, 10, false
  from unnest($5::text[], $6::int[], $7::text[], $8::text[]) as u(id, no, sku, cat), receipt r`;
const WRITE = { before: write("PurchaseBefore", "PurchaseLineBefore", false), now: write("Purchase", "PurchaseLine", true) };
// lockPurchase (lib/purchases/stored-receipt.ts), in one transaction with the lines read as purchaseLines does.
const LOOKUP = {
  before: `select id, at, status::text from "PurchaseBefore" where id = $1 and "programId" = 'prg_bench' for update`,
  now: `select id, at, status::text from "Purchase" where id = $1 and at = (select "purchaseAt" from "ReceiptKey" where "purchaseId" = $1) and "programId" = 'prg_bench' for update`,
};
const LINES_OF = {
  before: `select "lineNo", amount from "PurchaseLineBefore" where "purchaseId" = $1 order by "lineNo"`,
  now: `select "lineNo", amount from "PurchaseLine" where "purchaseId" = $1 and "purchaseAt" = $2 order by "lineNo"`,
};

async function main() {
  const load = () =>
    loadavg()
      .map((x) => x.toFixed(2))
      .join(" / ");
  const name = `tribune_bench_${Date.now().toString(36)}_${randomBytes(2).toString("hex")}`;
  const database = await openDatabase({ dataDir: path.resolve(process.env.TRIBUNE_DATA_DIR || ".data", "postgres-bench"), database: name });
  if (!database.server) throw new Error("bench:receipt-key adds tables of its own: it runs on the embedded bench server only (unset DATABASE_URL)");
  const u = new URL(database.url);
  const c = new pg.Client({ connectionString: u.toString() });
  try {
    await migrate(u.toString());
    await c.connect();
    await c.query(`insert into "Program" (id, code, name, kind, timezone, currency, "updatedAt") values ('prg_bench', 'bench', 'Bench', 'retailer', 'UTC', 'RUB', now())`);
    await c.query(
      `insert into "Customer" (id, "programId", "registrationChannel", "createdAt", "updatedAt") select 'cus_b' || g, 'prg_bench', 'pos', now(), now() from generate_series(1, ${CUSTOMERS}) g`,
    );
    // Three years of months online (the default retention), as a chain's database holds them.
    await c.query(`do $$ declare m timestamptz := date_trunc('month', now() at time zone 'UTC') at time zone 'UTC' - interval '36 months';
      begin while m < date_trunc('month', now() at time zone 'UTC') at time zone 'UTC' loop
        execute format('create table %I partition of "Purchase" for values from (%L) to (%L)', 'Purchase_p' || to_char(m at time zone 'UTC', 'YYYY_MM'), m, m + interval '1 month');
        execute format('create table %I partition of "PurchaseLine" for values from (%L) to (%L)', 'PurchaseLine_p' || to_char(m at time zone 'UTC', 'YYYY_MM'), m, m + interval '1 month');
        m := m + interval '1 month'; end loop; end $$`);
    // The tables of before the partitioning (migrations loyalty_core … customer_category_day, import_indexes).
    await c.query(`create table "PurchaseBefore" (like "Purchase" including defaults including constraints)`);
    await c.query(`alter table "PurchaseBefore" add primary key (id)`);
    await c.query(`create unique index on "PurchaseBefore" ("storeId", number)`);
    await c.query(`create index on "PurchaseBefore" ("customerId", at)`);
    await c.query(`create index on "PurchaseBefore" (status, "holdExpiresAt")`);
    await c.query(`create index on "PurchaseBefore" ("programId", at) include ("customerId", amount, discount) where status = 'committed'`);
    await c.query(`create index on "PurchaseBefore" ("partnerId", at) where "partnerId" is not null`);
    await c.query(`create index on "PurchaseBefore" ("customerId", at) include (amount, discount) where status = 'committed' and "customerId" is not null`);
    await c.query(`alter table "PurchaseBefore" add foreign key ("customerId") references "Customer"(id) on delete restrict on update cascade`);
    await c.query(`create table "PurchaseLineBefore" (like "PurchaseLine" including defaults including constraints)`);
    await c.query(`alter table "PurchaseLineBefore" drop column "purchaseAt"`);
    await c.query(`alter table "PurchaseLineBefore" add primary key (id)`);
    await c.query(`create unique index on "PurchaseLineBefore" ("purchaseId", "lineNo")`);
    await c.query(`alter table "PurchaseLineBefore" add foreign key ("purchaseId") references "PurchaseBefore"(id) on delete restrict on update cascade`);
    await c.query(`alter table "PurchaseLineBefore" add foreign key ("customerId") references "Customer"(id) on delete restrict on update cascade`);
    await c.query(`alter table "PurchaseLineBefore" add foreign key ("programId") references "Program"(id) on delete restrict on update cascade`);
    await c.query(
      `create trigger "PurchaseBefore_activity_insert" after insert on "PurchaseBefore" referencing new table as new_rows for each statement execute function "customer_activity_add_purchases"()`,
    );
    await c.query(`create function "bench_category_add_lines_before"() returns trigger language plpgsql as $$
      begin
        insert into "CustomerCategoryDay" as d ("customerId", "day", "category", "programId", "lines")
        select p."customerId", (p."at" at time zone 'UTC')::date, n."category", min(p."programId"), count(*)
        from new_rows n join "PurchaseBefore" p on p."id" = n."purchaseId"
        where p."status" = 'committed' and p."customerId" is not null
        group by 1, 2, 3 order by 1, 2, 3
        on conflict ("customerId", "day", "category") do update set "lines" = d."lines" + excluded."lines";
        return null;
      end $$`);
    await c.query(
      `create trigger "PurchaseLineBefore_category_insert" after insert on "PurchaseLineBefore" referencing new table as new_rows for each statement execute function "bench_category_add_lines_before"()`,
    );
    const [{ pid }] = (await c.query<{ pid: number }>(`select pg_backend_pid() as pid`)).rows;
    type Row = { cpu: number; wall: number };
    const results: Record<"write" | "lookup", Record<"before" | "now", Row[]>> = { write: { before: [], now: [] }, lookup: { before: [], now: [] } };
    const at = new Date();
    const ids: Record<"before" | "now", string[]> = { before: [], now: [] };
    let seq = 0;
    for (let r = 0; r < ROUNDS; r++) {
      for (const variant of ["before", "now"] as const) {
        const cpu0 = backendCpu(pid);
        const t0 = performance.now();
        for (let i = 0; i < RECEIPTS; i++) {
          seq++;
          const id = `rcp_b${seq}`;
          ids[variant].push(id);
          const no = Array.from({ length: LINES }, (_, k) => k + 1);
          await c.query({
            name: `write_${variant}`,
            text: WRITE[variant],
            values: [id, `cus_b${1 + (seq % CUSTOMERS)}`, `N-${seq}`, at, no.map((k) => `rln_b${seq}_${k}`), no, no.map((k) => `SKU-${k}`), no.map((k) => (k === 1 ? "food" : "merch"))],
          });
        }
        results.write[variant].push({ cpu: backendCpu(pid) - cpu0, wall: performance.now() - t0 });
      }
    }
    for (let r = 0; r < ROUNDS; r++) {
      for (const variant of ["before", "now"] as const) {
        const cpu0 = backendCpu(pid);
        const t0 = performance.now();
        for (let i = 0; i < RECEIPTS; i++) {
          const id = ids[variant][(i * 7919 + r) % ids[variant].length];
          await c.query("begin");
          const { rows } = await c.query<{ at: Date }>({ name: `lookup_${variant}`, text: LOOKUP[variant], values: [id] });
          if (rows.length !== 1) throw new Error(`${variant}: receipt ${id} not found`);
          await c.query({ name: `lines_${variant}`, text: LINES_OF[variant], values: variant === "now" ? [id, rows[0].at] : [id] });
          await c.query("commit");
        }
        results.lookup[variant].push({ cpu: backendCpu(pid) - cpu0, wall: performance.now() - t0 });
      }
    }
    const [{ receipts, keys, before }] = (
      await c.query<{ receipts: number; keys: number; before: number }>(
        `select (select count(*)::int from "Purchase") as receipts, (select count(*)::int from "ReceiptKey") as keys, (select count(*)::int from "PurchaseBefore") as before`,
      )
    ).rows;
    if (receipts !== RECEIPTS * ROUNDS || keys !== receipts || before !== receipts) throw new Error(`expected ${RECEIPTS * ROUNDS} receipts and keys, have ${receipts} / ${keys} / ${before}`);
    const us = (x: Row) => ((x.cpu / RECEIPTS) * 1e6).toFixed(0);
    const ms = (x: Row) => (x.wall / RECEIPTS).toFixed(3);
    console.log(
      `bench:receipt-key — ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC, load ${load()}, ${RECEIPTS} receipts (${LINES} lines) per round, ${ROUNDS} rounds A/B, 49 monthly partitions`,
    );
    for (const what of ["write", "lookup"] as const) {
      const unit = what === "write" ? "receipt" : "lookup";
      console.log(`\n${what === "write" ? "receipt + lines insert (insertReceipt)" : "lock by id + read lines (lockPurchase, purchaseLines; one transaction)"}`);
      console.log(`| round | before: server CPU µs/${unit} | now: server CPU µs/${unit} | before: wall ms | now: wall ms |`);
      console.log(`| --- | --- | --- | --- | --- |`);
      for (let r = 0; r < ROUNDS; r++) console.log(`| ${r + 1} | ${us(results[what].before[r])} | ${us(results[what].now[r])} | ${ms(results[what].before[r])} | ${ms(results[what].now[r])} |`);
      const sum = (xs: Row[]) => xs.reduce((s, x) => s + x.cpu, 0);
      const b = sum(results[what].before),
        n = sum(results[what].now);
      console.log(
        `all rounds: before ${((b / (RECEIPTS * ROUNDS)) * 1e6).toFixed(0)} µs/${unit}, now ${((n / (RECEIPTS * ROUNDS)) * 1e6).toFixed(0)} µs/${unit} (${(((n - b) / b) * 100).toFixed(0)} %)`,
      );
    }
  } finally {
    await c.end().catch(() => {});
    await dropDatabase(database.server.url("postgres"), name).catch(() => {});
    await database.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

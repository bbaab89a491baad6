// npx tsx scripts/bench-promotion-rows.ts — PostgreSQL's CPU for a receipt's 15 PurchasePromotion rows
// (what a confirm with the bench's 200 promotions writes), by layout: A the one before migration
// purchase_promotion_key (surrogate id as primary key, unique (purchaseId, promotionId), (promotionId,
// at), (customerId, at)); B today's ((purchaseId, promotionId) primary key, (promotionId, at)); C = B
// without the foreign key to Promotion; D = B without the savepoint confirm takes. Each receipt is
// begin [+ savepoint] + one insert of 15 rows + commit, as in confirm's write; the four take turns
// receipt by receipt on one connection (rotating the order), so the machine's load drift cancels.
// The backend's CPU is read from /proc/<pid>/stat around each receipt. Options: N=receipts per layout.
import path from "node:path";
import pg from "pg";
import { createDb } from "@/lib/db/client";
import { dropDatabase, ensureDatabase, startEmbedded } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { applyPromotionsFile } from "@/lib/promotions/store";
import { benchPromotions } from "./lib/bench-promotions";
import { seedHistory } from "./lib/bench-pos-seed";
import { runScript } from "./lib/database";
import { processCpuMs } from "./lib/process-cpu";

const cpu = (pid: number) => processCpuMs(pid, 100)?.ms ?? 0;

await runScript(async () => {
  const server = await startEmbedded({ dataDir: path.resolve(".data", "postgres-profile"), ifRunning: "reuse", log: () => {} });
  const admin = server.url("postgres");
  const name = `tribune_micro_${Date.now().toString(36)}`;
  await ensureDatabase(admin, name);
  const u = new URL(admin);
  u.pathname = `/${name}`;
  const url = u.toString();
  try {
    await migrate(url);
    await seedHistory(url, 200, () => {});
    const db = createDb(url);
    await applyPromotionsFile(db, { program: "fc-tribune", promotions: benchPromotions(200) });
    await db.$disconnect();
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    const pid = (await c.query("select pg_backend_pid() as p")).rows[0].p as number;
    // A: the old shape, as a copy of the new table with the old id, keys and indexes (same FKs, same trigger).
    await c.query(`create table "PP_A" (like "PurchasePromotion" including defaults)`);
    await c.query(`alter table "PP_A" add column id text not null`);
    await c.query(`alter table "PP_A" add constraint "PP_A_pkey" primary key (id)`);
    await c.query(`create unique index on "PP_A" ("purchaseId", "promotionId")`);
    await c.query(`create index on "PP_A" ("promotionId", at)`);
    await c.query(`create index on "PP_A" ("customerId", at)`);
    await c.query(`alter table "PP_A" add foreign key ("promotionId") references "Promotion"(id), add foreign key ("programId") references "Program"(id)`);
    await c.query(`create constraint trigger "PP_A_claim" after insert on "PP_A" deferrable initially deferred for each row when (new.counted) execute function "tribune_claim_promotion_counters"()`);
    await c.query(`create table "PP_B" (like "PurchasePromotion" including defaults including indexes)`);
    await c.query(`alter table "PP_B" add foreign key ("promotionId") references "Promotion"(id), add foreign key ("programId") references "Program"(id)`);
    await c.query(`create constraint trigger "PP_B_claim" after insert on "PP_B" deferrable initially deferred for each row when (new.counted) execute function "tribune_claim_promotion_counters"()`);
    await c.query(`create table "PP_C" (like "PurchasePromotion" including defaults including indexes)`);
    await c.query(`alter table "PP_C" add foreign key ("programId") references "Program"(id)`);
    await c.query(`create constraint trigger "PP_C_claim" after insert on "PP_C" deferrable initially deferred for each row when (new.counted) execute function "tribune_claim_promotion_counters"()`);
    const promos = (await c.query(`select p.id, p."programId", p."currentVersionId" as vid from "Promotion" p order by p.code limit 15`)).rows;
    const cust = (await c.query(`select id from "Customer" limit 1`)).rows[0].id;
    const N = Number(process.env.N ?? 3000);
    let seq = 0;
    const text = (
      t: string,
      withId: boolean,
    ) => `insert into "${t}" (${withId ? "id, " : ""}"programId", "purchaseId", "promotionId", "versionId", "customerId", status, discount, points, "promoAccountPoints", lines, "promoCodeId", "customerPeriodKey", counted, at, "createdAt")
        select ${withId ? "x.id, " : ""}$1, $2, x.pid, x.vid, $3, 'committed', x.discount, 0, 0, x.lines, null, null, false, $4, now()
        from unnest(${withId ? "$9::text[], " : ""}$5::text[], $6::text[], $7::int[], $8::jsonb[]) as x(${withId ? "id, " : ""}pid, vid, discount, lines)`;
    const spent = { A: 0, B: 0, C: 0, D: 0 };
    const one = async (side: "A" | "B" | "C" | "D", measure: boolean) => {
      const purchase = `rcp_${Date.now().toString(36)}_${String(++seq).padStart(8, "0")}`;
      const values: unknown[] = [
        promos[0].programId,
        purchase,
        cust,
        new Date(),
        promos.map((p) => p.id),
        promos.map((p) => p.vid),
        promos.map(() => 1000),
        promos.map(() => JSON.stringify([{ lineNo: 1, discount: 1000, points: 0 }])),
      ];
      if (side === "A") values.push(promos.map((_, j) => `ppr_${Date.now().toString(36)}_${seq}_${j}`));
      const before = measure ? cpu(pid) : 0;
      await c.query(side === "D" ? "begin" : "begin; savepoint receipt_write");
      await c.query({ name: `ins_${side}`, text: text(`PP_${side === "D" ? "B" : side}`, side === "A"), values });
      await c.query("commit");
      if (measure) spent[side] += cpu(pid) - before;
    };
    for (let i = 0; i < 300; i++) {
      for (const x of ["A", "B", "C", "D"] as const) await one(x, false);
    }
    for (let i = 0; i < N; i++) {
      const order = (["A", "B", "C", "D"] as const).map((x, j) => ({ x, k: (j + i) % 4 })).sort((a, b) => a.k - b.k);
      for (const o of order) await one(o.x, true);
    }
    console.log(
      `backend CPU per receipt (15 rows, begin + savepoint + insert + commit): A (id pkey + 3 indexes) ${(spent.A / N).toFixed(3)} ms, B (purchaseId, promotionId) pkey + 1 index ${(spent.B / N).toFixed(3)} ms, C = B without the promotionId foreign key ${(spent.C / N).toFixed(3)} ms, D = B without the savepoint ${(spent.D / N).toFixed(3)} ms`,
    );
    await c.end();
  } finally {
    await dropDatabase(admin, name).catch(() => {});
    await server.stop();
  }
});

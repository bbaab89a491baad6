// The member's one write plans no sequential scan of the month's receipts (lib/purchases/write-receipt.ts
// `genericPlansForWrite`): its generic plans — the lines' foreign-key checks into the partitioned
// "Purchase", the category trigger's read of the receipt — are built once per connection, so one built
// while the month's partition was nearly empty (analyzed: one page) would scan the whole partition on
// every later receipt until the next ANALYZE. docs/benchmarks.md, "Where a confirm's PostgreSQL CPU goes, by phase".
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "@/lib/db/migrate";
import { rawSql } from "@/lib/db/raw-pool";
import { resetEnvCache } from "@/lib/env";
import { genericPlansForWrite } from "@/lib/purchases/write-receipt";
import { scratchDatabase } from "../db";

// PostgreSQL's own check of a key into "Purchase" (ri_triggers.c), and the category trigger's read.
const KEY_CHECK = `select 1 from "Purchase" x where "id" operator(pg_catalog.=) $1 and "at" operator(pg_catalog.=) $2 for key share of x`;
const RECEIPT_READ = `select x."customerId", x."programId", x."status" from "Purchase" x where x."id" = $1 and x."at" = $2`;

describe("the write's generic plans", () => {
  let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
  let client: pg.Client;

  beforeAll(async () => {
    scratch = await scratchDatabase();
    await migrate(scratch.url);
    client = new pg.Client({ connectionString: scratch.url });
    await client.connect();
    // Every month's partition empty and analyzed, as at a month's start or on a fresh database.
    await client.query(`analyze "Purchase"`);
  }, 120_000);

  afterAll(async () => {
    await client?.end();
    await scratch?.drop();
  });

  async function plansUnderWriteSettings(): Promise<string[]> {
    await client.query("begin");
    try {
      await genericPlansForWrite(rawSql(client as unknown as pg.PoolClient));
      const plans: string[] = [];
      for (const q of [KEY_CHECK, RECEIPT_READ]) {
        const r = await client.query<{ "QUERY PLAN": string }>(`explain (generic_plan) ${q}`);
        plans.push(r.rows.map((x) => x["QUERY PLAN"]).join("\n"));
      }
      return plans;
    } finally {
      await client.query("rollback");
    }
  }

  it("index scans of the receipt's partition, not a sequential scan sized by the partition's stats", async () => {
    for (const plan of await plansUnderWriteSettings()) {
      expect(plan).toMatch(/Index (Only )?Scan/);
      expect(plan).not.toMatch(/Seq Scan/);
    }
  });

  it("POS_WRITE_INDEX_SCANS=0: the same plans scan the (empty-looking) partitions sequentially", async () => {
    process.env.POS_WRITE_INDEX_SCANS = "0";
    resetEnvCache();
    try {
      for (const plan of await plansUnderWriteSettings()) expect(plan).toMatch(/Seq Scan/);
    } finally {
      delete process.env.POS_WRITE_INDEX_SCANS;
      resetEnvCache();
    }
  });
});

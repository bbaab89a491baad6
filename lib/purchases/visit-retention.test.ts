// The visits' monthly partitions on real PostgreSQL: the partitioned table, its months and default
// partition; a visit never without its key; months created ahead (a visit waiting in the default
// partition moved into its month, the activity summary untouched); the retention detaching exactly
// the months past it, keeping their keys (once per event for ever) and their surveys, with the
// activity check still exact. Partitions are the database's: this runs on a scratch database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { listMonthPartitions } from "@/lib/db/partitions";
import { createId } from "@/lib/ids";
import { runVisitPartitions } from "@/lib/jobs/visit-partitions";
import { resetEnvCache } from "@/lib/env";
import { activityMismatches } from "@/lib/segments/activity";
import { scratchDatabase } from "@/test/db";
import { makeCustomer, makeProgram, makeVisit } from "@/test/factories";
import { ensureVisitPartitions, retireVisitMonths, visitHorizon } from "./visit-retention";

let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
let db: Db;
let programId: string;
const NOW = new Date("2026-12-15T12:00:00Z");
const d = (iso: string) => new Date(iso);

beforeAll(async () => {
  scratch = await scratchDatabase();
  await migrate(scratch.url);
  db = createDb(scratch.url);
  programId = (await makeProgram(db)).id;
}, 120_000);
afterAll(async () => {
  await db?.$disconnect();
  await scratch?.drop();
});

async function partitionOf(visitId: string): Promise<string> {
  const [row] = await db.$queryRaw<{ p: string }[]>`select tableoid::regclass::text as p from "Visit" where id = ${visitId}`;
  return row.p.replace(/"/g, "");
}
const attached = async () => (await listMonthPartitions(db, "Visit")).map((p) => p.name);

describe("visit partitions", () => {
  it("Visit is partitioned by month with a default partition, from the current month to twelve ahead", async () => {
    const [{ strategy }] = await db.$queryRaw<{ strategy: string }[]>`select partstrat::text as strategy from pg_partitioned_table where partrelid = '"Visit"'::regclass`;
    expect(strategy).toBe("r");
    const [{ def }] = await db.$queryRaw<{ def: string }[]>`select c.relname as def from pg_inherits i join pg_class c on c.oid = i.inhrelid
      where i.inhparent = '"Visit"'::regclass and pg_get_expr(c.relpartbound, c.oid) = 'DEFAULT'`;
    expect(def).toBe("Visit_default");
    const months = await attached();
    const now = new Date();
    const first = `Visit_p${now.getUTCFullYear()}_${String(now.getUTCMonth() + 1).padStart(2, "0")}`;
    expect(months[0]).toBe(first);
    expect(months).toHaveLength(13);
    // The primary key holds the partition key; the once-per-event rule is VisitKey's.
    const [{ pk }] = await db.$queryRaw<{ pk: string }[]>`select pg_get_constraintdef(oid) as pk from pg_constraint where conrelid = '"Visit"'::regclass and contype = 'p'`;
    expect(pk).toBe("PRIMARY KEY (id, at)");
  });

  it("a visit cannot exist without its key, and a second visit to the same event finds the key taken", async () => {
    const c = await makeCustomer(db, programId);
    const insertBare = db.$executeRaw`insert into "Visit" (id, "programId", "customerId", "eventCode", at, "periodKey") values (${createId("vis")}, ${programId}, ${c.id}, 'no-key', ${NOW}, 'p')`;
    await expect(insertBare).rejects.toMatchObject({ meta: { driverAdapterError: { cause: { originalCode: "23503" } } } });
    await makeVisit(db, { programId, customerId: c.id, eventCode: "match-1", at: NOW, periodKey: "p" });
    await expect(makeVisit(db, { programId, customerId: c.id, eventCode: "match-1", at: d("2026-12-16T12:00:00Z"), periodKey: "p" })).rejects.toMatchObject({
      meta: { driverAdapterError: { cause: { originalCode: "23505" } } },
    });
    expect(await db.visit.count({ where: { customerId: c.id } })).toBe(1);
  });

  it("creates months ahead, moving a visit that waited in the default partition, with the activity summary unchanged", async () => {
    const c = await makeCustomer(db, programId);
    const early = await makeVisit(db, { programId, customerId: c.id, eventCode: "far-ahead", at: d("2045-05-10T12:00:00Z"), periodKey: "p" });
    expect(await partitionOf(early)).toBe("Visit_default");
    const before = await db.customerActivity.findUniqueOrThrow({ where: { customerId: c.id } });
    expect(await ensureVisitPartitions(db, d("2045-05-01T00:00:00Z"), 0)).toEqual(["Visit_p2045_05"]);
    expect(await partitionOf(early)).toBe("Visit_p2045_05");
    expect(await db.customerActivity.findUniqueOrThrow({ where: { customerId: c.id } })).toEqual(before);
    expect(await ensureVisitPartitions(db, d("2045-05-01T00:00:00Z"), 0)).toEqual([]);
    expect(await activityMismatches(db, programId)).toEqual([]);
  });

  it("retention detaches exactly the months past it; keys, surveys and the activity check stay", async () => {
    // Months back to January 2023 (the migration made the current one on).
    await ensureVisitPartitions(db, d("2023-01-01T00:00:00Z"), 47);
    const old = await makeCustomer(db, programId);
    const both = await makeCustomer(db, programId);
    const v2023 = await makeVisit(db, { programId, customerId: old.id, eventCode: "e-2023", at: d("2023-01-20T10:00:00Z"), periodKey: "p" });
    await makeVisit(db, { programId, customerId: both.id, eventCode: "e-2025-10", at: d("2025-10-31T23:59:00Z"), periodKey: "p" });
    const kept = await makeVisit(db, { programId, customerId: both.id, eventCode: "e-2025-11", at: d("2025-11-01T00:00:00Z"), periodKey: "p" });
    await makeVisit(db, { programId, customerId: both.id, eventCode: "e-2026-12", at: d("2026-12-01T10:00:00Z"), periodKey: "p" });
    // A survey of the oldest visit: it references the visit's key, so it holds nothing online.
    await db.surveyInvitation.create({
      data: {
        id: createId("svy"),
        programId,
        customerId: old.id,
        visitId: v2023,
        visitAt: d("2023-01-20T10:00:00Z"),
        eventCode: "e-2023",
        tokenHash: createId("svy"),
        email: "old@mail.example",
        locale: "en",
        sentAt: d("2023-01-21T10:00:00Z"),
        expiresAt: d("2023-02-21T10:00:00Z"),
      },
    });
    const keysBefore = await db.visitKey.count();
    const activityBefore = await db.customerActivity.findMany({ where: { customerId: { in: [old.id, both.id] } }, orderBy: { customerId: "asc" } });
    expect(await activityMismatches(db, programId)).toEqual([]);

    expect(await retireVisitMonths(db, NOW, { retentionMonths: 0, archive: "schema" })).toEqual([]);
    const retired = await retireVisitMonths(db, NOW, { retentionMonths: 13, archive: "schema" });
    // 13 whole months before December 2026: November 2025 on stays, October 2025 and older go.
    expect(retired.map((r) => r.partition)).toEqual(Array.from({ length: 34 }, (_, i) => `Visit_p${2023 + Math.floor(i / 12)}_${String((i % 12) + 1).padStart(2, "0")}`));
    expect(retired.find((r) => r.partition === "Visit_p2023_01")!.visits).toBe(1);
    expect((await attached())[0]).toBe("Visit_p2025_11");
    expect(await partitionOf(kept)).toBe("Visit_p2025_11");
    expect(await db.visit.count({ where: { customerId: old.id } })).toBe(0);
    expect(await visitHorizon(db)).toEqual(d("2025-11-01T00:00:00Z"));
    // The archived month, out of the application's schema and free of foreign keys.
    const [{ n, fks }] = await db.$queryRaw<{ n: number; fks: number }[]>`
      select (select count(*)::int from visit_archive."Visit_p2023_01") as n,
             (select count(*)::int from pg_constraint where conrelid = 'visit_archive."Visit_p2023_01"'::regclass and contype = 'f') as fks`;
    expect({ n, fks }).toEqual({ n: 1, fks: 0 });
    // Keys outlive their month (once per event for ever), the survey is still there, the summary unchanged and still checked exact.
    expect(await db.visitKey.count()).toBe(keysBefore);
    expect(await db.visitKey.findUnique({ where: { customerId_eventCode: { customerId: old.id, eventCode: "e-2023" } } })).toMatchObject({ visitId: v2023 });
    await expect(makeVisit(db, { programId, customerId: old.id, eventCode: "e-2023", at: NOW, periodKey: "p" })).rejects.toMatchObject({
      meta: { driverAdapterError: { cause: { originalCode: "23505" } } },
    });
    expect(await db.surveyInvitation.count({ where: { visitId: v2023 } })).toBe(1);
    expect(await db.customerActivity.findMany({ where: { customerId: { in: [old.id, both.id] } }, orderBy: { customerId: "asc" } })).toEqual(activityBefore);
    expect(await activityMismatches(db, programId)).toEqual([]);
    // A later visit of the lapsed customer and a deleted recent one keep the check exact past the horizon.
    await makeVisit(db, { programId, customerId: old.id, eventCode: "e-comeback", at: NOW, periodKey: "p" });
    await db.$executeRaw`delete from "Visit" where id = ${kept}`;
    expect(await activityMismatches(db, programId)).toEqual([]);
    // And the check still fails on a wrong archived count.
    await db.$executeRaw`update "CustomerActivity" set visits = visits + 1 where "customerId" = ${old.id}`;
    expect((await activityMismatches(db, programId)).map((m) => [m.kind, m.customerId])).toEqual([["customer", old.id]]);
    await db.$executeRaw`update "CustomerActivity" set visits = visits - 1 where "customerId" = ${old.id}`;

    // Nothing more goes the same month; a month later, November 2025 goes, dropped this time.
    expect(await retireVisitMonths(db, NOW, { retentionMonths: 13, archive: "schema" })).toEqual([]);
    expect(await retireVisitMonths(db, d("2027-01-03T00:00:00Z"), { retentionMonths: 13, archive: "drop" })).toEqual([{ partition: "Visit_p2025_11", visits: 0 }]);
    const [{ gone }] = await db.$queryRaw<{ gone: boolean }[]>`select to_regclass('"Visit_p2025_11"') is null and to_regclass('visit_archive."Visit_p2025_11"') is null as gone`;
    expect(gone).toBe(true);
    expect(await db.visitArchive.findUniqueOrThrow({ where: { partition: "Visit_p2025_11" } })).toMatchObject({ dropped: true, visits: 0 });
    expect(await activityMismatches(db, programId)).toEqual([]);
  });

  it("the nightly job creates the months ahead and keeps everything with a retention of 0", async () => {
    process.env.VISIT_RETENTION_MONTHS = "0";
    process.env.VISIT_PARTITIONS_AHEAD = "14";
    resetEnvCache();
    try {
      const before = (await attached()).length;
      const r = await runVisitPartitions(db, new Date());
      expect(r.retired).toBe(0);
      expect(r.created).toBeGreaterThanOrEqual(1);
      expect((await attached()).length).toBe(before + r.created);
    } finally {
      delete process.env.VISIT_RETENTION_MONTHS;
      delete process.env.VISIT_PARTITIONS_AHEAD;
      resetEnvCache();
    }
  });
});

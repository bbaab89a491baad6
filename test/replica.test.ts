// The analytics reads go to DATABASE_REPLICA_URL and nothing else does. The "replica" here is a
// second migrated database on the same server whose rows differ from the primary's (a replica
// that has not caught up), so each figure shows which database answered it.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDashboard } from "@/lib/analytics/dashboard";
import { analyticsDb, createDb, db, disconnectDb } from "@/lib/db/client";
import { sqlState, SQLSTATE } from "@/lib/db/errors";
import { migrate } from "@/lib/db/migrate";
import { replicaLag } from "@/lib/db/replica";
import { env, resetEnvCache } from "@/lib/env";
import { loadSettlement } from "@/lib/settlement/console";
import { scratchDatabase, testDatabaseUrl, testDb } from "./db";
import { makeCustomer, makeProgram } from "./factories";

const saved = { url: process.env.DATABASE_URL, replica: process.env.DATABASE_REPLICA_URL };
let replica: Awaited<ReturnType<typeof scratchDatabase>>;
let replicaDirect: ReturnType<typeof createDb>;
let programId = "";

const dbName = (url: string) => new URL(url).pathname.slice(1);
async function currentDatabase(client: ReturnType<typeof db>) {
  const [row] = await client.$queryRaw<{ name: string }[]>`select current_database() as name`;
  return row.name;
}
const members = async (client: ReturnType<typeof db>) => (await loadDashboard(client, { programId, timeZone: "Europe/Moscow", period: "30d" })).members.total;

function useReplica(url: string | undefined) {
  process.env.DATABASE_URL = testDatabaseUrl();
  if (url) process.env.DATABASE_REPLICA_URL = url;
  else delete process.env.DATABASE_REPLICA_URL;
  resetEnvCache();
}

beforeAll(async () => {
  replica = await scratchDatabase();
  await migrate(replica.url);
  replicaDirect = createDb(replica.url);
  const program = await makeProgram(testDb());
  programId = program.id;
  // The replica has the program and one member; the primary has three (two not replayed yet).
  await replicaDirect.program.create({ data: program });
  await makeCustomer(replicaDirect, programId);
  for (let i = 0; i < 3; i++) await makeCustomer(testDb(), programId);
  await disconnectDb();
  useReplica(replica.url);
});

afterAll(async () => {
  await disconnectDb();
  await replicaDirect?.$disconnect();
  if (saved.url === undefined) delete process.env.DATABASE_URL;
  else process.env.DATABASE_URL = saved.url;
  if (saved.replica === undefined) delete process.env.DATABASE_REPLICA_URL;
  else process.env.DATABASE_REPLICA_URL = saved.replica;
  resetEnvCache();
  await replica?.drop();
});

describe("DATABASE_REPLICA_URL", () => {
  it("sends the analytics client to the replica and the app client to the primary", async () => {
    expect(await currentDatabase(analyticsDb())).toBe(dbName(replica.url));
    expect(await currentDatabase(db())).toBe(dbName(testDatabaseUrl()));
    expect(await members(analyticsDb())).toBe(1);
    expect(await members(db())).toBe(3);
    const settlement = await loadSettlement(analyticsDb(), { programId });
    expect(settlement.program.currency).toBe("RUB");
  });

  it("writes go to the primary only, and the analytics client refuses to write", async () => {
    await makeCustomer(db(), programId);
    expect(await members(db())).toBe(4);
    expect(await members(analyticsDb())).toBe(1);
    const write = await makeCustomer(analyticsDb(), programId).catch((e: unknown) => e);
    expect(sqlState(write)).toBe(SQLSTATE.readOnlyTransaction);
    expect(await replicaDirect.customer.count({ where: { programId } })).toBe(1);
  });

  it("unset, the analytics reads go to the primary, still read-only", async () => {
    useReplica(undefined);
    try {
      expect(await currentDatabase(analyticsDb())).toBe(dbName(testDatabaseUrl()));
      expect(await members(analyticsDb())).toBe(4);
      expect(await replicaLag(analyticsDb())).toBeNull();
      const write = await analyticsDb()
        .program.update({ where: { id: programId }, data: { name: "changed" } })
        .catch((e: unknown) => e);
      expect(sqlState(write)).toBe(SQLSTATE.readOnlyTransaction);
      expect((await db().program.findUniqueOrThrow({ where: { id: programId } })).name).toBe("Test program");
    } finally {
      await disconnectDb();
      useReplica(replica.url);
    }
  });

  it("refuses a replica URL that is not a PostgreSQL URL", () => {
    try {
      for (const bad of ["replica-host:5432", "not a url", "https://replica.example.com/tribune"]) {
        process.env.DATABASE_REPLICA_URL = bad;
        resetEnvCache();
        expect(() => env(), bad).toThrow(/DATABASE_REPLICA_URL/);
      }
    } finally {
      useReplica(replica.url);
    }
  });
});

describe("the analytics pages", () => {
  // Each page's loaders take the analytics client; its own settings and the program stay on db().
  const routed: Record<string, string[]> = {
    "app/admin/page.tsx": ["loadDashboard", "giftCardLiability"],
    "app/admin/nps/page.tsx": ["npsReport"],
    "app/admin/settlement/page.tsx": ["loadSettlement"],
    "app/api/admin/settlement/route.ts": ["loadSettlement"],
    "app/admin/campaigns/page.tsx": ["campaignSummaries"],
    "app/admin/promotions/[code]/page.tsx": ["promotionTotals", "promotionDays", "promotionUplift"],
    "app/partner/page.tsx": ["loadPartnerDashboard"],
    "app/partner/analytics/page.tsx": ["loadPartnerSales", "loadRfmGrid", "loadPartnerReturns", "loadCohorts"],
    "app/partner/analytics/rfm/page.tsx": ["listRfmCell"],
    "app/partner/statements/page.tsx": ["loadPartnerStatement"],
    "app/partner/statements/csv/route.ts": ["loadPartnerStatement"],
    "app/partner/statements/print/page.tsx": ["loadPartnerStatement"],
  };
  it.each(Object.entries(routed))("%s reads its figures through analyticsDb()", (file, loaders) => {
    const src = readFileSync(file, "utf8");
    for (const fn of loaders) {
      expect(src, fn).toContain(`${fn}(analyticsDb()`);
      expect(src, fn).not.toContain(`${fn}(db()`);
    }
  });

  it("an analytics page tells how old its figures are", () => {
    for (const file of ["app/admin/page.tsx", "app/admin/nps/page.tsx", "app/admin/settlement/page.tsx", "app/partner/page.tsx", "app/partner/analytics/page.tsx", "app/partner/statements/page.tsx"]) {
      expect(readFileSync(file, "utf8"), file).toContain("<ReplicaLag />");
    }
  });
});

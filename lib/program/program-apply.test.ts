// `npm run program:apply` end to end on a scratch database: the five reference programs apply,
// applying again is a no-op, a change makes version 2, an invalid file lists its JSON paths
// and writes nothing. `npm run program:export` prints what is in force.
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "@/lib/db/client";
import { REFERENCE_PROGRAMS, referenceProgramJson } from "@/lib/rules/reference-programs";
import { scratchDatabase } from "@/test/db";
import { canonicalDefinition } from "./definition";

let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
let db: ReturnType<typeof createDb>;
const files = REFERENCE_PROGRAMS.map((p) => `programs/${p}.json`);
const tmp = mkdtempSync(path.join(tmpdir(), "tribune-apply-"));

async function run(script: string, args: string[]) {
  return promisify(execFile)("npx", ["tsx", script, ...args], { env: { ...process.env, DATABASE_URL: scratch.url } }).then(
    (r) => ({ code: 0, out: r.stdout, err: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout, err: e.stderr }),
  );
}

beforeAll(async () => {
  scratch = await scratchDatabase();
  db = createDb(scratch.url);
});
afterAll(async () => {
  await db.$disconnect();
  await scratch.drop();
});

describe("npm run program:apply", () => {
  it("accepts the five reference programs, then applying them again creates no version", async () => {
    const first = await run("scripts/program-apply.ts", files);
    expect(first.code, first.err).toBe(0);
    expect(first.out.trim().split("\n")).toHaveLength(5);
    expect(first.out).not.toMatch(/unchanged/);
    expect(await db.programVersion.count()).toBe(5);
    expect(await db.program.count()).toBe(5);
    const again = await run("scripts/program-apply.ts", files);
    expect(again.code).toBe(0);
    expect(again.out.match(/unchanged \(version 1\)/g)).toHaveLength(5);
    expect(await db.programVersion.count()).toBe(5);
  }, 120_000);

  it("a changed definition becomes version 2, in force for receipts from now; export prints it", async () => {
    const json = referenceProgramJson("sportswear-retailer") as { tiers: { earnRate: number }[] };
    json.tiers[1].earnRate = 4;
    const file = path.join(tmp, "ua-v2.json");
    writeFileSync(file, JSON.stringify(json));
    const r = await run("scripts/program-apply.ts", [file]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/ua → version 2/);
    const versions = await db.programVersion.findMany({ where: { program: { code: "ua" } }, orderBy: { version: "asc" } });
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
    expect(versions[1].effectiveFrom >= versions[0].effectiveFrom).toBe(true);
    const exported = await run("scripts/program-export.ts", ["ua"]);
    expect(exported.code).toBe(0);
    expect(JSON.parse(exported.out)).toEqual(JSON.parse(JSON.stringify(canonicalDefinition(json))));
  }, 120_000);

  it("an invalid file reports every error with its JSON path and nothing is written", async () => {
    const json = referenceProgramJson("football-club") as Record<string, any>;
    json.code = "fc-broken";
    json.tiers[2].qualify.spend = -5;
    json.currency = "rub";
    json.stores[0].partner = "nobody";
    const file = path.join(tmp, "broken.json");
    writeFileSync(file, JSON.stringify(json));
    const before = await db.programVersion.count();
    // A valid file next to it is not applied either: all or nothing.
    const r = await run("scripts/program-apply.ts", ["programs/coalition.json", file]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/tiers\[2\]\.qualify\.spend: must not be negative/);
    expect(r.err).toMatch(/currency: /);
    expect(r.err).toMatch(/stores\[0\]\.partner: unknown partner "nobody"/);
    expect(r.err).toMatch(/Nothing applied/);
    expect(await db.program.findUnique({ where: { code: "fc-broken" } })).toBeNull();
    expect(await db.programVersion.count()).toBe(before);
  }, 120_000);
});

// The console's import on a real PostgreSQL: an upload (a zip here) becomes a dry run that the
// legacy-imports job runs without writing; its import writes, keeps the reconciliation report and
// the progress at 100 %; bad files are refused by name; an import with bad rows needs "skip".
import { readFileSync } from "node:fs";
import path from "node:path";
import { zipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { createDryRun, importReport, importRun, legacyFilesOf, runQueuedImports, startImport } from "@/lib/import/console";
import { applyProgram } from "@/lib/program/apply-program";
import { clearProgramCache } from "@/lib/program/in-force";
import { referenceProgramJson } from "@/lib/rules/reference-programs";
import { testDatabaseUrl, testDb } from "@/test/db";
import { uniq } from "@/test/factories";

const DIR = path.resolve(import.meta.dirname, "../fixtures/legacy");
const file = (dir: string, name: string) => new Uint8Array(readFileSync(path.join(DIR, dir, name)));
const NOW = new Date("2025-06-15T09:00:00Z");

let programId = "";
beforeAll(async () => {
  clearProgramCache();
  programId = (await applyProgram(testDb(), { ...(referenceProgramJson("sportswear-retailer") as object), code: uniq("imp") }, { now: new Date("2018-01-01T00:00:00Z") })).programId;
});

describe("legacy import in the console", () => {
  it("takes the known files of a zip and refuses other names", () => {
    const zip = zipSync({ "export/customers.csv": file("basic", "customers.csv"), "export/points.csv": file("basic", "points.csv"), "__MACOSX/x": new Uint8Array([1]) });
    expect(legacyFilesOf([{ name: "legacy.zip", bytes: zip }]).map((f) => f.name)).toEqual(["customers.csv", "points.csv"]);
    expect(() => legacyFilesOf([{ name: "clients.csv", bytes: new Uint8Array([65]) }])).toThrow(/not a file of a legacy import/);
    expect(() => legacyFilesOf([{ name: "x.zip", bytes: new Uint8Array([1, 2, 3]) }])).toThrow(/not a zip archive/);
    expect(() => legacyFilesOf([])).toThrow(/Choose the CSV files/);
  });

  it("dry run, then import, as the background job; the reconciliation report is kept", async () => {
    // Card numbers are unique across programs: legacy-import.test.ts imports the same files' card.
    const uploads = ["customers.csv", "points.csv", "history.csv", "achievements.csv"].map((n) => ({
      name: n,
      bytes: n === "customers.csv" ? new TextEncoder().encode(new TextDecoder().decode(file("basic", n)).replace("7700000000011", "")) : file("basic", n),
    }));
    const dryId = await createDryRun(testDb(), { programId, staffUserId: "stf_test", uploads });
    await expect(startImport(testDb(), { programId, staffUserId: "stf_test", dryRunId: dryId, skipBadRows: false, recomputeTiers: false })).rejects.toMatchObject({ code: "invalid_state" });
    expect(await runQueuedImports(testDb(), NOW, { url: testDatabaseUrl() })).toMatchObject({ ran: 1, failed: 0 });
    const dry = (await importRun(testDb(), programId, dryId))!;
    expect(dry).toMatchObject({ status: "succeeded", progress: 1000, summary: { badRows: 0, written: false, reconciliation: { customers: 5, legacyBalance: 920, importedBalance: 920 } } });
    expect(dry.reports.map((r) => r.name)).toEqual(["reconciliation.csv"]);
    expect(await testDb().customer.count({ where: { programId } })).toBe(0);

    const importId = await startImport(testDb(), { programId, staffUserId: "stf_test", dryRunId: dryId, skipBadRows: false, recomputeTiers: false });
    expect(await runQueuedImports(testDb(), NOW, { url: testDatabaseUrl() })).toMatchObject({ ran: 1 });
    const done = (await importRun(testDb(), programId, importId))!;
    expect(done).toMatchObject({ status: "succeeded", summary: { written: true } });
    expect(done.uploads).toHaveLength(4);
    expect(await testDb().customer.count({ where: { programId } })).toBe(5);
    const report = new TextDecoder().decode((await importReport(testDb(), programId, importId, "reconciliation.csv"))!);
    expect(report.split("\r\n")[1]).toMatch(/^L001,500,500,0,/);
    expect(await importReport(testDb(), "prg_other", importId, "reconciliation.csv")).toBeNull();
  });

  it("files with bad rows import only with skip", async () => {
    const uploads = ["customers.csv", "points.csv"].map((n) => ({ name: n, bytes: file("bad", n) }));
    const dryId = await createDryRun(testDb(), { programId, staffUserId: "stf_test", uploads });
    await runQueuedImports(testDb(), NOW, { url: testDatabaseUrl() });
    const dry = (await importRun(testDb(), programId, dryId))!;
    expect(dry.summary?.badRows).toBe(6);
    expect(dry.summary?.firstBadRows[0]).toMatchObject({ file: "customers.csv", line: 3, column: "phone" });
    expect(dry.reports.map((r) => r.name).sort()).toEqual(["bad-rows.csv", "reconciliation.csv"]);
    await expect(startImport(testDb(), { programId, staffUserId: "stf_test", dryRunId: dryId, skipBadRows: false, recomputeTiers: false })).rejects.toMatchObject({ code: "invalid_state" });
    await startImport(testDb(), { programId, staffUserId: "stf_test", dryRunId: dryId, skipBadRows: true, recomputeTiers: false });
    await runQueuedImports(testDb(), NOW, { url: testDatabaseUrl() });
    expect(await testDb().customer.count({ where: { programId, externalId: { in: ["M001", "M004"] } } })).toBe(2);
  });
});

// One source for the rules in force: the POS, the console, the cabinet, segments and jobs all read
// lib/program/in-force.ts, which picks the version effective at the instant — not the newest one.
import { beforeAll, describe, expect, it } from "vitest";
import { programInfo } from "@/lib/admin/program-info";
import { referenceProgramJson } from "@/lib/rules/reference-programs";
import { segmentContext } from "@/lib/segments/run";
import { testDb } from "@/test/db";
import { uniq } from "@/test/factories";
import { applyProgram } from "./apply-program";
import { clearProgramCache, definitionAt, definitionInForce } from "./in-force";

const T0 = new Date("2020-01-01T00:00:00Z");
const LATER = new Date(Date.now() + 30 * 86_400_000);
let programId = "";

beforeAll(async () => {
  clearProgramCache();
  const base: Record<string, unknown> = { ...(referenceProgramJson("sportswear-retailer") as Record<string, unknown>), code: uniq("inforce") };
  programId = (await applyProgram(testDb(), base, { now: T0 })).programId;
  // Version 2 is saved now but takes effect only in a month (a scheduled change of the rules).
  const tiers = (base.tiers as { code: string; name: string }[]).map((t, i) => (i === 0 ? { ...t, code: "newcomer", name: "Newcomer" } : t));
  await applyProgram(testDb(), { ...base, tiers }, { now: LATER });
});

describe("the definition in force", () => {
  it("is the newest version effective at the instant; before every version, the first", async () => {
    expect((await definitionAt(testDb(), programId, new Date())).version).toBe(1);
    expect((await definitionAt(testDb(), programId, new Date(LATER.getTime() + 1000))).version).toBe(2);
    expect((await definitionAt(testDb(), programId, new Date("2000-01-01T00:00:00Z"))).version).toBe(1);
    expect(await definitionInForce(testDb(), "prg_nothing")).toBeNull();
    await expect(definitionAt(testDb(), "prg_nothing")).rejects.toMatchObject({ code: "unavailable" });
  });

  it("the console shows the tiers in force, not those of a version that is not in force yet", async () => {
    const info = await programInfo(testDb(), programId);
    expect(info.tiers[0].code).toBe("participant");
    const ctx = await segmentContext(testDb(), programId);
    expect(ctx.entryTier).toBe("participant");
  });
});

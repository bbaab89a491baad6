// Every reference program ships a companion promotions file: it must stay valid, name only its
// own program, and use categories, stores, partners and tiers its program knows.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { REFERENCE_PROGRAMS, referenceProgram } from "@/lib/rules/reference-programs";
import { parsePromotionsFile } from "./definition";

describe("programs/*.promotions.json", () => {
  it.each(REFERENCE_PROGRAMS)("%s: valid, and every store, partner and tier it names exists", (name) => {
    const def = referenceProgram(name);
    const parsed = parsePromotionsFile(JSON.parse(readFileSync(`programs/${name}.promotions.json`, "utf8")));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    expect(parsed.value.program).toBe(def.code);
    expect(parsed.value.promotions.length).toBeGreaterThanOrEqual(3);
    const stores = new Set(def.stores.map((s) => s.code));
    const partners = new Set((def.partners ?? []).map((p) => p.code));
    const tiers = new Set(def.tiers.map((t) => t.code));
    for (const p of parsed.value.promotions) {
      for (const s of p.where?.stores ?? []) expect(stores, `${p.code}: store ${s}`).toContain(s);
      for (const x of p.where?.partners ?? []) expect(partners, `${p.code}: partner ${x}`).toContain(x);
      for (const t of p.audience?.tiers ?? []) expect(tiers, `${p.code}: tier ${t}`).toContain(t);
    }
  });
});

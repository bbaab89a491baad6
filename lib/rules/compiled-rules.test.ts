import { describe, expect, it } from "vitest";
import { compileRules, isPending, lineActivation, lineRateBp } from "./compiled-rules";
import { referenceProgram } from "./reference-programs";

const coalition = referenceProgram("coalition");
const park = referenceProgram("amusement-park");
const liquor = referenceProgram("liquor-chain");

describe("compileRules", () => {
  it("builds the tables once per definition object", () => {
    const rules = compileRules(coalition);
    expect(compileRules(coalition)).toBe(rules);
    expect(compileRules({ ...coalition })).not.toBe(rules);
  });

  it("a tier's own redeem share wins; without one the program's share applies", () => {
    const rules = compileRules(coalition);
    expect(coalition.redemption.maxShare).toBe(50);
    expect([...rules.tiers.values()].map((t) => [t.tier.code, t.redeemShare])).toEqual([
      ["member", 50],
      ["silver", 70],
      ["gold", 100],
    ]);
    expect(rules.entry.tier.code).toBe("member");
  });

  it("reads partners, exclusions and activations from the definition", () => {
    const rules = compileRules({ ...coalition, redemption: { ...coalition.redemption, excludedStoreTags: ["airport"] } });
    expect(Object.fromEntries(rules.partnerRateBp)).toEqual({ coffee: 500, cinema: 300, books: 400, fitness: 700 });
    expect([...rules.excludedCategories]).toEqual(["gift-card"]);
    expect([...rules.excludedStoreTags]).toEqual(["airport"]);
    expect(Object.fromEntries(compileRules(park).activationByCategory)).toEqual({ ticket: { on: "validation" }, "season-pass": { on: "validation" } });
  });
});

describe("lineRateBp", () => {
  it("category overrides, excluded categories, and partner rates by mode", () => {
    const cellar = compileRules(liquor);
    const sommelier = cellar.tiers.get("sommelier")!;
    expect(lineRateBp(cellar, sommelier, "wine", null)).toBe(500);
    expect(lineRateBp(cellar, sommelier, "spirits", null)).toBe(300);
    expect(lineRateBp(cellar, sommelier, "tobacco", null)).toBe(0);

    const city = compileRules(coalition);
    const member = city.tiers.get("member")!;
    expect(lineRateBp(city, member, "coffee", "coffee")).toBe(500); // max(1 %, 5 %)
    expect(lineRateBp(city, member, "coffee", "unknown-partner")).toBe(100);
    expect(lineRateBp(city, member, "gift-card", "coffee")).toBe(0); // excluded even at a partner
    const add = compileRules({ ...coalition, partnerRateMode: "add" });
    expect(lineRateBp(add, add.tiers.get("member")!, "coffee", "coffee")).toBe(600);
  });
});

describe("lineActivation and isPending", () => {
  it("a category's own activation first, else the program's", () => {
    const rules = compileRules(park);
    expect(lineActivation(rules, "ticket")).toEqual({ on: "validation" });
    expect(lineActivation(rules, "food")).toEqual({ afterDays: 0 });
    expect(lineActivation(compileRules(coalition), "coffee")).toEqual({ afterDays: 7 });
  });

  it("points wait for a validation or a return window of at least a day", () => {
    expect(isPending({ on: "validation" })).toBe(true);
    expect(isPending({ afterDays: 1 })).toBe(true);
    expect(isPending({ afterDays: 0 })).toBe(false);
  });
});

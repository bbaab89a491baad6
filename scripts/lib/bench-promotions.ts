// N promotions for the football club as a busy marketing team would run them, for the benchmarks:
// every effect type, most of them restricted (codes, tiers, segments, weekdays, other stores,
// other goods, thresholds) so that, as in real life, a basket meets a few and is refused by the
// rest — the engine still has to look at all of them. Deterministic: the same N gives the same file.
import type { PromotionDefinition } from "@/lib/promotions/definition";

const CATEGORIES = ["ticket", "merch", "food", "season-ticket"];
const TIERS = ["novice", "regular", "supporter", "ultra", "veteran", "legend"];
const STORE_TAGS = ["stadium", "online", "bar", "cafe", "tickets"];
const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;

function effect(i: number): PromotionDefinition["effect"] {
  switch (i % 8) {
    case 0:
      return { type: "percentOff", percent: 5 + (i % 20), maxDiscount: 100_000 + i * 1_000 };
    case 1:
      return { type: "buyXgetY", buy: 2 + (i % 2), get: 1, percent: 100, maxTimes: 2 };
    case 2:
      return { type: "amountOff", amount: 20_000 + (i % 10) * 5_000 };
    case 3:
      return { type: "bonusPoints", points: 50 + (i % 10) * 25 };
    case 4:
      return { type: "pointsMultiplier", multiplier: 2 };
    case 5:
      return { type: "bonusPoints", percent: 2 + (i % 5) };
    case 6:
      return { type: "promoAccount", points: 100 + (i % 4) * 50, expiresInDays: 30 };
    default:
      return { type: "fixedPrice", unitPrice: 99_000 };
  }
}

export function benchPromotions(n: number): PromotionDefinition[] {
  return Array.from({ length: n }, (_, i) => {
    const e = effect(i);
    const def: PromotionDefinition = {
      code: `bench-${String(i).padStart(3, "0")}`,
      name: { en: `Bench promotion ${i}`, ru: `Акция ${i}` },
      status: "active",
      trigger: i % 5 === 0 ? "code" : "auto",
      effect: e,
      basket: { items: { categories: [CATEGORIES[i % CATEGORIES.length]] }, ...(i % 3 === 0 ? { minAmount: 300_000 + (i % 7) * 100_000 } : {}) },
      stacking: { priority: i % 50, group: i % 4 === 0 ? `group-${i % 6}` : undefined, exclusive: i % 100 === 50 },
      ...(i % 5 === 0 ? { codes: { shared: `BENCH${i}` } } : {}),
      ...(i % 6 === 1 ? { audience: { tiers: [TIERS[i % TIERS.length], TIERS[(i + 2) % TIERS.length]] } } : {}),
      ...(i % 6 === 2 ? { audience: { holdoutPercent: 10 } } : {}),
      ...(i % 7 === 3 ? { validity: { weekdays: [WEEKDAYS[i % 7], WEEKDAYS[(i + 3) % 7]], hours: [{ from: "10:00", to: "22:00" }] } } : {}),
      ...(i % 4 === 2 ? { where: { storeTags: [STORE_TAGS[i % STORE_TAGS.length]] } } : {}),
      ...(i % 10 === 7 ? { limits: { perCustomer: { uses: 3, period: "month" }, total: 1_000_000, budget: { money: 1_000_000_000, points: 100_000_000 } } } : {}),
    };
    if (!def.stacking!.group) delete def.stacking!.group;
    return def;
  });
}

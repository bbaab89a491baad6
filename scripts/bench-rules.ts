// npm run bench:rules — prices a 50-line basket many times and prints µs per call.
// The pricing is pure, so this is the CPU cost a POS calculate adds on top of its I/O.
// The last two runs add 200 active promotions (scripts/lib/bench-promotions.ts; target p99 < 1 ms).
import { performance } from "node:perf_hooks";
import { promotionOrThrow } from "@/lib/promotions/definition";
import type { ActivePromotion } from "@/lib/promotions/engine";
import { priceBasket, type PriceBasketInput } from "@/lib/rules/price-basket";
import { referenceProgram } from "@/lib/rules/reference-programs";
import { benchPromotions } from "./lib/bench-promotions";

const ITERATIONS = Number(process.argv[2] ?? 20_000);
const CATEGORIES = ["ticket", "merch", "food", "season-ticket", "gift-card"];

function basket(program: "football-club" | "coalition", redeem: boolean): PriceBasketInput {
  const definition = referenceProgram(program);
  const store = definition.stores[0];
  const lines = Array.from({ length: 50 }, (_, i) => ({
    lineNo: i + 1,
    sku: `SKU-${i}`,
    category: CATEGORIES[i % CATEGORIES.length],
    quantity: i % 7 === 0 ? 0.455 + i / 1000 : 1 + (i % 3),
    price: 9_900 + i * 1_337,
    discount: i % 5 === 0 ? 500 : 0,
  }));
  const input: PriceBasketInput = {
    definition,
    customer: { tierCode: definition.tiers[2].code, balances: { main: 1_000_000, promo: 0 }, blocked: false },
    store: { code: store.code, partnerCode: store.partner ?? null, tags: store.tags },
    lines,
    redeemPoints: 0,
  };
  return redeem ? { ...input, redeemPoints: Math.floor(priceBasket(input).maxRedeemablePoints * 0.77) } : input;
}

/** One input for every call, or one per call (built before the clock starts). */
function bench(label: string, input: PriceBasketInput | PriceBasketInput[]) {
  const at = (i: number) => (Array.isArray(input) ? input[i % input.length] : input);
  for (let i = 0; i < 2_000; i++) priceBasket(at(i + ITERATIONS)); // warm up the JIT
  const samples = new Float64Array(ITERATIONS);
  let sink = 0;
  for (let i = 0; i < ITERATIONS; i++) {
    const one = at(i);
    const t0 = performance.now();
    sink += priceBasket(one).totals.pointsEarned;
    samples[i] = (performance.now() - t0) * 1000;
  }
  samples.sort();
  const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
  const q = (x: number) => samples[Math.min(samples.length - 1, Math.floor(x * samples.length))];
  const fmt = (n: number) => n.toFixed(1).padStart(7);
  console.log(`${label.padEnd(36)} mean ${fmt(mean)} µs   p50 ${fmt(q(0.5))} µs   p99 ${fmt(q(0.99))} µs   (${sink > 0 ? "ok" : "?"})`);
}

console.log(`priceBasket, 50 lines, ${ITERATIONS} calls each (node ${process.version})`);
bench("football club, earn only", basket("football-club", false));
bench("football club, earn + spend points", basket("football-club", true));
bench("coalition partner store, spend", basket("coalition", true));

const PROMOTIONS = Number(process.argv[3] ?? 200);
// Frozen, as the till's cache of promotions in force hands it out (lib/promotions/store.ts): compiled and sorted once.
const active: readonly ActivePromotion[] = Object.freeze(benchPromotions(PROMOTIONS).map((d, i) => ({ id: `prm_${i}`, versionId: `pmv_${i}`, version: 1, def: promotionOrThrow(d) })));
function withPromotions(input: PriceBasketInput, codes: string[]): PriceBasketInput {
  const customer = { id: "cus_bench", tierCode: input.customer!.tierCode, blocked: false, registeredAt: new Date("2025-01-01T00:00:00Z"), birthday: null, segments: new Set<string>() };
  const at = new Date("2026-12-05T12:00:00+03:00"); // a Saturday noon: weekday and hour windows are live
  const byShared = new Map(active.flatMap((p) => (p.def.codes?.shared ? [[p.def.code, p.def.codes.shared] as const] : [])));
  return { ...input, promotions: { list: active, context: { at, timeZone: "Europe/Moscow", customer, codes: new Map(codes.map((c) => [c, byShared.get(c)!])) } } };
}
const promoBasket = withPromotions(basket("football-club", false), ["bench-000", "bench-040"]);
const sample = priceBasket(promoBasket).promotions;
console.log(`with ${active.length} active promotions: ${sample.applied.length} apply to the basket, ${sample.rejected.length} are refused with a reason`);
bench(`football club, ${active.length} promotions`, promoBasket);
bench(`football club, ${active.length} promotions + spend`, { ...promoBasket, redeemPoints: Math.floor(priceBasket(promoBasket).maxRedeemablePoints * 0.77) });

// The till's receipt as `npm run profile:confirm` sends it (3 lines), a different member each call:
// nothing about the customer (holdout buckets) is known from the call before.
const till = withPromotions(
  {
    ...basket("football-club", false),
    lines: [
      { lineNo: 1, sku: "JERSEY-HOME", category: "merch", quantity: 1, price: 790000 },
      { lineNo: 2, sku: "SCARF", category: "merch", quantity: 2, price: 150000 },
      { lineNo: 3, sku: "TICKET-N12", category: "ticket", quantity: 1, price: 250000 },
    ],
  },
  [],
);
const members = Array.from({ length: ITERATIONS + 2_000 }, (_, i) => ({
  ...till,
  promotions: { ...till.promotions!, context: { ...till.promotions!.context, customer: { ...till.promotions!.context.customer!, id: `cus_${i.toString(36)}x${(i * 7919).toString(36)}` } } },
}));
bench(`till receipt, 3 lines, ${active.length} promotions`, members);

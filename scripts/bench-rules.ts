// npm run bench:rules — prices a 50-line basket many times and prints µs per call.
// The pricing is pure, so this is the CPU cost a POS calculate adds on top of its I/O.
import { performance } from "node:perf_hooks";
import { priceBasket, type PriceBasketInput } from "@/lib/rules/price-basket";
import { referenceProgram } from "@/lib/rules/reference-programs";

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

function bench(label: string, input: PriceBasketInput) {
  for (let i = 0; i < 2_000; i++) priceBasket(input); // warm up the JIT
  const samples = new Float64Array(ITERATIONS);
  let sink = 0;
  for (let i = 0; i < ITERATIONS; i++) {
    const t0 = performance.now();
    sink += priceBasket(input).totals.pointsEarned;
    samples[i] = (performance.now() - t0) * 1000;
  }
  samples.sort();
  const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))];
  const fmt = (n: number) => n.toFixed(1).padStart(7);
  console.log(`${label.padEnd(36)} mean ${fmt(mean)} µs   p50 ${fmt(at(0.5))} µs   p99 ${fmt(at(0.99))} µs   (${sink > 0 ? "ok" : "?"})`);
}

console.log(`priceBasket, 50 lines, ${ITERATIONS} calls each (node ${process.version})`);
bench("football club, earn only", basket("football-club", false));
bench("football club, earn + spend points", basket("football-club", true));
bench("coalition partner store, spend", basket("coalition", true));

// npx tsx scripts/legacy-sample.ts — writes programs/legacy-sample/: legacy files of the football club (300 fans with
// Russian names, lots, history with returns, achievements) for the console's import page and its e2e. Deterministic.
import { fakerRU } from "@faker-js/faker";
import { generateLegacyFiles } from "@/lib/import/generate";
import { referenceProgramJson } from "@/lib/rules/reference-programs";
const json = referenceProgramJson("football-club") as { stores: { code: string }[]; tiers: { code: string }[] };
fakerRU.seed(2026);
const counts = await generateLegacyFiles({
  dir: "programs/legacy-sample",
  customers: 300,
  lotsPerCustomer: 2,
  historyPerCustomer: 4,
  stores: json.stores.filter((s) => !["stadium-gates"].includes(s.code)).map((s) => s.code),
  tiers: json.tiers.map((t) => t.code),
  now: new Date("2026-11-30T12:00:00Z"),
  seed: 7,
  expiryDays: [900, 1600],
  names: (i, rnd) => {
    const sex = rnd() < 0.7 ? "male" : "female";
    const first = fakerRU.person.firstName(sex);
    const last = fakerRU.person.lastName(sex);
    return { first, last, email: rnd() < 0.6 ? `fan.${i}@example.ru` : null };
  },
  achievements: [
    ["legacy-50-matches", "50 home matches (old fan card)"],
    ["legacy-cup-final", "Was there: cup final 2019"],
    ["legacy-away-10", "10 away trips (old fan card)"],
  ],
});
console.log(counts);

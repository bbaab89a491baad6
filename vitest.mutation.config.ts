// The pure pricing tests that mutation testing runs (`npm run test:mutation`): no database, no
// global setup. Stryker mutates lib/rules and runs, per mutant, only the tests that reach it.
import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["lib/rules/**/*.test.ts", "lib/promotions/engine*.test.ts"],
    exclude: ["node_modules/**", ".stryker-tmp/**"],
    pool: "forks",
    maxWorkers: 1,
    testTimeout: 120_000,
    env: { PROPERTY_RUNS_SCALE: "0.2" },
  },
});

// Mutation testing of the pricing core (issue 12): `npm run test:mutation`. The score goes to
// docs/benchmarks.md; the run is not a CI step (it takes minutes).
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
const config = {
  testRunner: "vitest",
  vitest: { configFile: "vitest.mutation.config.ts" },
  mutate: ["lib/rules/**/*.ts", "!lib/rules/**/*.test.ts", "!lib/rules/types.ts", "!lib/rules/reference-programs.ts"],
  coverageAnalysis: "perTest",
  concurrency: 2,
  reporters: ["clear-text", "progress", "json"],
  jsonReporter: { fileName: "reports/mutation/lib-rules.json" },
  thresholds: { high: 90, low: 80, break: null },
  tempDirName: ".stryker-tmp",
  cleanTempDir: "always",
  timeoutMS: 30000,
};

export default config;

import { defineConfig, devices } from "@playwright/test";
import { CHROMIUM_ARGS, chromiumExecutable } from "./e2e/browser";

// scripts/e2e.ts starts a production server on a fresh seeded database and sets E2E_BASE_URL.
const baseURL = process.env.E2E_BASE_URL ?? "http://localhost:3000";
const executablePath = chromiumExecutable();
const launchOptions = { executablePath, args: CHROMIUM_ARGS };

export default defineConfig({
  testDir: "e2e",
  outputDir: "e2e/artifacts/results",
  fullyParallel: false,
  workers: 2,
  retries: 0,
  forbidOnly: true,
  // A guard against hangs, not a performance target: the 2-core machines also run PostgreSQL and the seed.
  timeout: 120_000,
  expect: { timeout: 15_000 },
  // The JSON report feeds the digest of failures that `npm test` prints after its summary (CI keeps the tail).
  reporter: [["list"], ["json", { outputFile: "e2e/artifacts/report.json" }]],
  use: { baseURL, trace: "retain-on-failure", screenshot: "only-on-failure", launchOptions },
  projects: [
    // One project; specs live in a folder per area (e2e/public, e2e/cabinet, e2e/console, …).
    { name: "chromium", testMatch: /.*\.spec\.ts/, use: { ...devices["Desktop Chrome"], launchOptions } },
  ],
});

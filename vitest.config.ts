import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["lib/**/*.test.ts", "scripts/**/*.test.ts", "app/**/*.test.ts", "test/**/*.test.ts"],
    exclude: ["node_modules/**", "e2e/**", ".next/**"],
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Integration tests share one fresh database; files run in parallel on 2 cores.
    pool: "forks",
    maxWorkers: 2,
    // Tests that fire 50 transactions at a pool of 20 wait for connections; on 2 loaded cores that wait can pass
    // the production fail-fast default (3 s). test/security/db-crash.test.ts sets its own short timeout.
    env: { DB_CONNECT_TIMEOUT_MS: "20000" },
  },
});

// npm test — the whole suite, in order: types, lint, formatting (Prettier), unit + integration (Vitest), e2e (Playwright).
import path from "node:path";
import { run } from "./lib/build";
import { e2eFailureDigest } from "./lib/e2e-digest";

const steps: [string, string, string[]][] = [
  ["type-check", process.execPath, [path.resolve("node_modules/typescript/bin/tsc"), "--noEmit", "-p", "."]],
  ["lint", process.execPath, [path.resolve("node_modules/eslint/bin/eslint.js"), ".", "--max-warnings=0"]],
  ["format", process.execPath, [path.resolve("node_modules/prettier/bin/prettier.cjs"), "--check", "."]],
  ["unit + integration", process.execPath, [path.resolve("node_modules/vitest/vitest.mjs"), "run"]],
  ["e2e", process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), "scripts/e2e.ts"]],
];

const results: [string, number, number][] = [];
for (const [name, cmd, args] of steps) {
  console.log(`\n=== ${name} ===`);
  const started = Date.now();
  const code = await run(cmd, args);
  results.push([name, code, (Date.now() - started) / 1000]);
  if (code !== 0) break;
}
console.log("\n=== summary ===");
for (const [name, code, secs] of results) console.log(`${code === 0 ? "PASS" : "FAIL"}  ${name.padEnd(20)} ${secs.toFixed(1)} s`);
const failed = results.filter(([, code]) => code !== 0);
for (const [name] of steps.slice(results.length).map((s) => [s[0]])) console.log(`SKIP  ${name}`);
// CI shows the last lines of the output: the failed e2e tests and their first error lines come last.
if (failed.some(([name]) => name === "e2e")) console.log(`\n${e2eFailureDigest("e2e/artifacts/report.json")}`);
console.log(failed.length ? `\n${failed.map((f) => f[0]).join(", ")} failed.` : "\nAll test layers passed.");
process.exit(failed.length ? 1 : 0);

// A short digest of the failed Playwright tests from its JSON report: the test, where it failed and
// the first lines of the error — what a CI log's tail needs to say why the e2e layer failed.
import { existsSync, readFileSync } from "node:fs";

type Result = { status: string; error?: { message?: string; location?: { file: string; line: number } }; errors?: { message?: string }[] };
type Spec = { title: string; file: string; line: number; tests: { results: Result[] }[] };
type Suite = { specs?: Spec[]; suites?: Suite[] };

const ANSI = /\u001b\[[0-9;]*m/g;

function specs(suite: Suite): Spec[] {
  return [...(suite.specs ?? []), ...(suite.suites ?? []).flatMap(specs)];
}

/** Up to `linesPerTest` lines of the first error of every failed (or timed-out) test, or why there is no report. */
export function e2eFailureDigest(reportPath: string, linesPerTest = 6): string {
  if (!existsSync(reportPath)) return `e2e: no report at ${reportPath} (the run stopped before Playwright finished).`;
  const report = JSON.parse(readFileSync(reportPath, "utf8")) as { suites?: Suite[]; errors?: { message?: string }[] };
  const out: string[] = [];
  for (const spec of (report.suites ?? []).flatMap(specs)) {
    const failed = spec.tests.flatMap((t) => t.results).filter((r) => r.status === "failed" || r.status === "timedOut" || r.status === "interrupted");
    for (const r of failed) {
      const at = r.error?.location ? `${r.error.location.file.replace(/^.*?\/e2e\//, "e2e/")}:${r.error.location.line}` : `${spec.file}:${spec.line}`;
      out.push(`✘ ${spec.title} (${r.status}) at ${at}`);
      const message = (r.error?.message ?? r.errors?.[0]?.message ?? "").replace(ANSI, "");
      const lines = message.split("\n").filter((l) => l.trim() !== "");
      out.push(...lines.slice(0, linesPerTest).map((l) => `    ${l.slice(0, 240)}`));
    }
  }
  for (const e of report.errors ?? []) out.push(`✘ ${(e.message ?? "").replace(ANSI, "").split("\n")[0]}`);
  return out.length ? `=== e2e failures ===\n${out.join("\n")}` : "e2e: the report lists no failed test.";
}

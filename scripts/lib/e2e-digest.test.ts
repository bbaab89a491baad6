import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { e2eFailureDigest } from "./e2e-digest";

const spec = (title: string, status: string, message?: string) => ({
  title,
  file: "partner/customers.spec.ts",
  line: 24,
  tests: [{ results: [{ status, ...(message ? { error: { message, location: { file: "/ci/e2e/partner/customers.spec.ts", line: 39 } } } : {}) }] }],
});

function report(body: unknown) {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "digest-")), "report.json");
  writeFileSync(file, JSON.stringify(body));
  return file;
}

describe("e2eFailureDigest", () => {
  it("names each failed or timed-out test, where it failed, and its first error lines without colours", () => {
    const file = report({
      suites: [
        {
          suites: [
            {
              specs: [
                spec("groups", "failed", "\u001b[31mError: expect(locator).toHaveCount(2)\u001b[39m\n\nExpected: 2\nReceived: 3\nline 4\nline 5\nline 6\nline 7"),
                spec("fine", "passed"),
                spec("slow", "timedOut", "Test timeout of 120000ms exceeded."),
              ],
            },
          ],
        },
      ],
    });
    const digest = e2eFailureDigest(file, 3);
    expect(digest.split("\n")).toEqual([
      "=== e2e failures ===",
      "✘ groups (failed) at e2e/partner/customers.spec.ts:39",
      "    Error: expect(locator).toHaveCount(2)",
      "    Expected: 2",
      "    Received: 3",
      "✘ slow (timedOut) at e2e/partner/customers.spec.ts:39",
      "    Test timeout of 120000ms exceeded.",
    ]);
  });

  it("says when there is no report or nothing failed", () => {
    expect(e2eFailureDigest("/nonexistent/report.json")).toMatch(/no report/);
    expect(e2eFailureDigest(report({ suites: [{ specs: [spec("fine", "passed")] }] }))).toMatch(/no failed test/);
  });
});

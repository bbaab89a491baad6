import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { GC_PROBE_MODULE, GC_PROBE_OPTION, parseProbe, readProbe, requireOption, summarizeProbe } from "./gc-probe-read";

const line = (from: number, gc: [number, number, number][], delayMax = 1) => JSON.stringify({ from, to: from + 250, pid: 1, gc, delayMax });

describe("summarizeProbe", () => {
  const t = 1_000_000;
  const text = [
    line(t - 250, [[t - 100, 1, 50]], 80), // before the run: its pause is not counted, its window ends at t
    line(t, [
      [t + 10, 1, 2.5],
      [t + 200, 4, 12],
    ]),
    line(t + 1000, [[t + 1100, 1, 3]], 40),
    line(t + 2250, [[t + 2300, 4, 30]], 90), // after the run
    '{"from": 1, "to"', // torn line
  ].join("\n");

  it("sums the pauses that started inside the run, by kind, with the longest", () => {
    const s = summarizeProbe(parseProbe(text), t, t + 2000);
    expect(s.pauseMs).toBe(17.5);
    expect(s.scavenges).toBe(2);
    expect(s.majors).toBe(1);
    expect(s.longestMs).toBe(12);
    expect(s.longestKind).toBe("major");
  });

  it("takes the event loop's longest delay of the windows inside the run, per second too", () => {
    const s = summarizeProbe(parseProbe(text), t, t + 2000);
    expect(s.delayMaxMs).toBe(40);
    expect(s.perSecond).toEqual([
      { pauseMaxMs: 12, delayMaxMs: 1 },
      { pauseMaxMs: 3, delayMaxMs: 40 },
    ]);
  });

  it("skips lines that are not the probe's", () => {
    expect(parseProbe('\n{"x": 1}\nnot json\n')).toEqual([]);
  });
});

describe("the probe in a cluster worker", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "gc-probe-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("records a forced mark-compact and a blocked event loop of the worker, and nothing of the primary", () => {
    const file = path.join(dir, "probe.jsonl");
    const script = path.join(dir, "worker.cjs");
    writeFileSync(
      script,
      `const cluster = require("node:cluster");
      if (cluster.isPrimary) {
        cluster.setupPrimary({ execArgv: ["--expose-gc"] });
        cluster.fork().on("exit", (code) => process.exit(code));
      } else {
        setTimeout(() => {
          globalThis.gc();
          const until = Date.now() + 120; while (Date.now() < until) {}
          setTimeout(() => process.exit(0), 600);
        }, 300);
      }`,
    );
    const from = Date.now();
    execFileSync(process.execPath, [script], { env: { ...process.env, NODE_OPTIONS: GC_PROBE_OPTION, TRIBUNE_GC_PROBE: file }, timeout: 20_000 });
    const s = readProbe(file, from, Date.now());
    expect(s).not.toBeNull();
    expect(s!.majors).toBeGreaterThanOrEqual(1);
    expect(s!.delayMaxMs).toBeGreaterThanOrEqual(100);
    const pids = new Set(parseProbe(readFileSync(file, "utf8")).map((l) => l.pid));
    expect(pids.size).toBe(1);
  });

  it("is preloaded from a path with a space and a quote in it", () => {
    const odd = path.join(dir, 'a "b c"');
    mkdirSync(odd);
    copyFileSync(GC_PROBE_MODULE, path.join(odd, "gc-probe.cjs"));
    const file = path.join(dir, "odd.jsonl");
    const script = path.join(dir, "idle.cjs");
    writeFileSync(script, `const cluster = require("node:cluster"); if (cluster.isPrimary) cluster.fork().on("exit", (c) => process.exit(c)); else setTimeout(() => process.exit(0), 700);`);
    execFileSync(process.execPath, [script], { env: { ...process.env, NODE_OPTIONS: requireOption(path.join(odd, "gc-probe.cjs")), TRIBUNE_GC_PROBE: file }, timeout: 20_000 });
    expect(parseProbe(readFileSync(file, "utf8")).length).toBeGreaterThan(0);
  });

  it("has nothing to report without its file", () => {
    expect(readProbe(path.join(dir, "none.jsonl"), 0, Date.now())).toBeNull();
  });
});

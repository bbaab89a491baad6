// The web workers' garbage-collection pauses and event-loop delay over one benchmark run, from the
// lines scripts/lib/gc-probe.cjs writes (bench:pos preloads it into the app server).
import { readFileSync } from "node:fs";
import path from "node:path";
import { constants } from "node:perf_hooks";

/** The preload's path. */
export const GC_PROBE_MODULE = path.resolve(import.meta.dirname, "gc-probe.cjs");

/** NODE_OPTIONS' option that preloads `file` (double-quoted: NODE_OPTIONS splits at spaces outside quotes). */
export function requireOption(file: string): string {
  return `--require "${file.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`;
}

/** The option that preloads the probe. */
export const GC_PROBE_OPTION = requireOption(GC_PROBE_MODULE);

interface ProbeLine {
  from: number;
  to: number;
  pid: number;
  gc: [at: number, kind: number, ms: number][];
  delayMax: number;
}

export interface GcSummary {
  /** Pauses of every kind, summed, in ms. */
  pauseMs: number;
  scavenges: number;
  /** Mark-compact collections (their final, stop-the-world pause). */
  majors: number;
  /** The longest single pause, ms, and its kind ("minor", "major", …). */
  longestMs: number;
  longestKind: string;
  /** The event loop's longest delay in the run (ms): how long a ready request could wait for the worker. */
  delayMaxMs: number;
  /** The longest pause and the longest event-loop delay in each second of the run (index: second from `from`). */
  perSecond: { pauseMaxMs: number; delayMaxMs: number }[];
}

/** node:perf_hooks' kinds of a GC entry, by name. */
const KIND: Record<number, string> = {
  [constants.NODE_PERFORMANCE_GC_MINOR]: "minor",
  [constants.NODE_PERFORMANCE_GC_MAJOR]: "major",
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: "incremental",
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: "weak callbacks",
};

/** Parses the probe's lines; a torn last line (written while read) is skipped. */
export function parseProbe(text: string): ProbeLine[] {
  const out: ProbeLine[] = [];
  for (const raw of text.split("\n")) {
    if (!raw.trim()) continue;
    try {
      const l = JSON.parse(raw) as ProbeLine;
      if (typeof l.from === "number" && typeof l.to === "number" && Array.isArray(l.gc)) out.push(l);
    } catch {
      // A line being written while read.
    }
  }
  return out;
}

/**
 * The pauses that started in [from, to) and the delays of the probe's windows that overlap it
 * (a window is a quarter second: its delay is counted in each second it touches).
 */
export function summarizeProbe(lines: readonly ProbeLine[], from: number, to: number): GcSummary {
  const seconds = Math.max(1, Math.ceil((to - from) / 1000));
  const perSecond = Array.from({ length: seconds }, () => ({ pauseMaxMs: 0, delayMaxMs: 0 }));
  const s: GcSummary = { pauseMs: 0, scavenges: 0, majors: 0, longestMs: 0, longestKind: "", delayMaxMs: 0, perSecond };
  for (const l of lines) {
    if (l.to <= from || l.from >= to) continue;
    s.delayMaxMs = Math.max(s.delayMaxMs, l.delayMax);
    const first = Math.max(0, Math.floor((l.from - from) / 1000));
    const last = Math.min(seconds - 1, Math.floor((l.to - 1 - from) / 1000));
    for (let i = first; i <= last; i++) perSecond[i].delayMaxMs = Math.max(perSecond[i].delayMaxMs, l.delayMax);
    for (const [at, kind, ms] of l.gc) {
      if (at < from || at >= to) continue;
      s.pauseMs += ms;
      if (kind === constants.NODE_PERFORMANCE_GC_MINOR) s.scavenges++;
      if (kind === constants.NODE_PERFORMANCE_GC_MAJOR) s.majors++;
      if (ms > s.longestMs) {
        s.longestMs = ms;
        s.longestKind = KIND[kind] ?? String(kind);
      }
      const i = Math.floor((at - from) / 1000);
      perSecond[i].pauseMaxMs = Math.max(perSecond[i].pauseMaxMs, ms);
    }
  }
  return s;
}

/** The probe's file over [from, to); null when there is none (the probe was not loaded). */
export function readProbe(file: string, from: number, to: number): GcSummary | null {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return null;
  }
  return summarizeProbe(parseProbe(text), from, to);
}

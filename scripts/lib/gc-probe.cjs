// Preloaded into the app server's web workers by bench:pos (NODE_OPTIONS --require, with
// TRIBUNE_GC_PROBE=<file>): every garbage-collection pause of the worker's main thread and the
// event loop's delay, so a run's tail can be told apart — the app's collector, the app's event loop
// held by something else, or neither (the database, the machine). Nothing is loaded in production.
//
// The file gets one JSON line per quarter second: {"from": epoch ms, "to": epoch ms, "pid",
// "gc": [[epoch ms at the pause's start, kind, ms], …], "delayMax": ms} — kind as node:perf_hooks
// numbers it (`constants.NODE_PERFORMANCE_GC_*`: 1 minor / scavenge, 4 major / mark-compact, 8
// incremental marking, 16 weak callbacks). Read by scripts/lib/gc-probe-read.ts.
"use strict";
const cluster = require("node:cluster");
const file = process.env.TRIBUNE_GC_PROBE;
if (file && cluster.isWorker) {
  const { appendFileSync } = require("node:fs");
  const { PerformanceObserver, monitorEventLoopDelay, performance } = require("node:perf_hooks");
  let gc = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) gc.push([Math.round(performance.timeOrigin + e.startTime), e.detail ? e.detail.kind : 0, Number(e.duration.toFixed(2))]);
  }).observe({ entryTypes: ["gc"] });
  const delay = monitorEventLoopDelay({ resolution: 2 });
  delay.enable();
  let from = Date.now();
  const flush = () => {
    const to = Date.now();
    const line = { from, to, pid: process.pid, gc, delayMax: Number((delay.max / 1e6).toFixed(2)) };
    gc = [];
    delay.reset();
    from = to;
    try {
      appendFileSync(file, JSON.stringify(line) + "\n");
    } catch {
      // The benchmark removed its directory: nothing to report to.
    }
  };
  setInterval(flush, 250).unref();
}

// The worker threads of a parallel what-if replay: `threads` threads, started from
// worker-entry.mjs (which registers tsx, then runs worker.ts), each on its own connection, take
// the key ranges of customers one at a time from a queue — a thread done with a range takes the
// next, so a range with more events than the others does not hold the replay back.
// Plain JavaScript, loaded by run.ts at run time from its file on disk (not bundled): so the
// Next.js server, whose in-process job worker runs the console's "Simulate", starts the same
// threads as the CLI and `npm run worker` — a bundler never follows the worker's entry into tsx.
import path from "node:path";
import { Worker } from "node:worker_threads";

const YOUNG_GENERATION_MB = 96;

/** @typedef {import("./worker").WorkerInput} WorkerInput */
/** @typedef {import("./worker").WorkerMessage} WorkerMessage */
/** @typedef {import("./worker").WorkerCommand} WorkerCommand */
/** @typedef {import("./replay").ReplayTotals} ReplayTotals */
/** @typedef {import("./range").ReplayTiming} ReplayTiming */
/** @typedef {import("./range").CustomerRange} CustomerRange */

/**
 * Every range replayed on `threads` worker threads; the totals in the ranges' order.
 * `onCustomers(i, n)`: range i has read n customers.
 * @param {WorkerInput & { threads: number }} input
 * @param {CustomerRange[]} ranges
 * @param {(i: number, n: number) => void} onCustomers
 * @param {ReplayTiming} [timing]
 * @returns {Promise<ReplayTotals[]>}
 */
export function replayOnWorkers(input, ranges, onCustomers, timing) {
  const entry = path.resolve(process.cwd(), "lib/simulation/worker-entry.mjs");
  const { threads, ...workerData } = input;
  /** @type {ReplayTotals[]} */
  const out = new Array(ranges.length);
  let next = 0;
  let done = 0;
  return new Promise((resolve, reject) => {
    /** @type {Worker[]} */
    const workers = [];
    /** Threads told to stop (no range left): their exit is expected. */
    const ended = new Set();
    let settled = false;
    const fail = (/** @type {Error} */ err) => {
      if (settled) return;
      settled = true;
      for (const w of workers) void w.terminate();
      reject(err);
    };
    const give = (/** @type {Worker} */ w) => {
      if (next < ranges.length) {
        const i = next++;
        w.postMessage(/** @type {WorkerCommand} */ ({ kind: "range", i, range: ranges[i] }));
      } else {
        ended.add(w);
        w.postMessage(/** @type {WorkerCommand} */ ({ kind: "end" }));
      }
    };
    for (let k = 0; k < Math.min(threads, ranges.length); k++) {
      // A larger young generation: the replay makes many short-lived objects per receipt, and fewer
      // scavenges cost less (bench:import gives its process the same, --max-semi-space-size).
      const w = new Worker(entry, { workerData, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
      workers.push(w);
      w.on("message", (/** @type {WorkerMessage} */ m) => {
        if (m.kind === "progress") onCustomers(m.i, m.customers);
        else if (m.kind === "failed") fail(new Error(m.message));
        else {
          out[m.i] = m.totals;
          if (timing) {
            timing.sqlMs += m.timing.sqlMs;
            timing.replayMs += m.timing.replayMs;
          }
          done++;
          give(w);
          if (done === ranges.length && !settled) {
            settled = true;
            resolve(out);
          }
        }
      });
      w.on("error", fail);
      w.on("exit", (code) => {
        if (!ended.has(w)) fail(new Error(`simulation worker stopped (exit code ${code}) without a result`));
      });
      give(w);
    }
  });
}

// The worker threads of a parallel what-if replay (run.ts imports this module at run time only,
// outside the Next.js server): one thread per key range of customers, started from
// worker-entry.mjs (which registers tsx, then runs worker.ts), each on its own connection.
import path from "node:path";
import { Worker } from "node:worker_threads";
import type { ReplayTiming } from "./range";
import type { ReplayTotals } from "./replay";
import type { WorkerInput, WorkerMessage } from "./worker";

function runWorker(input: WorkerInput, onCustomers: (n: number) => void, timing?: ReplayTiming): Promise<ReplayTotals> {
  const entry = path.resolve(process.cwd(), "lib/simulation/worker-entry.mjs");
  return new Promise((resolve, reject) => {
    const w = new Worker(entry, { workerData: input });
    let totals: ReplayTotals | null = null;
    w.on("message", (m: WorkerMessage) => {
      if (m.kind === "progress") onCustomers(m.customers);
      else {
        totals = m.totals;
        if (timing) {
          timing.sqlMs += m.timing.sqlMs;
          timing.replayMs += m.timing.replayMs;
        }
      }
    });
    w.on("error", reject);
    w.on("exit", (code) => (totals ? resolve(totals) : reject(new Error(`simulation worker stopped (exit code ${code}) without a result`))));
  });
}

/** Each input's range on its own thread; the totals in the inputs' order. `onCustomers(i, n)`: range i has read n customers. */
export function replayOnWorkers(inputs: WorkerInput[], onCustomers: (i: number, n: number) => void, timing?: ReplayTiming): Promise<ReplayTotals[]> {
  return Promise.all(inputs.map((input, i) => runWorker(input, (n) => onCustomers(i, n), timing)));
}

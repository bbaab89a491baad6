// A worker thread of a parallel what-if replay (parallel.mjs starts the threads through
// worker-entry.mjs): on its own database connection it replays the key ranges of customers the
// main thread hands it one at a time (a thread that finishes early takes the next range, so
// ranges with more events than others do not hold the whole replay back), posting the number of
// customers read after each page and each range's totals.
import type { ReplayTotals } from "./replay";
import { parentPort, workerData } from "node:worker_threads";
import { createDb } from "@/lib/db/client";
import { replayRange, type CustomerRange, type ReplayContext, type ReplayTiming } from "./range";

export interface WorkerInput {
  databaseUrl: string;
  ctx: ReplayContext;
  batch: number;
}

/** Main thread → worker: replay range `i`, or stop. */
export type WorkerCommand = { kind: "range"; i: number; range: CustomerRange } | { kind: "end" };

/** Worker → main thread: customers read so far in range `i`, range `i`'s totals, or its failure. */
export type WorkerMessage =
  { kind: "progress"; i: number; customers: number } | { kind: "done"; i: number; totals: ReplayTotals; timing: ReplayTiming } | { kind: "failed"; i: number; message: string };

const input = workerData as WorkerInput;
const db = createDb(input.databaseUrl);
const port = parentPort!;
const post = (m: WorkerMessage) => port.postMessage(m);

port.on("message", (cmd: WorkerCommand) => {
  if (cmd.kind === "end") {
    void db.$disconnect().finally(() => port.close());
    return;
  }
  const timing: ReplayTiming = { sqlMs: 0, replayMs: 0 };
  replayRange(db, input.ctx, cmd.range, { batch: input.batch, timing, onPage: (customers) => post({ kind: "progress", i: cmd.i, customers }) }).then(
    (totals) => post({ kind: "done", i: cmd.i, totals, timing }),
    (err: unknown) => post({ kind: "failed", i: cmd.i, message: err instanceof Error ? err.message : String(err) }),
  );
});

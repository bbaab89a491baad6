// A worker thread of a parallel what-if replay (run.ts starts one per key range of customers,
// through worker-entry.mjs): replays its range on its own database connection, posts the number
// of customers read after each page and finally the range's totals.
import type { ReplayTotals } from "./replay";
import { parentPort, workerData } from "node:worker_threads";
import { createDb } from "@/lib/db/client";
import { replayRange, type CustomerRange, type ReplayContext, type ReplayTiming } from "./range";

export interface WorkerInput {
  databaseUrl: string;
  ctx: ReplayContext;
  range: CustomerRange;
  batch: number;
}

export type WorkerMessage = { kind: "progress"; customers: number } | { kind: "done"; totals: ReplayTotals; timing: ReplayTiming };

const input = workerData as WorkerInput;
const db = createDb(input.databaseUrl);
try {
  const post = (m: WorkerMessage) => parentPort!.postMessage(m);
  const timing: ReplayTiming = { sqlMs: 0, replayMs: 0 };
  const totals = await replayRange(db, input.ctx, input.range, { batch: input.batch, timing, onPage: (customers) => post({ kind: "progress", customers }) });
  post({ kind: "done", totals, timing });
} finally {
  await db.$disconnect();
}

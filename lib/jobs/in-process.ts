// The demo runs the background jobs inside the web process (instrumentation.ts calls this when
// TRIBUNE_INPROCESS_WORKER=1). Started at most once per process; stopped with the process.
import { db } from "@/lib/db/client";
import { databaseUrl } from "@/lib/db/url";
import { env } from "@/lib/env";
import { startWorker } from "./worker";

const holder = globalThis as unknown as { __tribuneWorker?: Promise<unknown> };

export function inProcessWorkerEnabled(): boolean {
  // Never while `next build` collects pages: there is no database to schedule jobs in.
  return env().TRIBUNE_INPROCESS_WORKER === "1" && process.env.NEXT_PHASE !== "phase-production-build";
}

export async function startInProcessWorker(log: (l: string) => void = (l) => console.log(`[worker] ${l}`)) {
  if (!inProcessWorkerEnabled() || holder.__tribuneWorker) return;
  holder.__tribuneWorker = (async () => {
    try {
      const boss = await startWorker({ url: databaseUrl(), db: db(), log });
      const stop = () => void boss.stop({ graceful: false, wait: false }).catch(() => {});
      process.once("SIGTERM", stop);
      process.once("SIGINT", stop);
      return boss;
    } catch (e) {
      // The web app keeps serving; the jobs are idempotent and catch up on the next start.
      log(`not started: ${(e as Error).message}`);
      holder.__tribuneWorker = undefined;
      return null;
    }
  })();
  await holder.__tribuneWorker;
}

/** Runs a job now (rather than at its next cron tick) when this process hosts the worker. */
export async function nudgeJob(name: string): Promise<boolean> {
  const boss = (await holder.__tribuneWorker) as { send(name: string, data: object): Promise<unknown> } | null | undefined;
  if (!boss) return false;
  await boss.send(name, {}).catch(() => {});
  return true;
}

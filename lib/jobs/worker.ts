// The job worker on pg-boss (PostgreSQL-backed, no extra server): schedules every job of the
// registry with cron and runs them; `npm run worker` starts it, the demo runs it in-process.
import PgBoss from "pg-boss";
import type { Db } from "@/lib/db/client";
import { now } from "@/lib/clock";
import { allJobs } from "./registry";

export async function startWorker(opts: { url: string; db: Db; log?: (l: string) => void }): Promise<PgBoss> {
  const log = opts.log ?? ((l: string) => console.log(`[worker] ${l}`));
  const boss = new PgBoss({ connectionString: opts.url, max: 4, application_name: "tribune-worker" });
  boss.on("error", (e) => log(`error: ${(e as Error).message}`));
  await boss.start();
  for (const job of allJobs()) {
    await boss.createQueue(job.name);
    await boss.schedule(job.name, job.cron, {}, { tz: "UTC", singletonKey: job.name });
    await boss.work(job.name, { batchSize: 1 }, async () => {
      const started = Date.now();
      const result = await job.run(opts.db, now());
      log(`${job.name}: ${JSON.stringify(result)} in ${Date.now() - started} ms`);
    });
  }
  log(
    `scheduled ${allJobs()
      .map((j) => `${j.name} (${j.cron})`)
      .join(", ")}`,
  );
  return boss;
}

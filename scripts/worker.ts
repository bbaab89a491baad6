// npm run worker — runs the scheduled background jobs until stopped.
import { createDb } from "@/lib/db/client";
import { checkProductionEnv } from "@/lib/env";
import { startWorker } from "@/lib/jobs/worker";
import { openDatabase, runScript } from "./lib/database";

await runScript(async () => {
  checkProductionEnv();
  const database = await openDatabase();
  const db = createDb(database.url);
  const boss = await startWorker({ url: database.url, db });
  const stop = async () => {
    await boss.stop({ graceful: true, wait: true });
    await db.$disconnect();
    await database.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
  await new Promise(() => {});
});

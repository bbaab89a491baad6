// npm run job -- NAME [--at ISO-TIME] — runs one background job once, now (or as of --at).
import { createDb } from "@/lib/db/client";
import { allJobs, findJob } from "@/lib/jobs/registry";
import { openDatabase, runScript } from "./lib/database";

await runScript(async () => {
  const name = process.argv[2];
  const job = name ? findJob(name) : undefined;
  if (!job) {
    console.error(
      `usage: npm run job -- NAME [--at 2026-07-01T00:00:00+03:00]\njobs:\n${allJobs()
        .map((j) => `  ${j.name.padEnd(18)} ${j.description}`)
        .join("\n")}`,
    );
    return 2;
  }
  const atIdx = process.argv.indexOf("--at");
  const at = atIdx > 0 ? new Date(process.argv[atIdx + 1]) : new Date();
  if (Number.isNaN(at.getTime())) {
    console.error("--at must be an ISO 8601 time");
    return 2;
  }
  const database = await openDatabase();
  const db = createDb(database.url);
  try {
    const started = Date.now();
    const result = await job.run(db, at);
    console.log(`${job.name}: ${JSON.stringify(result)} in ${Date.now() - started} ms`);
  } finally {
    await db.$disconnect();
    await database.close();
  }
});

// npm run db:seed — loads the demo data set into an empty database.
import { createDb } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { isEmpty, seedDemo } from "@/lib/seed/seed-demo";
import { openDatabase, runScript } from "./lib/database";
import { progressBar } from "./lib/progress";

await runScript(async () => {
  const database = await openDatabase();
  const db = createDb(database.url);
  try {
    await migrate(database.url);
    if (!(await isEmpty(db))) {
      console.log("The database already has data: nothing seeded (npm run db:reset empties it).");
      return;
    }
    const started = Date.now();
    await seedDemo(db, { databaseUrl: database.url, log: (l) => console.log(`seed: ${l}`), progress: progressBar("seed: season") });
    console.log(`Seeded in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  } finally {
    await db.$disconnect();
    await database.close();
  }
});

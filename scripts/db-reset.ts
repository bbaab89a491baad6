// npm run db:reset [-- --force] — drops and recreates an empty, migrated database.
// Refuses a DATABASE_URL server unless --force: it deletes everything.
import { dropDatabase, ensureDatabase } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { openDatabase, runScript } from "./lib/database";

await runScript(async () => {
  const force = process.argv.includes("--force");
  const database = await openDatabase();
  try {
    if (!database.embedded && !force) {
      console.error("db:reset deletes every table of DATABASE_URL. Run `npm run db:reset -- --force` if you mean it.");
      return 2;
    }
    const url = new URL(database.url);
    const name = decodeURIComponent(url.pathname.slice(1));
    const admin = new URL(database.url);
    admin.pathname = "/postgres";
    await dropDatabase(admin.toString(), name);
    await ensureDatabase(admin.toString(), name);
    const applied = await migrate(database.url);
    console.log(`Database ${name} recreated with ${applied.length} migration(s). Seed it with npm run db:seed.`);
  } finally {
    await database.close();
  }
});

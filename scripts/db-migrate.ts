// npm run db:migrate — applies pending migrations to DATABASE_URL or the embedded database.
import { migrate, migrationStatus } from "@/lib/db/migrate";
import { openDatabase, runScript } from "./lib/database";
import pg from "pg";

await runScript(async () => {
  const database = await openDatabase();
  try {
    const applied = await migrate(database.url, { log: (l) => console.log(l) });
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const status = await migrationStatus(client);
    await client.end();
    console.log(applied.length ? `${applied.length} migration(s) applied; ${status.applied.length} in total.` : `Database is up to date (${status.applied.length} migrations).`);
  } finally {
    await database.close();
  }
});

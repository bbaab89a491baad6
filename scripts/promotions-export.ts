// npm run promotions:export -- PROGRAM_CODE — prints the program's promotions (the versions in
// force) as a promotions file; applying it again changes nothing.
import { createDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { exportPromotions } from "@/lib/promotions/store";
import { openDatabase, runScript } from "./lib/database";

await runScript(async () => {
  const code = process.argv[2];
  if (!code) {
    console.error("usage: npm run promotions:export -- PROGRAM_CODE");
    return 2;
  }
  const database = await openDatabase();
  const db = createDb(database.url);
  try {
    process.stdout.write(JSON.stringify(await exportPromotions(db, code), null, 2) + "\n");
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    console.error(e.message);
    return 1;
  } finally {
    await db.$disconnect();
    await database.close();
  }
});

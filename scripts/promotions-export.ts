// npm run promotions:export -- PROGRAM_CODE — prints the program's promotions (the versions in
// force) as a promotions file; applying it again changes nothing.
import { exportPromotions } from "@/lib/promotions/store";
import { runScript, withDb } from "./lib/database";

await runScript(async () => {
  const code = process.argv[2];
  if (!code) {
    console.error("usage: npm run promotions:export -- PROGRAM_CODE");
    return 2;
  }
  return withDb(async (db) => {
    process.stdout.write(JSON.stringify(await exportPromotions(db, code), null, 2) + "\n");
  });
});

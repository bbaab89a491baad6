// npm run ledger:check — reconciles the whole ledger; prints each discrepancy, exits 1 if any.
import { createDb } from "@/lib/db/client";
import { checkLedger } from "@/lib/ledger/check-ledger";
import { openDatabase, runScript } from "./lib/database";

await runScript(async () => {
  const database = await openDatabase();
  const db = createDb(database.url);
  try {
    const started = Date.now();
    const { discrepancies, accounts } = await checkLedger(db);
    for (const d of discrepancies) console.log(`${d.kind.padEnd(18)} ${d.id}  ${d.detail}`);
    console.log(`${accounts} accounts checked in ${Date.now() - started} ms: ${discrepancies.length ? `${discrepancies.length} discrepancies` : "ledger is clean"}.`);
    return discrepancies.length ? 1 : 0;
  } finally {
    await db.$disconnect();
    await database.close();
  }
});

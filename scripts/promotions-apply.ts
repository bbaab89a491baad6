// npm run promotions:apply -- file.json [more.json …] — validates and applies promotions files
// ({"program": CODE, "promotions": [ … ]}). Every error is listed with its path and nothing is
// written; the same file twice is a no-op; a changed promotion gets a new version.
import { readFileSync } from "node:fs";
import { createDb } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { AppError } from "@/lib/errors";
import { applyPromotionsFile } from "@/lib/promotions/store";
import { openDatabase, runScript } from "./lib/database";

await runScript(async () => {
  const files = process.argv.slice(2).filter((a) => !a.startsWith("--"));
  if (!files.length) {
    console.error("usage: npm run promotions:apply -- programs/sportswear-retailer.promotions.json");
    return 2;
  }
  const database = await openDatabase();
  const db = createDb(database.url);
  let failed = 0;
  try {
    await migrate(database.url);
    for (const file of files) {
      try {
        const results = await applyPromotionsFile(db, JSON.parse(readFileSync(file, "utf8")), { note: `promotions:apply ${file}` });
        for (const r of results) console.log(`${file}: ${r.code} ${r.changed ? `→ version ${r.version}` : `unchanged (version ${r.version})`}${r.pending ? " awaiting approval" : ""}`);
      } catch (e) {
        failed += 1;
        if (!(e instanceof AppError) && !(e instanceof SyntaxError)) throw e;
        console.error(`${file}: ${e.message} — nothing applied from this file`);
        for (const d of (e as AppError).details ?? []) console.error(`  ${d.path}: ${d.message}`);
      }
    }
  } finally {
    await db.$disconnect();
    await database.close();
  }
  return failed ? 1 : 0;
});

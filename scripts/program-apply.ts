// npm run program:apply -- file.json [more.json …] — validates and applies program definitions.
// Every error is listed with its JSON path and nothing is written; the same file twice is a no-op.
import { readFileSync } from "node:fs";
import { createDb } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { AppError } from "@/lib/errors";
import { applyProgram, validateDefinition } from "@/lib/program/apply-program";
import { openDatabase, runScript } from "./lib/database";

await runScript(async () => {
  const files = process.argv.slice(2).filter((a) => !a.startsWith("--"));
  if (!files.length) {
    console.error("usage: npm run program:apply -- programs/football-club.json");
    return 2;
  }
  const parsed: { file: string; json: unknown }[] = [];
  let invalid = 0;
  for (const file of files) {
    try {
      const json = JSON.parse(readFileSync(file, "utf8"));
      validateDefinition(json);
      parsed.push({ file, json });
    } catch (e) {
      invalid += 1;
      if (e instanceof AppError) {
        console.error(`${file}: ${e.message}`);
        for (const d of e.details ?? []) console.error(`  ${d.path}: ${d.message}`);
      } else {
        console.error(`${file}: ${(e as Error).message}`);
      }
    }
  }
  if (invalid) {
    console.error(`\nNothing applied: ${invalid} file(s) invalid.`);
    return 1;
  }
  const database = await openDatabase();
  const db = createDb(database.url);
  try {
    await migrate(database.url);
    for (const { file, json } of parsed) {
      const r = await applyProgram(db, json, { note: `program:apply ${file}` });
      console.log(`${file}: ${r.code} ${r.changed ? `→ version ${r.version}` : `unchanged (version ${r.version})`}`);
    }
  } finally {
    await db.$disconnect();
    await database.close();
  }
});

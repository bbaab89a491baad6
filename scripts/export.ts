// npm run export -- --dir DIR [--program CODE] — writes the whole program as the legacy import's
// four CSV files (lib/import/export.ts): export → import into an empty database gives the same
// balances, lots, statuses and achievements.
import { mkdirSync } from "node:fs";
import { parseArgs } from "node:util";
import { createDb } from "@/lib/db/client";
import { exportProgram } from "@/lib/import/export";
import { openDatabase, runScript } from "./lib/database";

await runScript(async () => {
  const { values } = parseArgs({ options: { dir: { type: "string" }, program: { type: "string" } } });
  if (!values.dir) {
    console.error("usage: npm run export -- --dir DIR [--program CODE]");
    return 2;
  }
  const database = await openDatabase();
  const db = createDb(database.url);
  try {
    const programs = await db.program.findMany({ select: { id: true, code: true } });
    const program = values.program ? programs.find((p) => p.code === values.program) : programs.length === 1 ? programs[0] : undefined;
    if (!program) {
      console.error(`${values.program ? `No program "${values.program}".` : "Say which program with --program CODE."} Known: ${programs.map((p) => p.code).join(", ") || "none"}.`);
      return 2;
    }
    mkdirSync(values.dir, { recursive: true });
    const counts = await exportProgram(database.url, program.id, values.dir);
    for (const [file, n] of Object.entries(counts)) console.log(`${file}: ${n} rows`);
    console.log(`Exported ${program.code} to ${values.dir}`);
  } finally {
    await db.$disconnect();
    await database.close();
  }
});

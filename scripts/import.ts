// npm run import -- --dir DIR [--program CODE] [--dry-run] [--skip-bad-rows] [--recompute-tiers] [--report-dir DIR]
// Imports customers, living lots, history and achievements of another system (CONTRACTS.md
// "Legacy import"); prints the summary and the reconciliation report's path.
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { createDb } from "@/lib/db/client";
import { runImport } from "@/lib/import/run";
import { summaryLines } from "@/lib/import/summary";
import { openDatabase, runScript } from "./lib/database";
import { progressBar } from "./lib/progress";

await runScript(async () => {
  const { values } = parseArgs({
    options: {
      dir: { type: "string" },
      program: { type: "string" },
      "dry-run": { type: "boolean" },
      "skip-bad-rows": { type: "boolean" },
      "recompute-tiers": { type: "boolean" },
      "report-dir": { type: "string" },
    },
  });
  if (!values.dir || !existsSync(values.dir)) {
    console.error("usage: npm run import -- --dir DIR [--program CODE] [--dry-run] [--skip-bad-rows] [--recompute-tiers] [--report-dir DIR]");
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
    const bar = progressBar("import");
    const result = await runImport(db, {
      databaseUrl: database.url,
      programId: program.id,
      dir: values.dir,
      dryRun: values["dry-run"],
      skipBadRows: values["skip-bad-rows"],
      recomputeTiers: values["recompute-tiers"],
      reportDir: values["report-dir"],
      onProgress: (phase, f) => bar(Math.round(f * 1000), 1000, phase),
    });
    if (process.stdout.isTTY) process.stdout.write("\n");
    for (const line of summaryLines(result)) console.log(line);
    return result.badRows && !result.written && !values["dry-run"] ? 1 : 0;
  } finally {
    await db.$disconnect();
    await database.close();
  }
});

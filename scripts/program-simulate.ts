// npm run program:simulate -- draft.json [--months 12] — replays a draft program definition over
// the last N months of its program's receipts and visits next to the version in force and prints
// the comparison (lib/simulation). Reads only: nothing of the ledger is written. A bad draft is
// listed with its JSON paths.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { AppError } from "@/lib/errors";
import { defaultWorkers, simulateProgram } from "@/lib/simulation/run";
import { simulationSummary } from "@/lib/simulation/summary";
import { runScript, withDb } from "./lib/database";

await runScript(async () => {
  const { values, positionals } = parseArgs({ options: { months: { type: "string", default: "12" } }, allowPositionals: true });
  if (positionals.length !== 1) {
    console.error("usage: npm run program:simulate -- draft.json [--months 12]");
    return 2;
  }
  let draft: { code?: unknown };
  try {
    draft = JSON.parse(readFileSync(positionals[0], "utf8"));
  } catch (e) {
    console.error(`${positionals[0]}: ${(e as Error).message}`);
    return 1;
  }
  return withDb(async (db, url) => {
    const program = typeof draft?.code === "string" ? await db.program.findUnique({ where: { code: draft.code }, select: { id: true, code: true } }) : null;
    if (!program)
      throw new AppError("invalid_request", `${positionals[0]}: no program "${String(draft?.code)}" in the database`, { details: [{ path: "code", message: "must name an existing program" }] });
    let last = -1;
    const result = await simulateProgram(
      db,
      { programId: program.id, draft, months: Number(values.months), now: new Date() },
      {
        databaseUrl: url,
        workers: defaultWorkers(),
        onProgress: (f) => {
          const pct = Math.floor(f * 100);
          if (process.stderr.isTTY && pct !== last) process.stderr.write(`\rreplaying… ${(last = pct)} %`);
        },
      },
    );
    if (process.stderr.isTTY) process.stderr.write("\r\x1b[K");
    console.log(simulationSummary(result, program.code));
  });
});

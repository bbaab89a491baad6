// npm run promotions:codes -- --program PROGRAM_CODE --promotion CODE --count N [--out codes.csv]
// Generates N unique codes of a promotion (its codes.unique.pattern) and writes them as CSV
// (to --out, or to standard output).
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { AppError } from "@/lib/errors";
import { generateCodes } from "@/lib/promotions/codes";
import { csvLine } from "@/lib/segments/csv";
import { runScript, withDb } from "./lib/database";

await runScript(async () => {
  const { values } = parseArgs({ options: { program: { type: "string" }, promotion: { type: "string" }, count: { type: "string" }, out: { type: "string" } } });
  const count = Number(values.count);
  if (!values.program || !values.promotion || !Number.isInteger(count) || count < 1) {
    console.error("usage: npm run promotions:codes -- --program PROGRAM_CODE --promotion CODE --count N [--out codes.csv]");
    return 2;
  }
  const promotionCode = values.promotion;
  return withDb(async (db) => {
    const program = await db.program.findUnique({ where: { code: values.program } });
    if (!program) throw new AppError("not_found", `No program "${values.program}"`);
    const codes = await generateCodes(db, { programId: program.id, promotionCode, count, actor: { type: "system" } });
    const csv = csvLine(["code"]) + codes.map((c) => csvLine([c])).join("");
    if (values.out) {
      writeFileSync(values.out, csv);
      console.error(`${codes.length} codes written to ${values.out}`);
    } else process.stdout.write(csv);
  });
});

// npm run program:export -- CODE — prints the definition in force for a program.
import { createDb } from "@/lib/db/client";
import { definitionInForce } from "@/lib/program/in-force";
import { openDatabase, runScript } from "./lib/database";

await runScript(async () => {
  const code = process.argv[2];
  if (!code) {
    console.error("usage: npm run program:export -- CODE");
    return 2;
  }
  const database = await openDatabase();
  const db = createDb(database.url);
  try {
    const program = await db.program.findUnique({ where: { code } });
    const version = program ? await definitionInForce(db, program.id) : null;
    if (!program || !version) {
      const known = (await db.program.findMany({ select: { code: true } })).map((p) => p.code);
      console.error(`No program "${code}". Known: ${known.join(", ") || "none"}.`);
      return 1;
    }
    process.stdout.write(JSON.stringify(version.definition, null, 2) + "\n");
  } finally {
    await db.$disconnect();
    await database.close();
  }
});

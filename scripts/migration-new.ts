// npm run migration:new -- NAME — writes the SQL that takes the migrations to schema.prisma
// (computed by Prisma's own differ on a scratch database), for review and hand edits.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { dropDatabase, ensureDatabase } from "@/lib/db/embedded";
import { MIGRATIONS_DIR, migrate } from "@/lib/db/migrate";
import { diffToSchema } from "@/lib/db/schema-engine";
import { openDatabase, runScript } from "./lib/database";

await runScript(async () => {
  const name = process.argv[2];
  if (!name || !/^[a-z0-9_]+$/.test(name)) {
    console.error("usage: npm run migration:new -- snake_case_name");
    return 2;
  }
  const database = await openDatabase();
  const scratch = `tribune_scratch_${randomBytes(4).toString("hex")}`;
  const admin = new URL(database.url);
  admin.pathname = "/postgres";
  const url = new URL(database.url);
  url.pathname = `/${scratch}`;
  try {
    await ensureDatabase(admin.toString(), scratch);
    await migrate(url.toString());
    const sql = await diffToSchema(url.toString());
    if (!sql) {
      console.log("schema.prisma and the migrations already agree: nothing to write.");
      return;
    }
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    const dir = path.join(MIGRATIONS_DIR, `${stamp}_${name}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "migration.sql"), sql + "\n");
    console.log(`wrote ${path.relative(process.cwd(), dir)}/migration.sql`);
  } finally {
    await dropDatabase(admin.toString(), scratch).catch(() => {});
    await database.close();
  }
});

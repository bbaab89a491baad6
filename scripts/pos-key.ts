// npm run pos:key -- --store CODE [--name TEXT] [--program CODE]   issue a terminal key (printed once)
// npm run pos:key -- --revoke TERMINAL_ID                            revoke a key
// npm run pos:key -- --list [--store CODE]                           list terminals (never the keys)
import { parseArgs } from "node:util";
import { createDb } from "@/lib/db/client";
import { issueTerminalKey, revokeTerminal } from "@/lib/admin/terminals";
import { openDatabase, runScript } from "./lib/database";

await runScript(async () => {
  const { values } = parseArgs({
    options: { store: { type: "string" }, name: { type: "string" }, program: { type: "string" }, revoke: { type: "string" }, list: { type: "boolean" } },
    strict: true,
  });
  if (!values.store && !values.revoke && !values.list) {
    console.error("usage: npm run pos:key -- --store CODE [--name TEXT] [--program CODE] | --revoke TERMINAL_ID | --list [--store CODE]");
    return 2;
  }
  const database = await openDatabase();
  const db = createDb(database.url);
  try {
    if (values.revoke) {
      const t = await revokeTerminal(db, { terminalId: values.revoke, reason: "revoked with npm run pos:key" });
      console.log(`Revoked terminal ${t.id} (${t.keyPrefix}…). Its key is refused from now on.`);
      return 0;
    }
    const stores = await db.store.findMany({
      where: { ...(values.store ? { code: values.store } : {}), ...(values.program ? { program: { code: values.program } } : {}) },
      include: { program: { select: { code: true } }, terminals: { orderBy: { createdAt: "asc" } } },
    });
    if (values.list) {
      for (const s of stores) {
        console.log(`${s.program.code}/${s.code}  ${s.name}`);
        for (const t of s.terminals) console.log(`  ${t.id}  ${t.keyPrefix}…  ${t.name}${t.revoked ? "  REVOKED" : ""}${t.lastUsedAt ? `  last used ${t.lastUsedAt.toISOString()}` : ""}`);
      }
      return 0;
    }
    if (stores.length === 0) {
      console.error(`No store with code "${values.store}"${values.program ? ` in program ${values.program}` : ""}.`);
      return 1;
    }
    if (stores.length > 1) {
      console.error(`Store code "${values.store}" exists in several programs (${stores.map((s) => s.program.code).join(", ")}): add --program CODE.`);
      return 1;
    }
    const { terminal, key } = await issueTerminalKey(db, { storeId: stores[0].id, name: values.name ?? `Till ${new Date().toISOString().slice(0, 10)}` });
    console.log(`Terminal ${terminal.id} for ${stores[0].program.code}/${stores[0].code} (${stores[0].name}).`);
    console.log("\nKey (shown only now; only its SHA-256 is stored):\n");
    console.log(`  ${key}\n`);
    console.log("Use it as:  Authorization: Bearer <key>");
    return 0;
  } finally {
    await db.$disconnect();
    await database.close();
  }
});

import { migrate } from "@/lib/db/migrate";
import { ensureDatabase } from "@/lib/db/embedded";
const [admin, name] = process.argv.slice(2);
await ensureDatabase(admin, name);
const u = new URL(admin); u.pathname = "/" + name;
await migrate(u.toString());
console.log("ok", u.toString());

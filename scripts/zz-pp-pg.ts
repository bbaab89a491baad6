import path from "node:path";
import { startEmbedded, ensureDatabase } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
const s = await startEmbedded({ dataDir: path.resolve(".data", "postgres-test"), ifRunning: "reuse" });
console.log("URL", s.url("postgres"));
if (process.argv[2]) { await ensureDatabase(s.url("postgres"), process.argv[2]); await migrate(s.url(process.argv[2])); console.log("migrated", s.url(process.argv[2])); }
setInterval(() => {}, 1 << 30);

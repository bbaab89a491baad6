// npm run profile:confirm — where a confirm's time goes, in-process (no HTTP server, no load):
// a fresh database with the bench's data set (scripts/lib/bench-pos-seed.ts), then N sequential
// confirms on random customers through the real route handler, without and then with the bench's
// active promotions. Prints per confirm: statements (round trips to PostgreSQL), wall time and
// Node CPU, and the statements by total time (each one's calls per confirm and mean ms).
// Options: --customers N (default 2000), --confirms N (default 300), --promotions N (default 200; 0 skips).
import path from "node:path";
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import pg from "pg";
import { createDb } from "@/lib/db/client";
import { dropDatabase, ensureDatabase, startEmbedded } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { applyPromotionsFile } from "@/lib/promotions/store";
import { benchPromotions } from "./lib/bench-promotions";
import { seedHistory } from "./lib/bench-pos-seed";
import { runScript } from "./lib/database";

const log = (l: string) => console.error(`[profile] ${l}`);

type Stat = { calls: number; ms: number };
const stats = new Map<string, Stat>();
let statements = 0;

// Every statement the app sends over node-postgres, timed from send to answer.
const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  const cfg = args[0] as string | { text: string };
  const text = (typeof cfg === "string" ? cfg : cfg.text).replace(/\s+/g, " ").trim().slice(0, 110);
  const started = performance.now();
  const out = query.apply(this, args);
  if (out && typeof (out as Promise<unknown>).then === "function") {
    statements++;
    const done = () => {
      const s = stats.get(text) ?? { calls: 0, ms: 0 };
      s.calls++;
      s.ms += performance.now() - started;
      stats.set(text, s);
    };
    (out as Promise<unknown>).then(done, done);
  }
  return out;
} as typeof pg.Client.prototype.query;

await runScript(async () => {
  const { values } = parseArgs({ options: { customers: { type: "string" }, confirms: { type: "string" }, promotions: { type: "string" } } });
  const customers = Number(values.customers ?? 2000);
  const confirms = Number(values.confirms ?? 300);
  const promotions = Number(values.promotions ?? 200);
  const server = await startEmbedded({ dataDir: path.resolve(process.env.TRIBUNE_DATA_DIR || ".data", "postgres-profile"), ifRunning: "reuse", log });
  const admin = server.url("postgres");
  const name = `tribune_profile_${Date.now().toString(36)}_${randomBytes(2).toString("hex")}`;
  await ensureDatabase(admin, name);
  const u = new URL(admin);
  u.pathname = `/${name}`;
  const dbUrl = u.toString();
  try {
    await migrate(dbUrl);
    const { key } = await seedHistory(dbUrl, customers, log);
    Object.assign(process.env, { DATABASE_URL: dbUrl, AUTH_SECRET: "profile-secret-profile-secret-pro", MESSAGES_TO_OUTBOX: "1", DB_POOL_MAX: "4" });
    const { resetEnvCache } = await import("@/lib/env");
    resetEnvCache();
    const { POST } = await import("@/app/api/pos/v1/purchases/route");
    let seq = 0;
    const confirm = async () => {
      const card = `29${String(1 + Math.floor(Math.random() * customers)).padStart(11, "0")}`;
      const body = JSON.stringify({
        customer: { card },
        receipt: { number: `P-${process.pid}-${++seq}` },
        lines: [
          { lineNo: 1, sku: "JERSEY-HOME", category: "merch", quantity: 1, price: 790000 },
          { lineNo: 2, sku: "SCARF", category: "merch", quantity: 2, price: 150000 },
          { lineNo: 3, sku: "TICKET-N12", category: "ticket", quantity: 1, price: 250000 },
        ],
      });
      const res = await POST(new Request("http://pos.test/api/pos/v1/purchases", { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body }));
      if (res.status !== 201) throw new Error(`confirm answered ${res.status}: ${await res.text()}`);
      return res.json();
    };
    const measure = async (label: string) => {
      for (let i = 0; i < 30; i++) await confirm(); // warm-up: JIT, prepared statements, caches
      stats.clear();
      statements = 0;
      const cpu = process.cpuUsage();
      const started = performance.now();
      let applied = 0;
      for (let i = 0; i < confirms; i++) applied += ((await confirm()) as { appliedPromotions: unknown[] }).appliedPromotions.length;
      const wall = (performance.now() - started) / confirms;
      const used = process.cpuUsage(cpu);
      const nodeCpu = (used.user + used.system) / 1000 / confirms;
      const dbMs = [...stats.values()].reduce((s, x) => s + x.ms, 0) / confirms;
      console.log(`\n### ${label}: ${confirms} sequential confirms, ${(applied / confirms).toFixed(1)} promotions applied per receipt\n`);
      console.log(`statements per confirm ${(statements / confirms).toFixed(1)}, wall ${wall.toFixed(2)} ms, Node CPU ${nodeCpu.toFixed(2)} ms, waiting on PostgreSQL ${dbMs.toFixed(2)} ms\n`);
      console.log("| statement | per confirm | mean ms | ms per confirm |\n| --- | ---: | ---: | ---: |");
      for (const [text, s] of [...stats].sort((a, b) => b[1].ms - a[1].ms).slice(0, 25)) {
        console.log(`| \`${text.replace(/\|/g, "\\|")}\` | ${(s.calls / confirms).toFixed(2)} | ${(s.ms / s.calls).toFixed(3)} | ${(s.ms / confirms).toFixed(3)} |`);
      }
    };
    await measure("no promotions");
    if (promotions > 0) {
      const db = createDb(dbUrl);
      await applyPromotionsFile(db, { program: "fc-tribune", promotions: benchPromotions(promotions) });
      await db.$disconnect();
      await measure(`${promotions} promotions`);
    }
    return 0;
  } finally {
    await dropDatabase(admin, name).catch(() => {});
    await server.stop();
  }
});

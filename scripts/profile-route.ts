// npm run profile:route — where the running server's CPU goes for confirm (or calculate), with and
// without the bench's promotions: the production server (scripts/serve.mjs, one web worker, the
// current build — run `npm run build` first) under a fixed rate of requests (autocannon, as
// bench:pos sends them), with a V8 CPU profile of the web worker (`--cpu-prof`). One server per
// phase, so each profile holds one phase only; then the functions by self time per request, side by
// side, and the app's CPU per request from /proc (all threads: GC and compiler included).
// Options: --customers N (default 20000), --rate R req/s (default 200), --seconds S (default 20),
// --promotions N (default 200), --operation confirm|calculate, --out DIR (default /tmp/profile-route).
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { loadavg } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { createDb } from "@/lib/db/client";
import { dropDatabase, ensureDatabase, freePort, startEmbedded } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { applyPromotionsFile } from "@/lib/promotions/store";
import { benchPromotions } from "./lib/bench-promotions";
import { seedHistory } from "./lib/bench-pos-seed";
import { SERVE_SCRIPT, waitForHealth } from "./lib/build";
import { runScript } from "./lib/database";
import { treeCpuMs } from "./lib/process-cpu";

const log = (l: string) => console.error(`[profile-route] ${l}`);

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** Self time (ms) by function, and the profile's total. */
function selfTimes(file: string): { total: number; by: Map<string, number> } {
  const p = JSON.parse(readFileSync(file, "utf8")) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const by = new Map<string, number>();
  let total = 0;
  for (let i = 0; i < p.samples.length; i++) {
    const n = byId.get(p.samples[i])!;
    const dt = (p.timeDeltas[i + 1] ?? 0) / 1000;
    const f = n.callFrame;
    if (f.functionName === "(idle)") continue;
    const url = f.url.replace(/^.*\/(node_modules|\.next)\//, "$1/").replace(/^file:\/\//, "");
    const key = `${f.functionName || "(anonymous)"} ${url}:${f.lineNumber + 1}`;
    by.set(key, (by.get(key) ?? 0) + dt);
    total += dt;
  }
  return { total, by };
}

await runScript(async () => {
  const { values } = parseArgs({
    options: {
      customers: { type: "string" },
      rate: { type: "string" },
      seconds: { type: "string" },
      promotions: { type: "string" },
      operation: { type: "string" },
      out: { type: "string" },
    },
  });
  const customers = Number(values.customers ?? 20_000);
  const rate = Number(values.rate ?? 200);
  const seconds = Number(values.seconds ?? 20);
  const promotions = Number(values.promotions ?? 200);
  const operation = values.operation ?? "confirm";
  const out = path.resolve(values.out ?? "/tmp/profile-route");
  const server = await startEmbedded({ dataDir: path.resolve(process.env.TRIBUNE_DATA_DIR || ".data", "postgres-bench"), ifRunning: "reuse", log });
  const admin = server.url("postgres");
  const name = `tribune_route_${Date.now().toString(36)}_${randomBytes(2).toString("hex")}`;
  await ensureDatabase(admin, name);
  const dbUrl = server.url(name);
  try {
    await migrate(dbUrl);
    const { key } = await seedHistory(dbUrl, customers, log);
    const headers = { authorization: `Bearer ${key}`, "content-type": "application/json" };
    const card = (i: number) => `29${String(i).padStart(11, "0")}`;
    const randomCard = () => card(1 + Math.floor(Math.random() * customers));
    let seq = 0;
    const basket = () =>
      JSON.stringify({
        customer: { card: randomCard() },
        receipt: { number: operation === "confirm" ? `R-${process.pid}-${++seq}` : "CALC" },
        lines: [
          { lineNo: 1, sku: "JERSEY-HOME", category: "merch", quantity: 1, price: 790000 },
          { lineNo: 2, sku: "SCARF", category: "merch", quantity: 2, price: 150000 },
          { lineNo: 3, sku: "TICKET-N12", category: "ticket", quantity: 1, price: 250000 },
        ],
      });
    const routePath = operation === "confirm" ? "/api/pos/v1/purchases" : "/api/pos/v1/purchases/calculate";

    const phase = async (label: string) => {
      const dir = path.join(out, label);
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      const port = await freePort();
      const base = `http://127.0.0.1:${port}`;
      // Cluster workers inherit the primary's execArgv (NODE_OPTIONS may not carry --cpu-prof).
      const app = spawn(process.execPath, ["--cpu-prof", `--cpu-prof-dir=${dir}`, SERVE_SCRIPT, "-p", String(port)], {
        stdio: ["ignore", "ignore", "inherit"],
        env: {
          ...process.env,
          WEB_CONCURRENCY: "1",
          DATABASE_URL: dbUrl,
          NODE_ENV: "production",
          NEXT_TELEMETRY_DISABLED: "1",
          AUTH_SECRET: "bench-secret-bench-secret-bench",
          DB_POOL_MAX: "16",
          APP_URL: base,
          MESSAGES_TO_OUTBOX: "1",
        },
      });
      try {
        await waitForHealth(base);
        for (let i = 0; i < 300; i++) {
          const r = await fetch(base + routePath, { method: "POST", headers, body: basket() });
          if (!r.ok) throw new Error(`${r.status} ${await r.text()}`);
          await r.arrayBuffer();
        }
        const load1 = loadavg()[0].toFixed(2);
        const cpu0 = treeCpuMs(app.pid!);
        const result = await autocannon({
          url: base,
          duration: seconds,
          connections: 8,
          overallRate: rate,
          requests: [{ method: "POST", path: routePath, headers, setupRequest: (r) => ({ ...r, body: basket() }) }],
        });
        const cpu = treeCpuMs(app.pid!) - cpu0;
        const n = result.requests.total;
        log(`${label}: ${n} requests, non-2xx ${result.non2xx}, errors ${result.errors}, app CPU ${(cpu / n).toFixed(2)} ms/req, load ${load1} → ${loadavg()[0].toFixed(2)}`);
        return { label, requests: n + 300 + 1, dir, appCpu: cpu / n };
      } finally {
        if (app.exitCode === null && app.signalCode === null) {
          app.kill("SIGTERM");
          await new Promise((r) => app.once("exit", r));
        }
      }
    };

    const none = await phase("none");
    const db = createDb(dbUrl);
    await applyPromotionsFile(db, { program: "fc-tribune", promotions: benchPromotions(promotions) });
    await db.$disconnect();
    const withP = await phase(`p${promotions}`);

    // The web worker's profile is the larger one (the primary only forks).
    const worker = (dir: string) =>
      readdirSync(dir)
        .map((f) => path.join(dir, f))
        .map((f) => ({ f, t: selfTimes(f) }))
        .sort((a, b) => b.t.total - a.t.total)[0].t;
    const a = worker(none.dir);
    const b = worker(withP.dir);
    const perReq = (ms: number, n: number) => (ms / n) * 1000; // µs
    console.log(
      `profile (main thread of the worker), µs per request incl. warm-up: none ${perReq(a.total, none.requests).toFixed(0)}, ${promotions} promotions ${perReq(b.total, withP.requests).toFixed(0)}`,
    );
    const keys = new Set([...a.by.keys(), ...b.by.keys()]);
    const rows = [...keys]
      .map((k) => ({ k, x: perReq(a.by.get(k) ?? 0, none.requests), y: perReq(b.by.get(k) ?? 0, withP.requests) }))
      .sort((p, q) => Math.abs(q.y - q.x) - Math.abs(p.y - p.x))
      .slice(0, 60);
    console.log("| function | none µs/req | promotions µs/req | Δ |\n| --- | ---: | ---: | ---: |");
    for (const r of rows) console.log(`| ${r.k.slice(0, 140)} | ${r.x.toFixed(1)} | ${r.y.toFixed(1)} | ${(r.y - r.x).toFixed(1)} |`);
    return 0;
  } finally {
    await dropDatabase(admin, name).catch(() => {});
    await server.stop();
  }
});

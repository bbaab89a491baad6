// PostgreSQL killed with -9 under POS load: while it is down every POS endpoint answers 503
// `unavailable` (never 500), the supervisor the demo uses starts it again, the database is healthy
// within 30 s without anyone touching it, every receipt acknowledged before the crash is still
// there, and the ledger reconciles.
import { rmSync } from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "@/lib/db/client";
import { ensureDatabase, runningInstance, startEmbedded, type EmbeddedServer } from "@/lib/db/embedded";
import { checkHealth } from "@/lib/db/health";
import { migrate } from "@/lib/db/migrate";
import { resetEnvCache } from "@/lib/env";
import { createId } from "@/lib/ids";
import { checkLedger } from "@/lib/ledger/check-ledger";
import { applyProgram } from "@/lib/program/apply-program";
import { clearProgramCache } from "@/lib/program/in-force";
import { hashTerminalKey } from "@/lib/pos/terminal-auth";
import { referenceProgramJson } from "@/lib/rules/reference-programs";
import { get, line, post, receiptNo } from "../pos/harness";

let server: EmbeddedServer;
let url = "";
let key = "";
let stopWatching = () => {};
// Beside the other embedded servers (the unprivileged "postgres" user can reach it; .data is not committed).
const dataDir = path.resolve(process.env.TRIBUNE_DATA_DIR || ".data", `postgres-crash-${randomBytes(3).toString("hex")}`);
const log: string[] = [];

beforeAll(async () => {
  server = await startEmbedded({ dataDir, ifRunning: "fail" });
  await ensureDatabase(server.url("postgres"), "tribune");
  url = server.url("tribune");
  await migrate(url);
  const setup = createDb(url);
  const applied = await applyProgram(setup, { ...(referenceProgramJson("football-club") as object), code: "crash" }, { now: new Date("2020-01-01T00:00:00Z") });
  const store = await setup.store.findFirstOrThrow({ where: { programId: applied.programId, code: "stadium-shop" } });
  key = `trm_test_${randomBytes(16).toString("hex")}`;
  await setup.terminal.create({ data: { id: createId("trm"), programId: applied.programId, storeId: store.id, name: "till", keyPrefix: key.slice(0, 13), keyHash: hashTerminalKey(key) } });
  await setup.$disconnect();
  // The route handlers talk to this server (db(), the POS pool); a short connect timeout keeps the test quick.
  process.env.DATABASE_URL = url;
  process.env.DB_CONNECT_TIMEOUT_MS = "1000";
  resetEnvCache();
  clearProgramCache();
  stopWatching = server.supervise({ intervalMs: 500, log: (l) => log.push(l) });
}, 240_000);

afterAll(async () => {
  stopWatching();
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("kill -9 of PostgreSQL during POS load", () => {
  it("503 while down, back by itself within 30 s, acknowledged receipts kept, ledger clean", async () => {
    const reg = await post("/customers", key, { phone: "+79150000001", firstName: "Anna" });
    expect(reg.status).toBe(201);
    const c = { id: reg.body.id as string, card: reg.body.card as string };
    const held = await post("/purchases", key, { customer: { card: c.card }, receipt: { number: receiptNo() }, lines: [line(1, 10000, "merch")], hold: { ttlSeconds: 900 } });
    expect(held.status).toBe(201);
    const acknowledged: string[] = [held.body.purchaseId];
    const answers: number[] = [];
    let running = true;
    // Two tills sending receipts back to back.
    const till = async () => {
      while (running) {
        const r = await post("/purchases", key, { customer: { card: c.card }, receipt: { number: receiptNo() }, lines: [line(1, 25000, "merch")] });
        answers.push(r.status);
        if (r.status === 201) acknowledged.push(r.body.purchaseId);
        else expect(r.body.error.code, JSON.stringify(r.body)).toBe("unavailable");
      }
    };
    const tills = [till(), till()];
    await new Promise((r) => setTimeout(r, 1500));
    const pid = runningInstance(server.dataDir)!.pid;
    stopWatching(); // keep it down while every endpoint is tried
    process.kill(pid, "SIGKILL");
    await new Promise((r) => setTimeout(r, 1000));

    const down = [
      await get(`/customers/lookup?card=${c.card}`, key),
      await post("/customers", key, { phone: "+79150000099" }),
      await post(`/customers/${c.id}/confirm`, key, { code: "123456" }),
      await post("/purchases/calculate", key, { receipt: { number: "X" }, lines: [line(1, 100, "merch")] }),
      await post("/purchases", key, { receipt: { number: receiptNo() }, lines: [line(1, 100, "merch")] }),
      await post(`/purchases/${held.body.purchaseId}/commit`, key, {}),
      await post(`/purchases/${held.body.purchaseId}/void`, key, {}),
      await post(`/purchases/${held.body.purchaseId}/cancel`, key, {}),
      await post(`/purchases/${held.body.purchaseId}/returns`, key, { returnNumber: "R", lines: [{ lineNo: 1, quantity: 1 }] }),
      await post("/redemptions/authorize", key, { customer: { card: c.card }, points: 1 }),
      await post("/visits", key, { customer: { card: c.card }, eventCode: "m1" }),
    ];
    for (const r of down) {
      expect(r.status, JSON.stringify(r.body)).toBe(503);
      expect(r.body.error.code).toBe("unavailable");
      expect(Number(r.headers.get("retry-after"))).toBeGreaterThan(0);
    }

    const killedAt = Date.now();
    stopWatching = server.supervise({ intervalMs: 500, log: (l) => log.push(l) });
    const probe = createDb(url);
    let healthy = false;
    while (!healthy && Date.now() - killedAt < 30_000) {
      healthy = (await checkHealth(() => probe)).status === "ok";
      if (!healthy) await new Promise((r) => setTimeout(r, 500));
    }
    expect(healthy, log.join("\n")).toBe(true);
    running = false;
    await Promise.all(tills);
    expect(answers.filter((s) => s !== 201 && s !== 503)).toEqual([]);
    expect(answers).toContain(503);

    // The tills carry on without anyone touching anything.
    expect((await post("/purchases", key, { customer: { card: c.card }, receipt: { number: receiptNo() }, lines: [line(1, 100, "merch")] })).status).toBe(201);
    const kept = await probe.purchase.count({ where: { id: { in: acknowledged } } });
    expect(kept).toBe(acknowledged.length);
    expect((await checkLedger(probe)).discrepancies).toEqual([]);
    await probe.$disconnect();
  });
});

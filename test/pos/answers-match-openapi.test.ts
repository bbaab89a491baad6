// Every POS answer matches the OpenAPI document the server publishes. The harness checks every
// answer of every POS test (test/pos/harness.ts → test/contract/openapi-validator.ts, ajv); this
// file walks each endpoint's happy path and main errors, pins the fields commit, void and cancel
// used to leave out, and lints the served document with @redocly/cli (0 errors).
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import * as openapi from "@/app/api/pos/v1/openapi.json/route";
import { call, contract, get, line, post, receiptNo, registerCustomer, setupProgram, useTestDatabase, type TestProgram } from "./harness";

let club: TestProgram;
let shop: string;

beforeAll(async () => {
  useTestDatabase();
  club = await setupProgram("football-club");
  shop = club.keys["stadium-shop"];
});

const PRICED_FIELDS = ["customer", "lines", "totals", "maxRedeemablePoints", "requiresRedemptionCode", "appliedPromotions", "promoCodes", "receiptMessages", "cashierHints"];

describe("answers against the served OpenAPI document", () => {
  it("every endpoint, happy path and errors; commit, void and cancel carry every field of a priced receipt", async () => {
    const before = (await contract()).checked;
    const c = await registerCustomer(shop);
    expect((await get(`/customers/lookup?card=${c.card}`, shop)).status).toBe(200);
    const basket = { customer: { card: c.card }, receipt: { number: receiptNo() }, lines: [line(1, 500000, "merch")], promoCodes: ["NOPE-1"] };
    const calc = await post("/purchases/calculate", shop, basket);
    expect(calc.body.promoCodes).toEqual([{ code: "NOPE-1", status: "unknown", message: expect.any(String) }]);
    const sale = await post("/purchases", shop, basket);
    expect(sale.status).toBe(201);
    const held = await post("/purchases", shop, { ...basket, receipt: { number: receiptNo() }, redeemPoints: 10, hold: { ttlSeconds: 600 } });
    const committed = await post(`/purchases/${held.body.purchaseId}/commit`, shop, {});
    const held2 = await post("/purchases", shop, { ...basket, receipt: { number: receiptNo() }, hold: { ttlSeconds: 600 } });
    const voided = await post(`/purchases/${held2.body.purchaseId}/void`, shop, {});
    const returned = await post(`/purchases/${committed.body.purchaseId}/returns`, shop, { returnNumber: "R1", lines: [{ lineNo: 1, quantity: 1 }] });
    expect(returned.status).toBe(201);
    const cancelled = await post(`/purchases/${sale.body.purchaseId}/cancel`, shop, {});
    for (const [name, answer] of [
      ["commit", committed],
      ["void", voided],
      ["cancel", cancelled],
    ] as const) {
      expect(answer.status, name).toBe(200);
      for (const field of PRICED_FIELDS) expect(answer.body, `${name}.${field}`).toHaveProperty(field);
    }
    expect(committed.body.receiptMessages.join(" ")).toContain("Anna");
    expect(cancelled.body.reversed).toMatchObject({ amount: 500000 });
    expect((await post("/visits", shop, { customer: { card: c.card }, eventCode: `m-${c.id}` })).status).toBe(200);
    expect([200, 422, 429]).toContain((await post("/redemptions/authorize", shop, { customer: { card: c.card }, points: 1 })).status);
    // Errors are documented too: 400, 401, 404, 409, 422.
    expect((await post("/purchases/calculate", null, basket)).status).toBe(401);
    expect((await call("POST", "/purchases", { key: shop, rawBody: "{nope" })).status).toBe(400);
    expect((await post(`/purchases/${sale.body.purchaseId}/commit`, shop, {})).status).toBe(409);
    expect((await post(`/purchases/rcp_missing/void`, shop, {})).status).toBe(404);
    expect((await post("/purchases", shop, { ...basket, receipt: { number: receiptNo() }, redeemPoints: 999_999 })).status).toBe(422);
    expect((await get(`/customers/lookup?card=2999999999999`, shop)).status).toBe(404);
    // Every one of those answers went through the validator.
    expect((await contract()).checked - before).toBeGreaterThanOrEqual(19);
  });

  it("an answer that leaves out a documented field is refused by the validator", async () => {
    const v = await contract();
    expect(() =>
      v.check("POST", "/api/pos/v1/purchases/rcp_x/cancel", 200, {
        purchaseId: "rcp_x",
        status: "cancelled",
        customer: null,
        lines: [],
        totals: { amount: 0, discount: 0, pointsRedeemed: 0, pointsEarned: 0, payable: 0 },
        appliedPromotions: [],
      }),
    ).toThrow(/maxRedeemablePoints/);
    expect(() => v.check("POST", "/api/pos/v1/purchases", 500, { error: { code: "internal_error", message: "x" } })).toThrow(/does not list/);
  });

  it("@redocly/cli lints the served document with 0 errors", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "tribune-openapi-"));
    const file = path.join(dir, "openapi.json");
    writeFileSync(file, JSON.stringify(await openapi.GET().json()));
    const cli = path.resolve("node_modules/@redocly/cli/bin/cli.js");
    const out = await promisify(execFile)(process.execPath, [cli, "lint", file, "--format=json"], {
      env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true", NO_COLOR: "1" },
      maxBuffer: 16 * 1024 * 1024,
    }).catch((e: { stdout: string; stderr: string }) => e);
    const report = JSON.parse(out.stdout) as { totals: { errors: number }; problems: { ruleId: string; severity: string; message: string }[] };
    expect(report.problems.filter((p) => p.severity === "error")).toEqual([]);
    expect(report.totals.errors).toBe(0);
  });
});

// Issue 10.5 (remainder): a POS key a partner manager issues waits for the owner's approval (the
// POS API refuses it with 403 terminal_not_approved until then; owner-issued keys work at once;
// approval is audited), and customer lookups are rate-limited per key by a database counter
// (429 rate_limited with Retry-After, documented in the served OpenAPI document).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createId } from "@/lib/ids";
import { resetEnvCache } from "@/lib/env";
import { approveTerminal, issueTerminalKey } from "@/lib/admin/terminals";
import { issuePartnerTerminalKey } from "@/lib/partner/terminals";
import * as openapi from "@/app/api/pos/v1/openapi.json/route";
import { testDb } from "../db";
import { uniq } from "../factories";
import { get, line, post, receiptNo, registerCustomer, setupProgram, useTestDatabase, type TestProgram } from "../pos/harness";

const LIMIT = 10;
const db = testDb();
let club: TestProgram;
let ownerId = "";
let managerId = "";
let pubPartnerId = "";

beforeAll(async () => {
  process.env.POS_LOOKUP_LIMIT = String(LIMIT);
  process.env.POS_LOOKUP_WINDOW_S = "3600";
  useTestDatabase();
  club = await setupProgram("football-club");
  pubPartnerId = (await db.partner.findFirstOrThrow({ where: { programId: club.programId, code: "pub" } })).id;
  ownerId = createId("stf");
  managerId = createId("stf");
  await db.staffUser.create({ data: { id: ownerId, programId: club.programId, email: `${uniq("owner")}@test.local`, name: "Owner", role: "owner", passwordHash: "x" } });
  await db.staffUser.create({
    data: { id: managerId, programId: club.programId, partnerId: pubPartnerId, email: `${uniq("pm")}@test.local`, name: "Pub manager", role: "partner_manager", passwordHash: "x" },
  });
});

afterAll(() => {
  delete process.env.POS_LOOKUP_LIMIT;
  delete process.env.POS_LOOKUP_WINDOW_S;
  resetEnvCache();
});

describe("keys issued by a partner manager", () => {
  it("are refused by the POS API until the owner approves them; the owner's keys work at once", async () => {
    const c = await registerCustomer(club.keys["stadium-shop"]);
    const { terminal, key } = await issuePartnerTerminalKey(db, { partnerId: pubPartnerId, staffUserId: managerId }, { storeId: club.stores["pub-luzhniki"], name: "Bar till" });
    expect(terminal.pendingApproval).toBe(true);

    const lookup = await get(`/customers/lookup?card=${c.card}`, key);
    expect(lookup.status).toBe(403);
    expect(lookup.body.error.code).toBe("terminal_not_approved");
    const sale = await post("/purchases", key, { customer: { card: c.card }, receipt: { number: receiptNo() }, lines: [line(1, 50000, "food")] });
    expect(sale.status).toBe(403);
    expect(sale.body.error.code).toBe("terminal_not_approved");
    expect(await db.purchase.count({ where: { terminalId: terminal.id } })).toBe(0);

    // Another program's owner cannot approve it; this program's owner can, once.
    await expect(approveTerminal(db, { terminalId: terminal.id, programId: "prg_other", staffUserId: ownerId })).rejects.toMatchObject({ code: "not_found" });
    await approveTerminal(db, { terminalId: terminal.id, programId: club.programId, staffUserId: ownerId });
    await expect(approveTerminal(db, { terminalId: terminal.id, programId: club.programId, staffUserId: ownerId })).rejects.toMatchObject({ code: "invalid_state" });
    expect((await get(`/customers/lookup?card=${c.card}`, key)).status).toBe(200);
    const audit = await db.auditLog.findFirstOrThrow({ where: { entityId: terminal.id, action: "terminal.approve" } });
    expect(audit.actorId).toBe(ownerId);

    const own = await issueTerminalKey(db, { storeId: club.stores["pub-luzhniki"], name: "Owner's till", staffUserId: ownerId, programId: club.programId });
    expect(own.terminal.pendingApproval).toBe(false);
    expect((await get(`/customers/lookup?card=${c.card}`, own.key)).status).toBe(200);
  });
});

describe("lookup rate limit per key", () => {
  it(`lets exactly ${LIMIT} of 25 parallel lookups through, answers 429 with Retry-After to the rest, and leaves other keys alone`, async () => {
    const c = await registerCustomer(club.keys["stadium-shop"]);
    const key = club.keys["web-shop"];
    const answers = await Promise.all(Array.from({ length: 25 }, () => get(`/customers/lookup?card=${c.card}`, key)));
    const ok = answers.filter((a) => a.status === 200);
    const limited = answers.filter((a) => a.status === 429);
    expect(ok).toHaveLength(LIMIT);
    expect(limited).toHaveLength(25 - LIMIT);
    for (const a of limited) {
      expect(a.body.error.code).toBe("rate_limited");
      expect(Number(a.headers.get("retry-after"))).toBeGreaterThan(0);
    }
    expect((await get(`/customers/lookup?card=${c.card}`, club.keys["stadium-shop"])).status).toBe(200);
  });

  it("is documented in the served OpenAPI document (429 with Retry-After, 403 terminal_not_approved)", async () => {
    const doc = await openapi.GET().json();
    const responses = doc.paths["/customers/lookup"].get.responses;
    expect(responses["429"].headers["Retry-After"]).toBeTruthy();
    expect(responses["429"].description).toContain("rate_limited");
    expect(responses["403"].description).toContain("terminal_not_approved");
    expect(doc.paths["/purchases"].post.responses["403"].description).toContain("terminal_not_approved");
  });
});

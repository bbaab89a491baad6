// Revoking promo codes from the console: one code or every unused one; the till then reads them as
// expired, uses already counted stay, another program's codes are out of reach, and a revoke racing
// 20 receipts never lets a code be both revoked and then used.
import { beforeAll, describe, expect, it } from "vitest";
import { generateCodes, listCodes, revokeCodes } from "@/lib/promotions/codes";
import { codeCounts } from "@/lib/promotions/console";
import { applyPromotionsFile } from "@/lib/promotions/store";
import { AppError } from "@/lib/errors";
import { line, post, receiptNo, registerCustomer, setupProgram, useTestDatabase, type TestProgram } from "./harness";
import { testDb } from "../db";

let ua: TestProgram;
let other: TestProgram;
let shop: string;
const CODE = "revoke-codes";
const staff = { type: "system" } as const;

beforeAll(async () => {
  useTestDatabase();
  ua = await setupProgram("sportswear-retailer");
  other = await setupProgram("sportswear-retailer");
  shop = ua.keys[Object.keys(ua.stores).find((c) => !c.includes("outlet"))!];
  for (const p of [ua, other]) {
    await applyPromotionsFile(testDb(), {
      program: p.code,
      promotions: [
        { code: CODE, name: "200 off", trigger: "code", effect: { type: "amountOff", amount: 20000 }, codes: { unique: { count: 10, pattern: "RV-########" } } },
        { code: "revoke-shared", name: "Shared", trigger: "code", effect: { type: "amountOff", amount: 1000 }, codes: { shared: `SHR${p.code.replace(/\W/g, "").toUpperCase()}` } },
      ],
    });
  }
});

const buy = (card: string, codes: string[]) => post("/purchases", shop, { customer: { card }, receipt: { number: receiptNo() }, lines: [line(1, 100000)], promoCodes: codes });

describe("revoking promo codes", () => {
  it("revokes one code: the till reads it as expired, the list shows it revoked, a second revoke is refused", async () => {
    const [a, b] = await generateCodes(testDb(), { programId: ua.programId, promotionCode: CODE, count: 2, actor: staff });
    const m = await registerCustomer(shop);
    expect((await buy(m.card, [b])).body.promoCodes[0].status).toBe("applied");
    expect(await revokeCodes(testDb(), { programId: ua.programId, promotionCode: CODE, code: a.toLowerCase(), actor: staff, at: new Date() })).toBe(1);
    const r = await buy(m.card, [a]);
    expect(r.status).toBe(201);
    expect(r.body.promoCodes[0]).toMatchObject({ code: a, status: "expired" });
    expect(r.body.appliedPromotions).toEqual([]);
    const { rows } = await listCodes(testDb(), { programId: ua.programId, promotionCode: CODE, limit: 50, offset: 0, now: new Date() });
    // Search by the start of the code, case-insensitive.
    expect((await listCodes(testDb(), { programId: ua.programId, promotionCode: CODE, q: a.slice(0, 7).toLowerCase(), limit: 50, offset: 0, now: new Date() })).rows.map((x) => x.code)).toContain(a);
    expect((await listCodes(testDb(), { programId: ua.programId, promotionCode: CODE, q: a, limit: 50, offset: 0, now: new Date() })).total).toBe(1);
    expect(rows.find((x) => x.code === a)).toMatchObject({ state: "revoked", uses: 0 });
    expect(rows.find((x) => x.code === b)).toMatchObject({ state: "used_up", uses: 1 });
    expect((await listCodes(testDb(), { programId: ua.programId, promotionCode: CODE, state: "revoked", limit: 50, offset: 0, now: new Date() })).rows.map((x) => x.code)).toEqual([a]);
    await expect(revokeCodes(testDb(), { programId: ua.programId, promotionCode: CODE, code: a, actor: staff, at: new Date() })).rejects.toMatchObject({ code: "conflict" });
    expect((await codeCounts(testDb(), ua.programId, CODE)).revoked).toBe(1);
    const audit = await testDb().auditLog.findFirst({ where: { programId: ua.programId, action: "promotion.codes.revoke" } });
    expect(audit?.after).toEqual({ code: a });
  });

  it("refuses shared codes, unknown codes and another program's codes, and changes nothing", async () => {
    await expect(
      revokeCodes(testDb(), { programId: ua.programId, promotionCode: "revoke-shared", code: `SHR${ua.code.replace(/\W/g, "").toUpperCase()}`, actor: staff, at: new Date() }),
    ).rejects.toBeInstanceOf(AppError);
    const [theirs] = await generateCodes(testDb(), { programId: other.programId, promotionCode: CODE, count: 1, actor: staff });
    await expect(revokeCodes(testDb(), { programId: ua.programId, promotionCode: CODE, code: theirs, actor: staff, at: new Date() })).rejects.toMatchObject({ code: "not_found" });
    await expect(revokeCodes(testDb(), { programId: ua.programId, promotionCode: "no-such", unusedOnly: true, actor: staff, at: new Date() })).rejects.toMatchObject({ code: "not_found" });
    expect((await testDb().promoCode.findFirstOrThrow({ where: { code: theirs } })).revokedAt).toBeNull();
    // Listing is scoped the same way: the other program's code is not in ours.
    expect((await listCodes(testDb(), { programId: ua.programId, promotionCode: CODE, q: theirs, limit: 50, offset: 0, now: new Date() })).total).toBe(0);
  });

  it("revoking every unused code while 20 receipts use them: each code is either used or revoked, never used after its revoke", async () => {
    const codes = await generateCodes(testDb(), { programId: ua.programId, promotionCode: CODE, count: 20, actor: staff });
    const members = await Promise.all(codes.map(() => registerCustomer(shop)));
    const [answers, revoked] = await Promise.all([
      Promise.all(members.map((m, i) => buy(m.card, [codes[i]]))),
      new Promise<number>((resolve, reject) =>
        setTimeout(() => revokeCodes(testDb(), { programId: ua.programId, promotionCode: CODE, unusedOnly: true, actor: staff, at: new Date() }).then(resolve, reject), 30),
      ),
    ]);
    const rows = await testDb().promoCode.findMany({ where: { code: { in: codes } } });
    const applied = answers.filter((a) => a.body.promoCodes?.[0]?.status === "applied").length;
    expect(answers.every((a) => a.status === 201)).toBe(true);
    for (const r of rows) expect(r.uses === 1 ? r.revokedAt === null : r.revokedAt !== null).toBe(true);
    expect(rows.filter((r) => r.uses === 1).length).toBe(applied);
    // This batch's unused codes plus earlier unused ones of the promotion were revoked.
    expect(revoked).toBeGreaterThanOrEqual(20 - applied);
    const used = await testDb().purchasePromotion.count({ where: { promoCodeId: { in: rows.map((r) => r.id) } } });
    expect(used).toBe(applied);
  });
});

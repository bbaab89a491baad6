// Staff side of the catalog: validated create/update, unique codes, program scope, counts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDb } from "@/test/db";
import { makeClubProgram, makeFan } from "@/test/cabinet-factories";
import { createCatalogItem, getCatalogItem, listCatalogForFan, listCatalogItems, updateCatalogItem } from "./items";
import { redeemCatalogItem } from "./redeem";
import { listRedemptions } from "./redemptions";

const db = testDb();
let programId: string;
beforeAll(async () => {
  programId = await makeClubProgram(db);
});
afterAll(async () => {
  await db.$disconnect();
});

describe("catalog items (staff)", () => {
  it("creates from form strings, refuses a duplicate code and bad input with paths", async () => {
    const item = await createCatalogItem(db, {
      programId,
      staffUserId: null,
      data: {
        code: "Pitch-Tour",
        title: "Pitch tour",
        pointsPrice: "3000" as unknown as number,
        stock: "5" as unknown as number,
        active: "on" as unknown as boolean,
        availableUntil: "" as unknown as Date,
      },
    });
    expect(item).toMatchObject({ code: "pitch-tour", pointsPrice: 3000, stock: 5, active: true, availableUntil: null });
    await expect(createCatalogItem(db, { programId, staffUserId: null, data: { code: "pitch-tour", title: "Again", pointsPrice: 1 } })).rejects.toMatchObject({ code: "already_exists" });
    const bad = createCatalogItem(db, { programId, staffUserId: null, data: { code: "x y", title: "", pointsPrice: 0 } });
    await expect(bad).rejects.toMatchObject({ code: "invalid_request" });
    const err = await bad.catch((e) => e);
    expect(err.details.map((d: { path: string }) => d.path).sort()).toEqual(["code", "pointsPrice", "title"]);
    await expect(
      createCatalogItem(db, {
        programId,
        staffUserId: null,
        data: { code: "window", title: "Window", pointsPrice: 10, availableFrom: new Date("2026-02-01"), availableUntil: new Date("2026-01-01") },
      }),
    ).rejects.toMatchObject({ code: "invalid_request" });
  });

  it("updates partially; another program's item is not found; inactive items leave the fan's catalog", async () => {
    const item = await createCatalogItem(db, { programId, staffUserId: null, data: { code: "signed-jersey", title: "Signed jersey", pointsPrice: 9000, stock: 3 } });
    const updated = await updateCatalogItem(db, { programId, itemId: item.id, staffUserId: null, data: { stock: null, pointsPrice: 8000 } });
    expect(updated).toMatchObject({ stock: null, pointsPrice: 8000, title: "Signed jersey" });
    const other = await makeClubProgram(db);
    await expect(getCatalogItem(db, other, item.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(updateCatalogItem(db, { programId: other, itemId: item.id, staffUserId: null, data: { title: "Hacked" } })).rejects.toMatchObject({ code: "not_found" });
    expect((await listCatalogForFan(db, programId)).map((i) => i.id)).toContain(item.id);
    await updateCatalogItem(db, { programId, itemId: item.id, staffUserId: null, data: { active: "false" as unknown as boolean } });
    expect((await listCatalogForFan(db, programId)).map((i) => i.id)).not.toContain(item.id);
  });

  it("lists items with redemption counts and redemptions with the customer", async () => {
    const item = await createCatalogItem(db, { programId, staffUserId: null, data: { code: "coffee", title: "Coffee", pointsPrice: 100 } });
    const fan = await makeFan(db, programId, 1000);
    await redeemCatalogItem(db, { customerId: fan.id, itemId: item.id, idempotencyKey: "items-test-1" });
    const row = (await listCatalogItems(db, programId)).find((i) => i.id === item.id)!;
    expect(row.redemptions).toEqual({ issued: 1, used: 0, cancelled: 0 });
    const list = await listRedemptions(db, programId, { itemId: item.id });
    expect(list.total).toBe(1);
    expect(list.items[0].customer?.id).toBe(fan.id);
    expect((await listRedemptions(db, await makeClubProgram(db))).total).toBe(0);
  });
});

describe("partial updates keep what they do not mention", () => {
  it("an update of the title keeps description, active and sort order", async () => {
    const item = await createCatalogItem(db, { programId, staffUserId: null, data: { code: "keep-me", title: "Keep", description: "Long text", pointsPrice: 10, active: false, sortOrder: 7 } });
    const updated = await updateCatalogItem(db, { programId, itemId: item.id, staffUserId: null, data: { title: "Kept" } });
    expect(updated).toMatchObject({ title: "Kept", description: "Long text", active: false, sortOrder: 7 });
  });
});

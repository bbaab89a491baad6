// Factories for the console's integration tests: staff users, stores, points with lots.
import type { Db } from "@/lib/db/client";
import { createId } from "@/lib/ids";
import { accrue, lockAccounts } from "@/lib/ledger";
import { uniq } from "./factories";

export async function makeStaff(db: Db, programId: string, role: "owner" | "marketer" | "support" | "analyst" = "support") {
  return db.staffUser.create({
    data: { id: createId("stf"), programId, email: `${uniq("staff")}@example.test`, name: `Test ${role}`, role, passwordHash: "x" },
  });
}

export async function makeStore(db: Db, programId: string) {
  return db.store.create({ data: { id: createId("sto"), programId, code: uniq("st"), name: "Test store", timezone: "Europe/Moscow" } });
}

export async function makeVersion(db: Db, programId: string) {
  return db.programVersion.create({
    data: {
      id: createId("pvr"),
      programId,
      version: 1,
      checksum: uniq("sum"),
      effectiveFrom: new Date("2020-01-01T00:00:00Z"),
      definition: {
        code: "t",
        name: "T",
        currency: "RUB",
        timezone: "Europe/Moscow",
        pointValue: 100,
        qualification: { period: "lifetime" },
        tiers: [
          { code: "base", name: "Base", earnRate: 3 },
          { code: "gold", name: "Gold", qualify: { spend: 1000000 }, earnRate: 7 },
        ],
        earning: { base: "paid" },
        redemption: {},
        expiry: null,
      },
    },
  });
}

/** A committed receipt that earned `points` (with its accrual entry and lot), like a till would leave it. */
export async function makeEarningReceipt(db: Db, opts: { programId: string; storeId: string; versionId: string; customerId: string; amount: number; points: number; expiresAt?: Date | null }) {
  const id = createId("rcp");
  await db.purchase.create({
    data: {
      id,
      programId: opts.programId,
      storeId: opts.storeId,
      customerId: opts.customerId,
      number: uniq("R"),
      at: new Date(),
      status: "committed",
      programVersionId: opts.versionId,
      amount: opts.amount,
      payable: opts.amount,
      pointsEarned: opts.points,
      committedAt: new Date(),
      lines: {
        create: [
          {
            id: createId("rln"),
            programId: opts.programId,
            customerId: opts.customerId,
            lineNo: 1,
            sku: "SKU-1",
            category: "merch",
            quantityMilli: 1000,
            price: opts.amount,
            amount: opts.amount,
            pointsEarned: opts.points,
          },
        ],
      },
    },
  });
  await db.$transaction(async (tx) => {
    const acc = await lockAccounts(tx, opts.programId, opts.customerId);
    await accrue(tx, acc.main, { amount: opts.points, at: new Date(), activation: { kind: "immediate" }, expiresAt: opts.expiresAt ?? null, reason: "purchase", purchaseId: id, purchaseLineNo: 1 });
  });
  return id;
}

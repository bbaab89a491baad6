// Factories for the cabinet's integration tests: a football-club program with stores, fans with
// points (through lib/ledger), receipts, catalog items and feedback topics.
import type { Db } from "@/lib/db/client";
import { createId } from "@/lib/ids";
import { accrue, lockAccounts } from "@/lib/ledger";
import { applyProgram } from "@/lib/program/apply-program";
import { referenceProgramJson } from "@/lib/rules/reference-programs";
import { makeCustomer, uniq } from "./factories";

export async function makeClubProgram(db: Db, at = new Date("2020-01-01T00:00:00Z")) {
  const json = { ...(referenceProgramJson("football-club") as Record<string, unknown>), code: uniq("fc") };
  const r = await applyProgram(db, json, { now: at });
  return r.programId;
}

export async function makeFan(db: Db, programId: string, points = 0, over: { email?: string; verified?: boolean } = {}) {
  const c = await makeCustomer(db, programId);
  if (over.email) await db.customer.update({ where: { id: c.id }, data: { email: over.email, emailVerifiedAt: over.verified === false ? null : new Date() } });
  if (points > 0) await givePoints(db, programId, c.id, points);
  return c;
}

export async function givePoints(db: Db, programId: string, customerId: string, points: number, opts: { expiresAt?: Date | null; at?: Date } = {}) {
  await db.$transaction(async (tx) => {
    const acc = await lockAccounts(tx, programId, customerId);
    await accrue(tx, acc.main, { amount: points, at: opts.at ?? new Date(), activation: { kind: "immediate" }, expiresAt: opts.expiresAt ?? null, reason: "manual", type: "adjustment" });
  });
}

export async function balance(db: Db, customerId: string) {
  const a = await db.account.findUnique({ where: { customerId_kind: { customerId, kind: "main" } } });
  return a?.available ?? 0;
}

export async function makeItem(
  db: Db,
  programId: string,
  over: { pointsPrice?: number; stock?: number | null; minTierCode?: string | null; availableFrom?: Date | null; availableUntil?: Date | null; active?: boolean } = {},
) {
  return db.catalogItem.create({
    data: {
      id: createId("cat"),
      programId,
      code: uniq("item"),
      title: "Pitch tour",
      pointsPrice: over.pointsPrice ?? 1000,
      stock: over.stock === undefined ? 10 : over.stock,
      minTierCode: over.minTierCode ?? null,
      availableFrom: over.availableFrom ?? null,
      availableUntil: over.availableUntil ?? null,
      active: over.active ?? true,
    },
  });
}

export async function makeTopic(db: Db, programId: string) {
  return db.feedbackTopic.create({ data: { id: createId("fbk"), programId, code: uniq("topic"), title: "Points" } });
}

/** A committed receipt with one line at a store of the program (no points logic: test data only). */
export async function makeReceipt(db: Db, programId: string, customerId: string, over: { storeCode?: string; at?: Date; amount?: number; pointsEarned?: number } = {}) {
  const store = await db.store.findFirstOrThrow({ where: { programId, ...(over.storeCode ? { code: over.storeCode } : {}) } });
  const version = await db.programVersion.findFirstOrThrow({ where: { programId } });
  const amount = over.amount ?? 250000;
  const id = createId("rcp");
  return db.purchase.create({
    data: {
      id,
      programId,
      storeId: store.id,
      customerId,
      number: uniq("R"),
      at: over.at ?? new Date(),
      status: "committed",
      programVersionId: version.id,
      amount,
      payable: amount,
      pointsEarned: over.pointsEarned ?? 0,
      committedAt: over.at ?? new Date(),
      lines: {
        create: [
          {
            id: createId("rln"),
            programId,
            customerId,
            lineNo: 1,
            sku: "SCARF",
            category: "merch",
            name: "Home scarf",
            quantityMilli: 1000,
            price: amount,
            amount,
            pointsEarned: over.pointsEarned ?? 0,
          },
        ],
      },
    },
  });
}

// Stores of the program (partner, time zone, tags) and their terminals, for the console.
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { writeAudit } from "@/lib/audit/write-audit";
import { AppError } from "@/lib/errors";
import { createId } from "@/lib/ids";

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export const storeInput = z.object({
  code: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .regex(/^[a-z0-9][a-z0-9-_]*$/i, "code_chars"),
  name: z.string().trim().min(1).max(120),
  partnerId: z
    .string()
    .trim()
    .max(40)
    .optional()
    .transform((v) => v || null),
  timezone: z.string().trim().min(1).refine(isTimeZone, "unknown_time_zone"),
  tags: z
    .string()
    .optional()
    .transform((v) => [
      ...new Set(
        (v ?? "")
          .split(",")
          .map((t) => t.trim().toLowerCase())
          .filter(Boolean),
      ),
    ])
    .refine((tags) => tags.length <= 20 && tags.every((t) => /^[a-z0-9][a-z0-9-_]{0,39}$/.test(t)), "tags: up to 20, letters, digits, - and _"),
});
export type StoreInput = z.infer<typeof storeInput>;

export async function listStores(db: Db, programId: string) {
  return db.store.findMany({
    where: { programId },
    orderBy: [{ code: "asc" }],
    include: { partner: { select: { id: true, name: true, code: true } }, terminals: { orderBy: [{ revoked: "asc" }, { createdAt: "desc" }] } },
  });
}

export async function listPartners(db: Db, programId: string) {
  return db.partner.findMany({ where: { programId }, orderBy: { name: "asc" }, select: { id: true, name: true, code: true } });
}

async function checkPartner(db: Db, programId: string, partnerId: string | null) {
  if (!partnerId) return;
  const p = await db.partner.findFirst({ where: { id: partnerId, programId } });
  if (!p) throw new AppError("invalid_request", "Unknown partner", { details: [{ path: "partnerId", message: "unknown_partner" }] });
}

export async function createStore(db: Db, programId: string, staffUserId: string, input: StoreInput) {
  await checkPartner(db, programId, input.partnerId);
  const taken = await db.store.findUnique({ where: { programId_code: { programId, code: input.code } } });
  if (taken) throw new AppError("already_exists", `A store with the code "${input.code}" exists`, { details: [{ path: "code", message: "already_used" }] });
  return db.$transaction(async (tx) => {
    const store = await tx.store.create({ data: { id: createId("sto"), programId, code: input.code, name: input.name, partnerId: input.partnerId, timezone: input.timezone, tags: input.tags } });
    await writeAudit(tx, { programId, actor: { type: "staff", id: staffUserId }, action: "store.create", entityType: "Store", entityId: store.id, after: input });
    return store;
  });
}

export async function updateStore(db: Db, programId: string, staffUserId: string, storeId: string, input: StoreInput) {
  await checkPartner(db, programId, input.partnerId);
  return db.$transaction(async (tx) => {
    const before = await tx.store.findFirst({ where: { id: storeId, programId } });
    if (!before) throw new AppError("not_found", "No such store");
    if (before.code !== input.code && (await tx.store.findUnique({ where: { programId_code: { programId, code: input.code } } }))) {
      throw new AppError("already_exists", `A store with the code "${input.code}" exists`, { details: [{ path: "code", message: "already_used" }] });
    }
    const after = await tx.store.update({ where: { id: storeId }, data: { code: input.code, name: input.name, partnerId: input.partnerId, timezone: input.timezone, tags: input.tags } });
    await writeAudit(tx, {
      programId,
      actor: { type: "staff", id: staffUserId },
      action: "store.update",
      entityType: "Store",
      entityId: storeId,
      before: { code: before.code, name: before.name, partnerId: before.partnerId, timezone: before.timezone, tags: before.tags },
      after: input,
    });
    return after;
  });
}

/** One store of the program with its terminal keys, or null. */
export async function storeWithTerminals(db: Db, programId: string, storeId: string) {
  return db.store.findFirst({ where: { id: storeId, programId }, include: { terminals: { orderBy: [{ revoked: "asc" }, { createdAt: "desc" }] } } });
}

/** Stores and partners as code + name, for pickers. */
export async function storeAndPartnerNames(db: Db, programId: string) {
  const [stores, partners] = await Promise.all([
    db.store.findMany({ where: { programId }, select: { code: true, name: true }, orderBy: { name: "asc" } }),
    db.partner.findMany({ where: { programId }, select: { code: true, name: true }, orderBy: { name: "asc" } }),
  ]);
  return { stores, partners };
}

// Catalog items: what a fan sees (with whether they can get it now and why not), and the
// staff side (list, create, update). Input of staff functions is validated here with zod.
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { AppError, invalidInput } from "@/lib/errors";
import { createId } from "@/lib/ids";
import { writeAudit } from "@/lib/audit/write-audit";
import type { Prisma } from "@/lib/generated/prisma/client";
import { fromColumns, localized, toColumns } from "@/lib/i18n/localized";
import type { Locale } from "@/lib/i18n/locales";

export type CatalogItemRow = Prisma.CatalogItemGetPayload<object>;

/** An item's title in `locale` (the English title when it has no Russian one). */
export function itemTitle(item: Pick<CatalogItemRow, "title" | "titleRu">, locale: Locale): string {
  return localized(fromColumns(item.title, item.titleRu), locale);
}

export function itemDescription(item: Pick<CatalogItemRow, "description" | "descriptionRu">, locale: Locale): string {
  return localized(fromColumns(item.description, item.descriptionRu), locale);
}

export type Availability = { ok: true } | { ok: false; reason: "inactive" | "not_yet" | "ended" | "sold_out" | "tier" | "points"; missing?: number };

/** Why a fan can or cannot redeem an item now (pure). `tierRank` maps tier codes to their position. */
export function availabilityOf(
  item: Pick<CatalogItemRow, "active" | "availableFrom" | "availableUntil" | "stock" | "minTierCode" | "pointsPrice">,
  fan: { tierCode: string; balance: number },
  tierRank: (code: string) => number,
  now: Date,
): Availability {
  if (!item.active) return { ok: false, reason: "inactive" };
  if (item.availableFrom && item.availableFrom > now) return { ok: false, reason: "not_yet" };
  if (item.availableUntil && item.availableUntil <= now) return { ok: false, reason: "ended" };
  if (item.stock !== null && item.stock <= 0) return { ok: false, reason: "sold_out" };
  if (item.minTierCode && tierRank(fan.tierCode) < tierRank(item.minTierCode)) return { ok: false, reason: "tier" };
  if (fan.balance < item.pointsPrice) return { ok: false, reason: "points", missing: item.pointsPrice - fan.balance };
  return { ok: true };
}

/** Items a fan may browse: active ones that have not ended (sold-out ones stay visible). */
export async function listCatalogForFan(db: Db, programId: string, now = new Date()) {
  return db.catalogItem.findMany({
    where: { programId, active: true, OR: [{ availableUntil: null }, { availableUntil: { gt: now } }] },
    orderBy: [{ sortOrder: "asc" }, { createdAt: "asc" }],
  });
}

// ---------- staff side ----------

/** true/false from JSON, or "true"/"false"/"on"/"off"/"1"/"0" from a form. */
const boolish = z.union([z.boolean(), z.enum(["true", "false", "on", "off", "1", "0"]).transform((v) => v === "true" || v === "on" || v === "1")]);
// null and "" first: z.coerce would turn null into 0 or 1970-01-01.
const optionalDate = z.union([z.null(), z.literal("").transform(() => null), z.coerce.date()]).optional();
const optionalText = z
  .union([z.string().trim().max(2000), z.null()])
  .optional()
  .transform((v) => (v ? v : null));

const itemFields = {
  code: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, "lowercase letters, digits and dashes"),
  title: z.string().trim().min(2).max(120),
  titleRu: optionalText,
  description: z.string().trim().max(2000),
  descriptionRu: optionalText,
  imageUrl: z
    .union([
      z.null(),
      z.literal("").transform(() => null),
      z
        .string()
        .trim()
        .max(500)
        .regex(/^(\/|https:\/\/)/, "a path under / or an https URL"),
    ])
    .optional(),
  pointsPrice: z.coerce.number().int().min(1).max(10_000_000),
  stock: z.union([z.null(), z.literal("").transform(() => null), z.coerce.number().int().min(0).max(1_000_000)]).optional(),
  minTierCode: z
    .union([z.string().trim().max(40), z.null()])
    .optional()
    .transform((v) => (v ? v : null)),
  availableFrom: optionalDate,
  availableUntil: optionalDate,
  active: boolish,
  sortOrder: z.coerce.number().int().min(-1000).max(1000),
};

export const catalogItemInput = z.object({
  ...itemFields,
  description: itemFields.description.default(""),
  active: itemFields.active.default(true),
  sortOrder: itemFields.sortOrder.default(0),
});
/** Updates: every field optional and no defaults (an absent field stays as it is). */
export const catalogItemPatch = z.object(itemFields).partial();
export type CatalogItemInput = z.input<typeof catalogItemInput>;

/** Given as a text or as `{"en": …, "ru": …}` (stored as `title` + `titleRu`). */
const TEXT_FIELDS = ["title", "description"] as const;

function parse<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const r = schema.safeParse(input);
  if (!r.success) throw invalidInput("Invalid catalog item", r.error.issues);
  return r.data;
}

function checkWindow(from: Date | null | undefined, until: Date | null | undefined) {
  if (from && until && until <= from) throw new AppError("invalid_request", "The end must be after the start", { details: [{ path: "availableUntil", message: "after_start" }] });
}

export interface StaffCatalogFilter {
  active?: boolean;
  q?: string;
}

/** Staff list with counts of issued / used redemptions per item. */
export async function listCatalogItems(db: Db, programId: string, f: StaffCatalogFilter = {}) {
  const items = await db.catalogItem.findMany({
    where: {
      programId,
      ...(f.active === undefined ? {} : { active: f.active }),
      ...(f.q ? { OR: [{ title: { contains: f.q, mode: "insensitive" } }, { titleRu: { contains: f.q, mode: "insensitive" } }, { code: { contains: f.q.toLowerCase() } }] } : {}),
    },
    orderBy: [{ sortOrder: "asc" }, { createdAt: "asc" }],
  });
  const counts = await db.catalogRedemption.groupBy({ by: ["itemId", "status"], where: { programId }, _count: { _all: true } });
  return items.map((i) => {
    const c = (s: string) => counts.find((x) => x.itemId === i.id && x.status === s)?._count._all ?? 0;
    return { ...i, redemptions: { issued: c("issued"), used: c("used"), cancelled: c("cancelled") } };
  });
}

export async function getCatalogItem(db: Db, programId: string, itemId: string) {
  const item = await db.catalogItem.findFirst({ where: { id: itemId, programId } });
  if (!item) throw new AppError("not_found", "Catalog item not found");
  return item;
}

export async function createCatalogItem(db: Db, input: { programId: string; staffUserId: string | null; data: CatalogItemInput }) {
  const d = parse(catalogItemInput, toColumns(input.data, TEXT_FIELDS));
  checkWindow(d.availableFrom, d.availableUntil);
  const exists = await db.catalogItem.findUnique({ where: { programId_code: { programId: input.programId, code: d.code } }, select: { id: true } });
  if (exists) throw new AppError("already_exists", "An item with this code exists", { details: [{ path: "code", message: "already_used" }] });
  const item = await db.catalogItem.create({
    data: {
      id: createId("cat"),
      programId: input.programId,
      ...d,
      imageUrl: d.imageUrl ?? null,
      stock: d.stock ?? null,
      availableFrom: d.availableFrom ?? null,
      availableUntil: d.availableUntil ?? null,
    },
  });
  await writeAudit(db, {
    programId: input.programId,
    actor: input.staffUserId ? { type: "staff", id: input.staffUserId } : { type: "system" },
    action: "catalog.item_created",
    entityType: "catalog_item",
    entityId: item.id,
    after: item,
  });
  return item;
}

/** Partial update; `stock` may be set to a new absolute value (null = unlimited). */
export async function updateCatalogItem(db: Db, input: { programId: string; itemId: string; staffUserId: string | null; data: Partial<CatalogItemInput> }) {
  const d = parse(catalogItemPatch, toColumns(input.data, TEXT_FIELDS));
  const before = await getCatalogItem(db, input.programId, input.itemId);
  checkWindow(d.availableFrom === undefined ? before.availableFrom : d.availableFrom, d.availableUntil === undefined ? before.availableUntil : d.availableUntil);
  if (d.code && d.code !== before.code) {
    const exists = await db.catalogItem.findUnique({ where: { programId_code: { programId: input.programId, code: d.code } }, select: { id: true } });
    if (exists) throw new AppError("already_exists", "An item with this code exists", { details: [{ path: "code", message: "already_used" }] });
  }
  const data = Object.fromEntries(Object.entries(d).filter(([, v]) => v !== undefined)) as Prisma.CatalogItemUpdateInput;
  const item = await db.catalogItem.update({ where: { id: before.id }, data });
  await writeAudit(db, {
    programId: input.programId,
    actor: input.staffUserId ? { type: "staff", id: input.staffUserId } : { type: "system" },
    action: "catalog.item_updated",
    entityType: "catalog_item",
    entityId: item.id,
    before,
    after: item,
  });
  return item;
}

// The partner's saved groups of its customers: segment definitions (lib/segments) evaluated in
// the partner's scope (compileSegment with `partnerId`: its customers, its receipts only).
// Scoped by the session's partner: another partner's group is not found, never listed, never
// changed. Conditions about the member's life outside the partner are refused with their path.
import type { Db } from "@/lib/db/client";
import { writeAudit } from "@/lib/audit/write-audit";
import { AppError, formatPath, type ErrorDetail } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { fromColumns, localized, type LocalizedText } from "@/lib/i18n/localized";
import type { Locale } from "@/lib/i18n/locales";
import { createId } from "@/lib/ids";
import { PARTNER_FORBIDDEN_KINDS, type SegmentContext } from "@/lib/segments/compile";
import { segmentDefinitionOrThrow, type SegmentCondition, type SegmentDefinition, type SegmentNode } from "@/lib/segments/definition";
import { segmentContext } from "@/lib/segments/run";
import type { PortalActor } from "./actor";

/** The condition kinds the portal's builder offers (the console's minus PARTNER_FORBIDDEN_KINDS). */
export const PARTNER_CONDITION_KINDS: SegmentCondition["kind"][] = [
  "spend",
  "receipts",
  "daysSinceLastPurchase",
  "boughtCategory",
  "boughtSku",
  "boughtAtStore",
  "rfm",
  "tier",
  "birthdayMonth",
  "birthdayWithin",
  "registeredIn",
  "consent",
];

/** Parses a definition and refuses conditions a partner may not use (AppError invalid_request with paths). */
export function partnerSegmentDefinitionOrThrow(json: unknown): SegmentDefinition {
  const def = segmentDefinitionOrThrow(json);
  const errors: ErrorDetail[] = [];
  const walk = (n: SegmentNode, path: (string | number)[]) => {
    if (n.kind === "group") n.children.forEach((c, i) => walk(c, [...path, "children", i]));
    else if (PARTNER_FORBIDDEN_KINDS.has(n.kind)) errors.push({ path: formatPath([...path, "kind"]), message: "not_available", text: { key: "partner.groups.forbidden" } });
  };
  walk(def, []);
  if (errors.length) throw new AppError("invalid_request", `The group uses ${errors.length} condition(s) a partner cannot use`, { details: errors, text: { key: "partner.groups.forbidden" } });
  return def;
}

/** The context the partner's groups are evaluated in: the program's zone and entry tier, the partner's scope. */
export async function partnerSegmentContext(db: Db, me: { programId: string; partnerId: string }, now = new Date()): Promise<SegmentContext> {
  return { ...(await segmentContext(db, me.programId, now)), partnerId: me.partnerId };
}

export interface PartnerGroup {
  id: string;
  /** In the reader's language when the group is named in both; otherwise as typed. */
  name: string;
  definition: SegmentDefinition;
  updatedAt: Date;
}

const SELECT = { id: true, name: true, nameRu: true, definition: true, updatedAt: true } as const;
type GroupRow = { id: string; name: string; nameRu: string | null; definition: unknown; updatedAt: Date };
const asJson = (d: SegmentDefinition) => d as unknown as Prisma.InputJsonValue;

function view(row: GroupRow, locale: Locale): PartnerGroup {
  return { id: row.id, name: localized(fromColumns(row.name, row.nameRu), locale), definition: row.definition as SegmentDefinition, updatedAt: row.updatedAt };
}

function cleanText(name: unknown): string {
  const n = String(name ?? "")
    .trim()
    .replace(/\s+/g, " ");
  if (n.length < 1 || n.length > 120) throw new AppError("invalid_request", "A group needs a name (up to 120 characters)", { details: [{ path: "name", message: "required" }] });
  return n;
}

/**
 * The name's columns: a typed name is stored as it is (`nameRu` null); a name given in both
 * languages, `{"en": "Regulars", "ru": "Постоянные гости"}` (the demo's groups), as the English
 * column and the Russian one.
 */
function cleanName(name: unknown): { name: string; nameRu: string | null } {
  if (name && typeof name === "object" && !Array.isArray(name)) {
    const text = name as Partial<Record<Locale, unknown>>;
    const en = text.en ?? text.ru;
    return { name: cleanText(en), nameRu: text.ru == null ? null : cleanText(text.ru) };
  }
  return { name: cleanText(name), nameRu: null };
}

function isUniqueViolation(err: unknown) {
  return (err as { code?: string })?.code === "P2002";
}
/** Another of the partner's groups already reads as one of these names in some language. */
async function nameClash(tx: Prisma.TransactionClient, partnerId: string, names: { name: string; nameRu: string | null }, except?: string) {
  const texts = [names.name, ...(names.nameRu ? [names.nameRu] : [])];
  const row = await tx.partnerSegment.findFirst({
    where: { partnerId, ...(except ? { id: { not: except } } : {}), OR: [{ name: { in: texts } }, { nameRu: { in: texts } }] },
    select: { id: true },
  });
  return row !== null;
}
const nameTaken = () => new AppError("already_exists", "A group with this name already exists", { details: [{ path: "name", message: "already_used" }] });

/** The partner's groups, named in `locale` (the reader's language) where a group has both. */
export async function listPartnerGroups(db: Db, partnerId: string, locale: Locale = "en"): Promise<PartnerGroup[]> {
  const rows = await db.partnerSegment.findMany({ where: { partnerId }, orderBy: { updatedAt: "desc" }, take: 200, select: SELECT });
  return rows.map((r) => view(r, locale));
}

/** One of the partner's groups, named in `locale`; another partner's id is not_found. */
export async function getPartnerGroup(db: Db, partnerId: string, id: string, locale: Locale = "en"): Promise<PartnerGroup> {
  const row = await db.partnerSegment.findFirst({ where: { id, partnerId }, select: SELECT });
  if (!row) throw new AppError("not_found", "Group not found");
  return view(row, locale);
}

/** The name in both columns, for the audit: the typed text, or `{en, ru}`. */
const auditName = (c: { name: string; nameRu: string | null }): LocalizedText => fromColumns(c.name, c.nameRu);

export async function createPartnerGroup(db: Db, actor: PortalActor, input: { name: unknown; definition: unknown }): Promise<PartnerGroup> {
  const names = cleanName(input.name);
  const name = auditName(names);
  const definition = partnerSegmentDefinitionOrThrow(input.definition);
  try {
    return await db.$transaction(async (tx) => {
      // The unique index covers the typed (English) column; a name equal to another group's Russian one is taken too.
      if (await nameClash(tx, actor.partnerId, names)) throw nameTaken();
      const row = await tx.partnerSegment.create({
        data: { id: createId("psg"), programId: actor.programId, partnerId: actor.partnerId, ...names, definition: asJson(definition), createdById: actor.staffUserId, updatedById: actor.staffUserId },
        select: SELECT,
      });
      await writeAudit(tx, {
        programId: actor.programId,
        actor: { type: "staff", id: actor.staffUserId },
        action: "partner.group.create",
        entityType: "partner_segment",
        entityId: row.id,
        after: { name, definition },
      });
      return view(row, "en");
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw nameTaken();
    throw err;
  }
}

/**
 * Saves a group. The editor shows the name in the reader's language: saved unchanged (either of a
 * bilingual name's languages), both languages stay; any other name is a rename, stored as typed.
 */
export async function updatePartnerGroup(db: Db, actor: PortalActor, input: { id: string; name: unknown; definition: unknown }): Promise<PartnerGroup> {
  const typed = cleanName(input.name);
  const definition = partnerSegmentDefinitionOrThrow(input.definition);
  try {
    return await db.$transaction(async (tx) => {
      const before = await tx.partnerSegment.findFirst({ where: { id: input.id, partnerId: actor.partnerId }, select: SELECT });
      if (!before) throw new AppError("not_found", "Group not found");
      const kept = typed.nameRu === null && before.nameRu !== null && (typed.name === before.name || typed.name === before.nameRu);
      const names = kept ? { name: before.name, nameRu: before.nameRu } : typed;
      const name = auditName(names);
      if (!kept && (await nameClash(tx, actor.partnerId, names, before.id))) throw nameTaken();
      const { count } = await tx.partnerSegment.updateMany({
        where: { id: before.id, partnerId: actor.partnerId },
        data: { ...names, definition: asJson(definition), updatedById: actor.staffUserId },
      });
      if (count !== 1) throw new AppError("not_found", "Group not found");
      await writeAudit(tx, {
        programId: actor.programId,
        actor: { type: "staff", id: actor.staffUserId },
        action: "partner.group.update",
        entityType: "partner_segment",
        entityId: before.id,
        before: { name: auditName(before), definition: before.definition },
        after: { name, definition },
      });
      return view(await tx.partnerSegment.findUniqueOrThrow({ where: { id: before.id }, select: SELECT }), "en");
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw nameTaken();
    throw err;
  }
}

export async function deletePartnerGroup(db: Db, actor: PortalActor, input: { id: string }): Promise<void> {
  await db.$transaction(async (tx) => {
    const before = await tx.partnerSegment.findFirst({ where: { id: input.id, partnerId: actor.partnerId }, select: SELECT });
    if (!before) throw new AppError("not_found", "Group not found");
    const { count } = await tx.partnerSegment.deleteMany({ where: { id: before.id, partnerId: actor.partnerId } });
    if (count !== 1) throw new AppError("not_found", "Group not found");
    await writeAudit(tx, {
      programId: actor.programId,
      actor: { type: "staff", id: actor.staffUserId },
      action: "partner.group.delete",
      entityType: "partner_segment",
      entityId: before.id,
      before: { name: auditName(before), definition: before.definition },
    });
  });
}

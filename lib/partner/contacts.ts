// The partner's business contacts: its people (name, role, email, phone). The partner's manager
// creates, edits and deletes them in the portal — always within its own partner, another
// partner's contact is not found —, every change audited; the owner reads them in the console.
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { writeAudit } from "@/lib/audit/write-audit";
import { emailSchema, normalizePhone } from "@/lib/customers/phone";
import { AppError, invalidInput } from "@/lib/errors";
import { fromColumns, localized } from "@/lib/i18n/localized";
import type { Locale } from "@/lib/i18n/locales";
import { createId } from "@/lib/ids";
import type { PortalActor } from "./actor";

export const contactInput = z.object({
  name: z.string().trim().min(2).max(120),
  role: z.string().trim().min(2).max(80),
  email: emailSchema,
  /** Optional: an empty field is no phone; otherwise E.164 after the usual spellings are normalised. */
  phone: z.preprocess(
    (v) => v ?? "",
    z
      .string()
      .trim()
      .max(32)
      .transform((v, ctx) => {
        if (!v) return null;
        const phone = normalizePhone(v);
        if (!phone) ctx.addIssue({ code: "custom", message: "invalid_phone" });
        return phone;
      }),
  ),
});
export type ContactInput = z.input<typeof contactInput>;
/** The seed gives a role in both languages, `{"en": "Accountant", "ru": "Бухгалтер"}`; the portal's form one typed text. */
type ContactWrite = Omit<ContactInput, "role"> & { role: string | { en: string; ru: string } };

export interface PartnerContactView {
  id: string;
  name: string;
  /** In the reader's language when the role is given in both; otherwise as typed. */
  role: string;
  email: string;
  phone: string | null;
  updatedAt: Date;
}

export const CONTACT_SELECT = { id: true, name: true, role: true, roleRu: true, email: true, phone: true, updatedAt: true } as const;
const SELECT = CONTACT_SELECT;
type ContactRow = Omit<PartnerContactView, "role"> & { role: string; roleRu: string | null };

/** A stored contact as a reader in `locale` sees it. */
export function contactView({ roleRu, ...row }: ContactRow, locale: Locale): PartnerContactView {
  return { ...row, role: localized(fromColumns(row.role, roleRu), locale) };
}

function parse(input: unknown) {
  const r = contactInput.safeParse(input);
  if (!r.success) throw invalidInput("Invalid contact", r.error.issues);
  return r.data;
}

/** The contact's columns: a role in both languages is the English column and the Russian one. */
function parseWrite(input: ContactWrite) {
  if (typeof input.role === "string") return { ...parse(input), roleRu: null };
  const { ru, en } = input.role;
  return { ...parse({ ...input, role: en }), roleRu: parse({ ...input, role: ru }).role };
}

export async function listPartnerContacts(db: Db, partnerId: string, locale: Locale = "en"): Promise<PartnerContactView[]> {
  const rows = await db.partnerContact.findMany({ where: { partnerId }, orderBy: [{ name: "asc" }, { id: "asc" }], select: SELECT });
  return rows.map((r) => contactView(r, locale));
}

export async function createPartnerContact(db: Db, actor: PortalActor, input: ContactWrite): Promise<PartnerContactView> {
  const data = parseWrite(input);
  return db.$transaction(async (tx) => {
    const row = await tx.partnerContact.create({
      data: { id: createId("pct"), programId: actor.programId, partnerId: actor.partnerId, ...data, createdById: actor.staffUserId, updatedById: actor.staffUserId },
      select: SELECT,
    });
    await writeAudit(tx, {
      programId: actor.programId,
      actor: { type: "staff", id: actor.staffUserId },
      action: "partner.contact.create",
      entityType: "partner_contact",
      entityId: row.id,
      after: data,
    });
    return contactView(row, "en");
  });
}

/**
 * Changes one of the partner's own contacts; another partner's id is not_found and nothing changes.
 * The form shows the role in the reader's language: saved unchanged, both languages stay; a new
 * role is stored as typed.
 */
export async function updatePartnerContact(db: Db, actor: PortalActor, input: ContactInput & { id: string }): Promise<PartnerContactView> {
  const typed = parse(input);
  return db.$transaction(async (tx) => {
    const before = await tx.partnerContact.findFirst({ where: { id: input.id, partnerId: actor.partnerId }, select: SELECT });
    if (!before) throw new AppError("not_found", "Contact not found");
    const kept = before.roleRu !== null && (typed.role === before.role || typed.role === before.roleRu);
    const data = { ...typed, role: kept ? before.role : typed.role, roleRu: kept ? before.roleRu : null };
    // The partner in the WHERE as well: the row cannot have moved, but the write never trusts the read.
    const { count } = await tx.partnerContact.updateMany({ where: { id: before.id, partnerId: actor.partnerId }, data: { ...data, updatedById: actor.staffUserId } });
    if (count !== 1) throw new AppError("not_found", "Contact not found");
    await writeAudit(tx, {
      programId: actor.programId,
      actor: { type: "staff", id: actor.staffUserId },
      action: "partner.contact.update",
      entityType: "partner_contact",
      entityId: before.id,
      before: { name: before.name, role: fromColumns(before.role, before.roleRu), email: before.email, phone: before.phone },
      after: { ...typed, role: fromColumns(data.role, data.roleRu) },
    });
    return contactView(await tx.partnerContact.findUniqueOrThrow({ where: { id: before.id }, select: SELECT }), "en");
  });
}

export async function deletePartnerContact(db: Db, actor: PortalActor, input: { id: string }): Promise<void> {
  await db.$transaction(async (tx) => {
    const before = await tx.partnerContact.findFirst({ where: { id: input.id, partnerId: actor.partnerId }, select: SELECT });
    if (!before) throw new AppError("not_found", "Contact not found");
    const { count } = await tx.partnerContact.deleteMany({ where: { id: before.id, partnerId: actor.partnerId } });
    // A concurrent delete got there first: the contact is gone either way, audited once.
    if (count !== 1) throw new AppError("not_found", "Contact not found");
    await writeAudit(tx, {
      programId: actor.programId,
      actor: { type: "staff", id: actor.staffUserId },
      action: "partner.contact.delete",
      entityType: "partner_contact",
      entityId: before.id,
      before: { name: before.name, role: fromColumns(before.role, before.roleRu), email: before.email, phone: before.phone },
    });
  });
}

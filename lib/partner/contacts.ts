// The partner's business contacts: its people (name, role, email, phone). The partner's manager
// creates, edits and deletes them in the portal — always within its own partner, another
// partner's contact is not found —, every change audited; the owner reads them in the console.
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { writeAudit } from "@/lib/audit/write-audit";
import { emailSchema, normalizePhone } from "@/lib/customers/phone";
import { AppError, invalidInput } from "@/lib/errors";
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

export interface PartnerContactView {
  id: string;
  name: string;
  role: string;
  email: string;
  phone: string | null;
  updatedAt: Date;
}

const SELECT = { id: true, name: true, role: true, email: true, phone: true, updatedAt: true } as const;

function parse(input: unknown) {
  const r = contactInput.safeParse(input);
  if (!r.success) throw invalidInput("Invalid contact", r.error.issues);
  return r.data;
}

export async function listPartnerContacts(db: Db, partnerId: string): Promise<PartnerContactView[]> {
  return db.partnerContact.findMany({ where: { partnerId }, orderBy: [{ name: "asc" }, { id: "asc" }], select: SELECT });
}

export async function createPartnerContact(db: Db, actor: PortalActor, input: ContactInput): Promise<PartnerContactView> {
  const data = parse(input);
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
    return row;
  });
}

/** Changes one of the partner's own contacts; another partner's id is not_found and nothing changes. */
export async function updatePartnerContact(db: Db, actor: PortalActor, input: ContactInput & { id: string }): Promise<PartnerContactView> {
  const data = parse(input);
  return db.$transaction(async (tx) => {
    const before = await tx.partnerContact.findFirst({ where: { id: input.id, partnerId: actor.partnerId }, select: SELECT });
    if (!before) throw new AppError("not_found", "Contact not found");
    // The partner in the WHERE as well: the row cannot have moved, but the write never trusts the read.
    const { count } = await tx.partnerContact.updateMany({ where: { id: before.id, partnerId: actor.partnerId }, data: { ...data, updatedById: actor.staffUserId } });
    if (count !== 1) throw new AppError("not_found", "Contact not found");
    await writeAudit(tx, {
      programId: actor.programId,
      actor: { type: "staff", id: actor.staffUserId },
      action: "partner.contact.update",
      entityType: "partner_contact",
      entityId: before.id,
      before: { name: before.name, role: before.role, email: before.email, phone: before.phone },
      after: data,
    });
    return tx.partnerContact.findUniqueOrThrow({ where: { id: before.id }, select: SELECT });
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
      before: { name: before.name, role: before.role, email: before.email, phone: before.phone },
    });
  });
}

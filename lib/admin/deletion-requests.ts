// Customers' requests to delete their account ("delete my account" in the cabinet profile) as
// support sees them, and the anonymisation that answers one: personal fields wiped, phone and
// email freed for a new sign-up, codes, link tokens and messages to the old addresses removed,
// the customer blocked and signed out. Receipts, cards' history and the ledger stay untouched
// (balances and `npm run ledger:check` are unaffected). Audited without the wiped values.
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { writeAudit } from "@/lib/audit/write-audit";

export interface DeletionRequestRow {
  id: string;
  customerId: string;
  name: string | null;
  phone: string | null;
  email: string | null;
  reason: string | null;
  createdAt: Date;
}

/** Open deletion requests of the program, oldest first. */
export async function openDeletionRequests(db: Db, programId: string, limit = 100): Promise<DeletionRequestRow[]> {
  const rows = await db.deletionRequest.findMany({ where: { programId, status: "requested" }, orderBy: { createdAt: "asc" }, take: limit });
  const customers = await db.customer.findMany({ where: { programId, id: { in: rows.map((r) => r.customerId) } }, select: { id: true, firstName: true, lastName: true, phone: true, email: true } });
  const byId = new Map(customers.map((c) => [c.id, c]));
  return rows.flatMap((r) => {
    const c = byId.get(r.customerId);
    if (!c) return [];
    return [{ id: r.id, customerId: c.id, name: [c.lastName, c.firstName].filter(Boolean).join(" ") || null, phone: c.phone, email: c.email, reason: r.reason, createdAt: r.createdAt }];
  });
}

/** The fields anonymisation wipes (names only go to the audit log, never values). */
export const WIPED_FIELDS = ["phone", "email", "firstName", "lastName", "birthDate", "gender", "locale", "consents", "feedbackMessages"] as const;

export async function anonymiseCustomer(db: Db, input: { programId: string; customerId: string; staffUserId: string; now?: Date }) {
  const now = input.now ?? new Date();
  return db.$transaction(async (tx) => {
    // Scoped to the staff member's program; the row lock makes two presses one anonymisation.
    const [c] = await tx.$queryRaw<{ id: string; phone: string | null; email: string | null }[]>`
      select id, phone, email from "Customer" where id = ${input.customerId} and "programId" = ${input.programId} for update`;
    if (!c) throw new AppError("customer_not_found", "No customer of this program has this id");
    const open = await tx.deletionRequest.findFirst({ where: { customerId: c.id, status: "requested" }, select: { id: true } });
    if (!open) throw new AppError("invalid_state", "This customer has no open deletion request");
    const addresses = [c.phone, c.email].filter((a): a is string => !!a);
    await tx.customer.update({
      where: { id: c.id },
      data: {
        phone: null,
        phoneVerifiedAt: null,
        externalId: null,
        email: null,
        emailVerifiedAt: null,
        firstName: null,
        lastName: null,
        birthDate: null,
        gender: null,
        locale: null,
        emailConsent: false,
        emailConsentAt: null,
        smsConsent: false,
        smsConsentAt: null,
        status: "blocked",
        sessionVersion: { increment: 1 },
      },
    });
    await tx.oneTimeCode.deleteMany({ where: { OR: [{ customerId: c.id }, { target: { in: addresses } }] } });
    await tx.emailToken.deleteMany({ where: { customerId: c.id } });
    if (addresses.length) await tx.outboxMessage.deleteMany({ where: { to: { in: addresses } } });
    // Queued and sent messages keep their statuses (campaign statistics) but lose address and content.
    await tx.message.updateMany({ where: { customerId: c.id }, data: { to: "", data: {}, subject: null } });
    await tx.feedbackMessage.updateMany({ where: { author: "customer", request: { customerId: c.id } }, data: { body: "" } });
    await tx.feedbackRequest.updateMany({ where: { customerId: c.id }, data: { subject: "" } });
    await tx.deletionRequest.updateMany({ where: { customerId: c.id, status: "requested" }, data: { status: "completed", resolvedAt: now, reason: null } });
    await writeAudit(tx, {
      programId: input.programId,
      actor: { type: "staff", id: input.staffUserId },
      action: "customer.anonymised",
      entityType: "customer",
      entityId: c.id,
      before: null,
      after: { wiped: [...WIPED_FIELDS], deletionRequestId: open.id },
    });
    return { customerId: c.id };
  });
}

/** Open deletion requests of the program (the badge on the customers page). */
export async function countOpenDeletionRequests(db: Db, programId: string): Promise<number> {
  return db.deletionRequest.count({ where: { programId, status: "requested" } });
}

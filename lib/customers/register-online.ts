// Online sign-up: a phone the program does not know becomes a customer (channel "web") with
// both points accounts and a virtual card, in one transaction. Two sign-ups of the same phone at
// the same moment end with one customer (the unique (programId, phone) index decides).
import { fireTrigger } from "@/lib/communications/triggers";
import type { Db } from "@/lib/db/client";
import { issueCard } from "@/lib/cards/issue-card";
import { createId } from "@/lib/ids";
import { ensureAccounts } from "@/lib/ledger";
import { writeAudit } from "@/lib/audit/write-audit";

function isUniqueViolation(e: unknown) {
  return typeof e === "object" && e !== null && "code" in e && (e as { code?: string }).code === "P2002";
}

export async function findOrRegisterByPhone(
  db: Db,
  input: { programId: string; phone: string; locale?: string | null; at?: Date },
): Promise<{ customer: NonNullable<Awaited<ReturnType<Db["customer"]["findUnique"]>>>; created: boolean }> {
  const at = input.at ?? new Date();
  const where = { programId_phone: { programId: input.programId, phone: input.phone } };
  const existing = await db.customer.findUnique({ where });
  if (existing) return { customer: existing, created: false };
  try {
    const customer = await db.$transaction(async (tx) => {
      const id = createId("cus", at.getTime());
      const c = await tx.customer.create({
        data: {
          id,
          programId: input.programId,
          phone: input.phone,
          phoneVerifiedAt: at,
          registrationChannel: "web",
          locale: input.locale ?? null,
          createdAt: at,
        },
      });
      await ensureAccounts(tx, input.programId, id);
      await issueCard(tx, input.programId, id, at);
      await fireTrigger(tx, { programId: input.programId, customerId: id, kind: "welcome", dedupeKey: `welcome:${id}` });
      await writeAudit(tx, { programId: input.programId, actor: { type: "customer", id }, action: "customer.registered", entityType: "customer", entityId: id, after: { channel: "web" } });
      return c;
    });
    return { customer, created: true };
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    const again = await db.customer.findUnique({ where });
    if (!again) throw e;
    return { customer: again, created: false };
  }
}

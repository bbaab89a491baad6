// The fan's virtual card: the newest active card, or a new one issued on the spot.
import type { Db } from "@/lib/db/client";
import { issueCard } from "@/lib/cards/issue-card";

export async function ensureVirtualCard(db: Db, customer: { id: string; programId: string }) {
  const card = await db.card.findFirst({ where: { customerId: customer.id, status: "active" }, orderBy: { issuedAt: "desc" } });
  if (card) return { card, issued: false };
  const created = await db.$transaction(async (tx) => {
    // Lock the customer row: two tabs opening the card page at once issue one card.
    await tx.$queryRaw`select id from "Customer" where id = ${customer.id} for update`;
    const again = await tx.card.findFirst({ where: { customerId: customer.id, status: "active" }, orderBy: { issuedAt: "desc" } });
    return again ?? issueCard(tx, customer.programId, customer.id);
  });
  return { card: created, issued: true };
}

// Finding the customer of a POS call (card, phone, QR token or id; always inside the
// terminal's program) and reading the state that prices a receipt.
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import type { ProgramDefinition } from "@/lib/program/definition";
import { periodAt } from "@/lib/tiers/periods";
import type { TierMetrics } from "@/lib/tiers/evaluate-status";
import type { CustomerRef } from "@/lib/pos/schemas";

type Q = Pick<Prisma.TransactionClient, "$queryRaw">;

export interface PosCustomer {
  id: string;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  phoneVerifiedAt: Date | null;
  birthDate: Date | null;
  status: "active" | "blocked";
  card: string | null;
}


export async function resolveCustomer(q: Q, programId: string, ref: CustomerRef): Promise<PosCustomer> {
  let rows: PosCustomer[];
  if ("card" in ref) {
    rows = await q.$queryRaw<PosCustomer[]>`
      select c.id, c."firstName", c."lastName", c.phone, c."phoneVerifiedAt", c."birthDate", c.status::text as status, k.number as card
      from "Card" k join "Customer" c on c.id = k."customerId"
      where k.number = ${ref.card} and k."programId" = ${programId} and k.status = 'active'`;
  } else if ("qr" in ref) {
    rows = await q.$queryRaw<PosCustomer[]>`
      select c.id, c."firstName", c."lastName", c.phone, c."phoneVerifiedAt", c."birthDate", c.status::text as status, k.number as card
      from "Card" k join "Customer" c on c.id = k."customerId"
      where k."qrToken" = ${ref.qr} and k."programId" = ${programId} and k.status = 'active'`;
  } else if ("phone" in ref) {
    rows = await q.$queryRaw<PosCustomer[]>`
      select c.id, c."firstName", c."lastName", c.phone, c."phoneVerifiedAt", c."birthDate", c.status::text as status,
        (select number from "Card" where "customerId" = c.id and status = 'active' order by "issuedAt" desc limit 1) as card
      from "Customer" c where c."programId" = ${programId} and c.phone = ${ref.phone}`;
  } else {
    rows = await q.$queryRaw<PosCustomer[]>`
      select c.id, c."firstName", c."lastName", c.phone, c."phoneVerifiedAt", c."birthDate", c.status::text as status,
        (select number from "Card" where "customerId" = c.id and status = 'active' order by "issuedAt" desc limit 1) as card
      from "Customer" c where c."programId" = ${programId} and c.id = ${ref.id}`;
  }
  const c = rows[0];
  if (!c) throw new AppError("customer_not_found", "No customer of this program matches the card, phone, QR code or id");
  return c;
}

/** The tier code in force for the customer (entry tier when none is recorded yet). */
export async function currentTierCode(q: Q, customerId: string, def: ProgramDefinition, at: Date): Promise<string> {
  const rows = await q.$queryRaw<{ tierCode: string; manualTierCode: string | null; manualUntil: Date | null }[]>`
    select "tierCode", "manualTierCode", "manualUntil" from "CustomerTier" where "customerId" = ${customerId}`;
  const row = rows[0];
  const known = (code: string | null | undefined) => (code && def.tiers.some((t) => t.code === code) ? code : null);
  if (row?.manualTierCode && (!row.manualUntil || row.manualUntil > at) && known(row.manualTierCode)) return row.manualTierCode;
  return known(row?.tierCode) ?? def.tiers[0].code;
}

export async function readBalances(q: Q, customerId: string) {
  const rows = await q.$queryRaw<{ kind: string; available: number; pending: number }[]>`
    select kind::text as kind, available, pending from "Account" where "customerId" = ${customerId}`;
  const main = rows.find((r) => r.kind === "main");
  const promo = rows.find((r) => r.kind === "promo");
  return { main: main?.available ?? 0, promo: promo?.available ?? 0, pending: (main?.pending ?? 0) + (promo?.pending ?? 0) };
}

/** The customer's metrics in the qualification period containing `at`. */
export async function periodMetrics(q: Q, customerId: string, def: ProgramDefinition, at: Date): Promise<TierMetrics> {
  const key = periodAt(def.qualification.period, def.timezone, at).key;
  const rows = await q.$queryRaw<{ spend: bigint; spendByCategory: Record<string, number>; visits: number; purchases: number }[]>`
    select spend, "spendByCategory", visits, purchases from "TierMetric" where "customerId" = ${customerId} and "periodKey" = ${key}`;
  const r = rows[0];
  return r ? { spend: Number(r.spend), spendByCategory: r.spendByCategory ?? {}, visits: r.visits, purchases: r.purchases } : { spend: 0, spendByCategory: {}, visits: 0, purchases: 0 };
}

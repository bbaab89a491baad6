// Settlement between the coalition and its partners, from the ledger: for a month (program
// time), every ledger entry tied to a receipt, attributed to the receipt's partner (the one its
// store belonged to then; null: the program's own stores) and valued at the receipt's program
// version's pointValue.
//   issued     accruals on the receipt (main and promo account; pending points count when earned)
//   reclaimed  what returns and cancellations took back: reversals out of lots, and debt
//   redeemed   points spent on the receipt (one step, or a hold captured at commit)
//   refunded   spent points given back by returns and cancellations
// Net issued × pointValue is what the partner owes the coalition; net redeemed × pointValue is
// what the coalition reimburses; balance = owed − reimbursed (negative: the coalition pays).
// Expiry, activation, holds and debt repayment move no value between partners and are left out.
// Issued and redeemed are also split by account: main points and promo-account points (promotions'
// promoAccount points, spendable only on their items) — main + promo = the whole.
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";

export interface SettlementFigures {
  issued: number;
  /** Of `issued`: into the main account / the promo account. */
  issuedMain: number;
  issuedPromo: number;
  reclaimed: number;
  redeemed: number;
  /** Of `redeemed`: from the main account / the promo account. */
  redeemedMain: number;
  redeemedPromo: number;
  refunded: number;
  netIssued: number;
  netRedeemed: number;
  /** Minor units. */
  owed: number;
  reimbursed: number;
  balance: number;
  receipts: number;
}

export interface StatementLine extends SettlementFigures {
  id: string;
  code: string;
  name: string;
}

type Raw = { partnerId: string | null; storeId: string; pv: number; iss: bigint; iss_promo: bigint; rec: bigint; red: bigint; red_promo: bigint; ref: bigint; receipts: bigint };

const n = (v: unknown) => Number(v ?? 0);

/** The four sums over LedgerEntry e (the definitions above), and issued and redeemed on the promo account (Account a). */
const SUMS = Prisma.sql`
      COALESCE(sum(CASE WHEN e."type" = 'accrual' THEN e."deltaAvailable" + e."deltaPending" END), 0) AS iss,
      COALESCE(sum(CASE WHEN e."type" = 'accrual' AND a."kind" = 'promo' THEN e."deltaAvailable" + e."deltaPending" END), 0) AS iss_promo,
      COALESCE(sum(CASE WHEN e."type" = 'redemption' AND a."kind" = 'promo' THEN -(e."deltaAvailable" + e."deltaHeld") END), 0) AS red_promo,
      COALESCE(sum(CASE WHEN e."type" = 'reversal' AND e."deltaAvailable" + e."deltaPending" < 0 THEN -(e."deltaAvailable" + e."deltaPending")
                        WHEN e."type" = 'debt' AND e."reason" <> 'debt-repayment' THEN e."deltaDebt" END), 0) AS rec,
      COALESCE(sum(CASE WHEN e."type" = 'redemption' THEN -(e."deltaAvailable" + e."deltaHeld") END), 0) AS red,
      COALESCE(sum(CASE WHEN e."type" = 'reversal' AND e."deltaAvailable" + e."deltaPending" > 0 THEN e."deltaAvailable" + e."deltaPending" END), 0) AS ref`;

export const ZERO: SettlementFigures = {
  issued: 0,
  issuedMain: 0,
  issuedPromo: 0,
  reclaimed: 0,
  redeemed: 0,
  redeemedMain: 0,
  redeemedPromo: 0,
  refunded: 0,
  netIssued: 0,
  netRedeemed: 0,
  owed: 0,
  reimbursed: 0,
  balance: 0,
  receipts: 0,
};

function add(a: SettlementFigures, r: Raw): SettlementFigures {
  const issued = a.issued + n(r.iss);
  const reclaimed = a.reclaimed + n(r.rec);
  const redeemed = a.redeemed + n(r.red);
  const refunded = a.refunded + n(r.ref);
  const owed = a.owed + (n(r.iss) - n(r.rec)) * r.pv;
  const reimbursed = a.reimbursed + (n(r.red) - n(r.ref)) * r.pv;
  const issuedPromo = a.issuedPromo + n(r.iss_promo);
  const redeemedPromo = a.redeemedPromo + n(r.red_promo);
  return {
    issued,
    issuedMain: issued - issuedPromo,
    issuedPromo,
    reclaimed,
    redeemed,
    redeemedMain: redeemed - redeemedPromo,
    redeemedPromo,
    refunded,
    netIssued: issued - reclaimed,
    netRedeemed: redeemed - refunded,
    owed,
    reimbursed,
    balance: owed - reimbursed,
    receipts: a.receipts + n(r.receipts),
  };
}

/** The month's entries grouped by partner, store and point value; `partnerId` narrows it to one partner in SQL. */
async function rawRows(db: Db, input: { programId: string; from: Date; to: Date; partnerId?: string }): Promise<Raw[]> {
  const only = input.partnerId === undefined ? Prisma.empty : Prisma.sql`AND p."partnerId" = ${input.partnerId}`;
  return db.$queryRaw<Raw[]>`
    SELECT p."partnerId", p."storeId", COALESCE((v."definition"->>'pointValue')::int, 100) AS pv,
      ${SUMS},
      count(DISTINCT p."id") FILTER (WHERE e."type" IN ('accrual', 'redemption')) AS receipts
    FROM "LedgerEntry" e
    JOIN "Account" a ON a."id" = e."accountId"
    JOIN "Purchase" p ON p."id" = e."purchaseId"
    JOIN "ProgramVersion" v ON v."id" = p."programVersionId"
    WHERE p."programId" = ${input.programId} ${only} AND e."at" >= ${input.from} AND e."at" < ${input.to}
      AND e."type" IN ('accrual', 'reversal', 'debt', 'redemption')
    GROUP BY 1, 2, 3`;
}

export interface PartnerSettlementRow extends SettlementFigures {
  /** null: the program's own stores. */
  partnerId: string | null;
  code: string | null;
  name: string | null;
}

/** Every partner's figures for the month (partners without entries too) and the own stores' row; totals are their sum. */
export async function programSettlement(db: Db, input: { programId: string; from: Date; to: Date }): Promise<{ rows: PartnerSettlementRow[]; totals: SettlementFigures }> {
  const [raw, partners] = await Promise.all([
    rawRows(db, input),
    db.partner.findMany({ where: { programId: input.programId }, select: { id: true, code: true, name: true }, orderBy: { name: "asc" } }),
  ]);
  const by = new Map<string | null, SettlementFigures>();
  for (const r of raw) by.set(r.partnerId, add(by.get(r.partnerId) ?? ZERO, r));
  const rows: PartnerSettlementRow[] = partners.map((p) => ({ partnerId: p.id, code: p.code, name: p.name, ...(by.get(p.id) ?? ZERO) }));
  rows.push({ partnerId: null, code: null, name: null, ...(by.get(null) ?? ZERO) });
  let totals = ZERO;
  for (const r of raw) totals = add(totals, r);
  return { rows, totals };
}

/** One partner's statement: a line per store (its stores, and any store its receipts were made at) and the total. */
export async function partnerStatement(db: Db, input: { programId: string; partnerId: string; from: Date; to: Date }): Promise<{ lines: StatementLine[]; totals: SettlementFigures }> {
  const raw = await rawRows(db, input);
  const ids = [...new Set(raw.map((r) => r.storeId))];
  const stores = await db.store.findMany({
    where: { OR: [{ partnerId: input.partnerId }, { id: { in: ids } }] },
    select: { id: true, code: true, name: true },
    orderBy: { code: "asc" },
  });
  const by = new Map<string, SettlementFigures>();
  let totals = ZERO;
  for (const r of raw) {
    by.set(r.storeId, add(by.get(r.storeId) ?? ZERO, r));
    totals = add(totals, r);
  }
  return { lines: stores.map((s) => ({ ...s, ...(by.get(s.id) ?? ZERO) })), totals };
}

/**
 * The program's points tied to receipts in the month, straight from its accounts (no receipt or
 * store joined): the control total the partners' rows must add up to.
 */
export async function programLedgerTotals(db: Db, input: { programId: string; from: Date; to: Date }) {
  const [t] = await db.$queryRaw<{ iss: bigint; iss_promo: bigint; rec: bigint; red: bigint; red_promo: bigint; ref: bigint }[]>`
    SELECT
      ${SUMS}
    FROM "LedgerEntry" e JOIN "Account" a ON a."id" = e."accountId"
    WHERE a."programId" = ${input.programId} AND e."purchaseId" IS NOT NULL AND e."at" >= ${input.from} AND e."at" < ${input.to}`;
  return { issued: n(t?.iss), issuedPromo: n(t?.iss_promo), reclaimed: n(t?.rec), redeemed: n(t?.red), redeemedPromo: n(t?.red_promo), refunded: n(t?.ref) };
}

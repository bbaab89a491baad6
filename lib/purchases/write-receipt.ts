// Writing a confirmed receipt. A committed receipt of a member is ONE statement after the locks
// and reads (data-modifying CTEs): the receipt and its lines, the accrual lots with their entries
// and the accounts' cached balances, the status metric upsert and its promotions' reservations
// (the customer's uses, codes, the use rows) — so the customer's account
// locks are held over lock + read → this write → commit (docs/benchmarks.md). Holds, anonymous
// receipts and receipts paid with gift certificates write the receipt alone first (insertReceipt).
import type { Sql } from "@/lib/db/sql";
import { onUniqueViolation, sqlState, SQLSTATE } from "@/lib/db/errors";
import { AppError } from "@/lib/errors";
import { env } from "@/lib/env";
import { createId } from "@/lib/ids";
import type { PlannedAccrual } from "@/lib/ledger";
import type { ReservationClaims, ReservationRefusals } from "@/lib/promotions/reserve";
import type { PricedLine } from "@/lib/rules/types";
import type { ActivityDelta, MetricRow } from "@/lib/tiers/metrics";
import type { Period } from "@/lib/time";

export interface ReceiptRow {
  id: string;
  programId: string;
  storeId: string;
  terminalId: string;
  customerId: string | null;
  number: string;
  at: Date;
  status: "held" | "committed";
  offline: boolean;
  programVersionId: string;
  periodKey: string;
  totals: { amount: number; discount: number; pointsRedeemed: number; promoPointsRedeemed: number; pointsEarned: number; payable: number };
  holdExpiresAt: Date | null;
  now: Date;
  lines: readonly PricedLine[];
  /** The till's line names by line number. */
  names: ReadonlyMap<number, string | null>;
}

const duplicate = () => new AppError("duplicate_receipt", "This store already has a receipt with this number");

function lineColumns(r: ReceiptRow) {
  const pl = r.lines;
  return {
    ids: pl.map(() => createId("rln", r.at.getTime())),
    no: pl.map((l) => l.lineNo),
    sku: pl.map((l) => l.sku),
    cat: pl.map((l) => l.category),
    name: pl.map((l) => r.names.get(l.lineNo) ?? null),
    qty: pl.map((l) => l.quantityMilli),
    price: pl.map((l) => l.price),
    amount: pl.map((l) => l.amount),
    discount: pl.map((l) => l.discount),
    redeemed: pl.map((l) => l.pointsRedeemed),
    promo: pl.map((l) => l.promoPointsRedeemed),
    promoOf: pl.map((l) => l.promoPromotionId ?? null),
    promoVersion: pl.map((l) => l.promoVersionId ?? null),
    earned: pl.map((l) => l.pointsEarned),
    pending: pl.map((l) => Boolean(l.pointsPending)),
  };
}

/**
 * The receipt and its lines in one statement. A repeated receipt number fails on the receipt's key
 * ("ReceiptKey", claimed by the trigger "Purchase_receipt_key" as the receipt is inserted): 409
 * duplicate_receipt. Lines carry the receipt's time, their partition key.
 */
export async function insertReceipt(sql: Sql, r: ReceiptRow): Promise<void> {
  const c = lineColumns(r);
  const t = r.totals;
  await onUniqueViolation(
    sql.$executeRaw`
      with receipt as (
        insert into "Purchase" (id, "programId", "storeId", "partnerId", "terminalId", "customerId", number, at, status, offline, "programVersionId", "periodKey",
          amount, discount, "pointsRedeemed", "promoPointsRedeemed", "pointsEarned", payable, "holdExpiresAt", "committedAt", "createdAt")
        values (${r.id}, ${r.programId}, ${r.storeId}, (select "partnerId" from "Store" where id = ${r.storeId}), ${r.terminalId}, ${r.customerId}, ${r.number}, ${r.at},
          ${r.status}::"PurchaseStatus", ${r.offline}, ${r.programVersionId}, ${r.periodKey},
          ${t.amount}, ${t.discount}, ${t.pointsRedeemed}, ${t.promoPointsRedeemed}, ${t.pointsEarned}, ${t.payable},
          ${r.holdExpiresAt}, ${r.status === "held" ? null : r.now}, ${r.now})
        returning id, at, "programId", "customerId")
      insert into "PurchaseLine" (id, "programId", "customerId", "purchaseId", "purchaseAt", "lineNo", sku, category, name, "quantityMilli", price, amount, discount, "pointsRedeemed", "promoPointsRedeemed", "promoPromotionId", "promoVersionId", "pointsEarned", "pointsPending")
      select u.id, r."programId", r."customerId", r.id, r.at, u.no, u.sku, u.cat, u.name, u.qty, u.price, u.amount, u.discount, u.redeemed, u.promo, u.promo_of, u.promo_version, u.earned, u.pending
      from unnest(${c.ids}::text[], ${c.no}::int[], ${c.sku}::text[], ${c.cat}::text[], ${c.name}::text[], ${c.qty}::int[], ${c.price}::int[], ${c.amount}::int[], ${c.discount}::int[],
        ${c.redeemed}::int[], ${c.promo}::int[], ${c.promoOf}::text[], ${c.promoVersion}::text[], ${c.earned}::int[], ${c.pending}::boolean[])
        as u(id, no, sku, cat, name, qty, price, amount, discount, redeemed, promo, promo_of, promo_version, earned, pending), receipt r`,
    "ReceiptKey_pkey",
    duplicate,
  );
}

/**
 * Before writeCommittedReceipt, on the transaction's statements (not its `last`): the rest of the
 * transaction runs every cached plan generic (`set local plan_cache_mode = force_generic_plan`,
 * sent with the write in its round trip, lib/db/raw-pool.ts). The checks of the lines' foreign key
 * into the partitioned "Purchase" (one per line) and the category trigger's read of the receipt are
 * cached plans whose generic form PostgreSQL prices over every month's partition, so with its default
 * plan choice it planned each of them again on every line (~0.05 ms each); the generic plan prunes
 * to one partition as it runs. The write itself already ran its generic plan. After a refusal
 * `rollback to savepoint` undoes the setting, and the write sets it again.
 * docs/benchmarks.md, "The receipt's write with generic plans".
 *
 * And no sequential scan where an index serves (`set local enable_seqscan = off`): a generic plan is
 * built once per connection and kept until an invalidation (an ANALYZE of its tables), so one built
 * while the month's receipt partition was nearly empty — every month's first minutes, a fresh
 * database — scanned that partition whole for every line's foreign-key check and the category
 * trigger's read of the receipt, at a cost growing with every receipt of the month until an ANALYZE
 * (a third of the backend's CPU per confirm in profile:confirm: docs/benchmarks.md, "Where a confirm's
 * PostgreSQL CPU goes, by phase"). Every statement of the write reads by a key; the setting ends
 * with the transaction too. POS_WRITE_INDEX_SCANS=0 turns it off for an A/B.
 */
export async function genericPlansForWrite(sql: Sql): Promise<void> {
  if (env().POS_GENERIC_WRITE === "1") await sql.$executeRaw`set local plan_cache_mode = force_generic_plan`;
  if (env().POS_WRITE_INDEX_SCANS === "1") await sql.$executeRaw`set local enable_seqscan = off`;
}

/**
 * A committed receipt of a member in one statement: insertReceipt's receipt and lines, every
 * accrual of `accruals` (lot, `accrual` entry, and each account's balance moved by the sum of its
 * entries — the accounts are locked by the caller; the CHECK constraints still guard them), and
 * the metric upsert of lib/tiers/metrics.ts `addToMetric` (same SQL), whose new row it returns,
 * and the reservations of lib/promotions/reserve.ts `reservePromotions` (the same SQL: the
 * customer's uses, the codes, the PurchasePromotion rows — whose promotion-wide counters the
 * deferred trigger claims at commit, as for every receipt). What they refused fails the statement
 * (SQLSTATE TR002, function `tribune_refuse_reservations`) and comes back as `refused` with no
 * metric (the caller's `reservationRefusals`; it rolls the receipt back to its savepoint).
 * The accruals' balances move in memory only after it succeeds (the caller's `appliedAccruals`).
 */
export async function writeCommittedReceipt(
  sql: Sql,
  r: ReceiptRow & { customerId: string },
  accruals: readonly PlannedAccrual[],
  metric: { bucket: Period; delta: ActivityDelta },
  /** Its applied promotions' per-customer uses, codes and PurchasePromotion rows (lib/promotions/reserve.ts `reservationClaims`). */
  v: ReservationClaims,
): Promise<{ metric: MetricRow | null; refused: ReservationRefusals }> {
  const c = lineColumns(r);
  const t = r.totals;
  const a = <T>(f: (p: PlannedAccrual) => T) => accruals.map(f);
  const d = metric.delta;
  const cats = JSON.stringify(d.spendByCategory);
  const rows = await onUniqueViolation(
    sql.$queryRaw<MetricRow[]>`
      with receipt as (
        insert into "Purchase" (id, "programId", "storeId", "partnerId", "terminalId", "customerId", number, at, status, offline, "programVersionId", "periodKey",
          amount, discount, "pointsRedeemed", "promoPointsRedeemed", "pointsEarned", payable, "holdExpiresAt", "committedAt", "createdAt")
        values (${r.id}, ${r.programId}, ${r.storeId}, (select "partnerId" from "Store" where id = ${r.storeId}), ${r.terminalId}, ${r.customerId}, ${r.number}, ${r.at},
          'committed'::"PurchaseStatus", ${r.offline}, ${r.programVersionId}, ${r.periodKey},
          ${t.amount}, ${t.discount}, ${t.pointsRedeemed}, ${t.promoPointsRedeemed}, ${t.pointsEarned}, ${t.payable}, null, ${r.now}, ${r.now})
        returning id, at, "programId", "customerId"),
      lines as (
        insert into "PurchaseLine" (id, "programId", "customerId", "purchaseId", "purchaseAt", "lineNo", sku, category, name, "quantityMilli", price, amount, discount, "pointsRedeemed", "promoPointsRedeemed", "promoPromotionId", "promoVersionId", "pointsEarned", "pointsPending")
        select u.id, r."programId", r."customerId", r.id, r.at, u.no, u.sku, u.cat, u.name, u.qty, u.price, u.amount, u.discount, u.redeemed, u.promo, u.promo_of, u.promo_version, u.earned, u.pending
        from unnest(${c.ids}::text[], ${c.no}::int[], ${c.sku}::text[], ${c.cat}::text[], ${c.name}::text[], ${c.qty}::int[], ${c.price}::int[], ${c.amount}::int[], ${c.discount}::int[],
          ${c.redeemed}::int[], ${c.promo}::int[], ${c.promoOf}::text[], ${c.promoVersion}::text[], ${c.earned}::int[], ${c.pending}::boolean[])
          as u(id, no, sku, cat, name, qty, price, amount, discount, redeemed, promo, promo_of, promo_version, earned, pending), receipt r),
      accrual as (
        select * from unnest(${a((p) => p.lotId)}::text[], ${a((p) => p.entryId)}::text[], ${a((p) => p.account.id)}::text[], ${a((p) => p.activation)}::text[], ${a((p) => p.amount)}::int[],
          ${a((p) => p.availableAt)}::timestamptz[], ${a((p) => p.activatedAt)}::timestamptz[], ${a((p) => p.expiresAt)}::timestamptz[], ${a((p) => p.purchaseLineNo)}::int[],
          ${a((p) => p.lotPromotionId)}::text[], ${a((p) => p.lotPromotionVersionId)}::text[], ${a((p) => p.promotionId)}::text[], ${a((p) => p.reason)}::text[],
          ${a((p) => p.deltaAvailable)}::int[], ${a((p) => p.deltaPending)}::int[])
          as x(lot_id, entry_id, account_id, activation, amount, available_at, activated_at, expires_at, line_no, lot_promotion, lot_version, promotion, reason, da, dp)),
      lots as (
        insert into "Lot" (id, "programId", "customerId", "accountId", activation, amount, remaining, "availableAt", "activatedAt", "expiresAt", "purchaseId", "purchaseLineNo", "promotionId", "promotionVersionId", "createdAt")
        select x.lot_id, ${r.programId}, ${r.customerId}, x.account_id, x.activation::"LotActivation", x.amount, x.amount, x.available_at, x.activated_at, x.expires_at, ${r.id}, x.line_no, x.lot_promotion,
          case when x.lot_promotion is null then null else coalesce(x.lot_version, (select "currentVersionId" from "Promotion" where id = x.lot_promotion)) end, ${r.at}
        from accrual x
        returning id),
      entries as (
        insert into "LedgerEntry" (id, "programId", "customerId", "accountId", type, "deltaAvailable", "deltaHeld", "deltaPending", "deltaDebt", reason, "purchaseId", "lotId", "promotionId", at)
        select x.entry_id, ${r.programId}, ${r.customerId}, x.account_id, 'accrual'::"EntryType", x.da, 0, x.dp, 0, x.reason, ${r.id}, x.lot_id, x.promotion, ${r.at}
        from accrual x
        returning id),
      balances as (
        update "Account" acc set available = acc.available + s.da, pending = acc.pending + s.dp, "updatedAt" = now()
        from (select account_id, sum(da)::int as da, sum(dp)::int as dp from accrual group by account_id) s
        where acc.id = s.account_id
        returning acc.id),
      use_in as (
        select * from jsonb_to_recordset(${v.json}::jsonb) as u(pid text, vid text, discount int, points int, promo int, lines jsonb, code text, key text, counted boolean, max_uses int)),
      customer_uses as (
        insert into "PromotionCustomerUse" ("programId", "promotionId", "customerId", "periodKey", uses)
        select ${r.programId}, u.pid, ${r.customerId}, u.key, 1 from use_in u where u.key is not null order by u.pid
        on conflict ("promotionId", "customerId", "periodKey") do update set uses = "PromotionCustomerUse".uses + 1
          where "PromotionCustomerUse".uses < (select u.max_uses from use_in u where u.pid = excluded."promotionId")
        returning "promotionId"),
      codes as (
        update "PromoCode" pc set uses = pc.uses + 1
        from (select id from "PromoCode" where id = any(${v.codeIds}::text[]) order by id for no key update) l
        where pc.id = l.id and pc."revokedAt" is null and (pc."maxUses" is null or pc.uses < pc."maxUses")
        returning pc.id),
      uses as (
        insert into "PurchasePromotion" ("programId", "purchaseId", "promotionId", "versionId", "customerId", status, discount, points, "promoAccountPoints", lines, "promoCodeId", "customerPeriodKey", counted, at, "createdAt")
        select ${r.programId}, ${r.id}, x.pid, x.vid, ${r.customerId}, 'committed'::"PurchasePromotionStatus", x.discount, x.points, x.promo, x.lines, x.code, x.key, x.counted, ${r.at}, now()
        from use_in x),
      metric as (
        insert into "TierMetric" (id, "programId", "customerId", "periodKey", "periodStart", "periodEnd", spend, "spendByCategory", visits, purchases, "updatedAt")
        values (${createId("met")}, ${r.programId}, ${r.customerId}, ${metric.bucket.key}, ${metric.bucket.start}, ${metric.bucket.end}, ${BigInt(d.spend)},
          ${cats}::jsonb, greatest(0, ${d.visits}::int), greatest(0, ${d.purchases}::int), now())
        on conflict ("customerId", "periodKey") do update set
          spend = "TierMetric".spend + excluded.spend,
          visits = greatest(0, "TierMetric".visits + ${d.visits}::int),
          purchases = greatest(0, "TierMetric".purchases + ${d.purchases}::int),
          "spendByCategory" = (
            select coalesce(jsonb_object_agg(k, coalesce(("TierMetric"."spendByCategory"->>k)::bigint, 0) + coalesce((${cats}::jsonb->>k)::bigint, 0)), '{}'::jsonb)
            from (select jsonb_object_keys("TierMetric"."spendByCategory") as k union select jsonb_object_keys(${cats}::jsonb)) ks),
          "updatedAt" = now()
        returning "customerId", "periodKey", spend, "spendByCategory", visits, purchases)
      select m."customerId", m."periodKey", m.spend, m."spendByCategory", m.visits, m.purchases
      from metric m
      where "tribune_refuse_reservations"(
        array(select u.pid from use_in u where u.key is not null and u.pid not in (select "promotionId" from customer_uses)),
        array(select id from unnest(${v.codeIds}::text[]) id where id not in (select id from codes)))`,
    "ReceiptKey_pkey",
    duplicate,
  ).catch((e: unknown) => {
    // A refusal fails the statement (and so the `commit` sent with it): the caller rolls back to its savepoint.
    if (sqlState(e) === SQLSTATE.reservationRefused) return JSON.parse((e as { detail?: string }).detail ?? "{}") as ReservationRefusals;
    throw e;
  });
  if (!Array.isArray(rows)) return { metric: null, refused: { customer: rows.customer ?? [], codes: rows.codes ?? [] } };
  return { metric: rows[0], refused: { customer: [], codes: [] } };
}

// A program's worth of history written straight in SQL (generate_series), big enough that the
// planner's choice between an index and a sequential scan means something: tens of thousands of
// members, each with cards, accounts, lots, entries, receipts with lines, visits, statuses and
// messages. Plans only: the rows are plausible, not a ledger that `ledger:check` would pass.
import type pg from "pg";

export interface FillSize {
  customers: number;
  /** Receipts per customer (two lines each, a lot and an accrual entry each). */
  receiptsPer: number;
  visitsPer: number;
  messagesPer: number;
}

export interface FillTarget {
  programId: string;
  versionId: string;
  storeIds: string[];
  terminalId: string;
  tierCodes: string[];
  periodKey: string;
  periodStart: Date;
  now: Date;
}

/** The bulk rows' ids and numbers, so the test can pick one of them as "the customer at the till". */
export const bulkCustomer = (n: number) => ({
  id: `cus_hq${n}`,
  phone: `+7900${String(n).padStart(7, "0")}`,
  card: `29${String(n).padStart(11, "0")}`,
  qr: `qr_hq${n}`,
  email: `fan${n}@hq.example`,
});

export async function fillProgram(client: pg.ClientBase, t: FillTarget, size: FillSize): Promise<void> {
  const n = size.customers;
  const receipts = n * size.receiptsPer;
  const p = [t.programId, t.versionId, t.storeIds, t.now, n] as const;
  // $1 program, $2 version, $3 stores, $4 now, $5 customers (customer g of 1..$5 is cus_hq<g>), then
  // the statement's own; the CTE gives the shared ones their types where a statement leaves one out.
  const run = (sql: string, extra: unknown[] = []) =>
    client.query(`with shared as (select $1::text, $2::text, $3::text[], $4::timestamptz, $5::int) ${sql.trim().replace(/^with /, ", ")}`, [...p, ...extra]);
  // The rows reference each other correctly by construction; skipping the per-row foreign-key
  // triggers while filling (this session only) makes the fill several times faster.
  await client.query("set session_replication_role = replica");
  await client.query("set synchronous_commit = off");
  await run(`
    insert into "Customer" (id, "programId", phone, "phoneVerifiedAt", email, "firstName", "lastName", "birthDate", status, "registrationChannel",
      "emailConsent", "smsConsent", locale, "createdAt", "updatedAt")
    select 'cus_hq' || g, $1, '+7900' || lpad(g::text, 7, '0'), $4, 'fan' || g || '@hq.example',
      (array['Anna','Ivan','Olga','Pavel','Maria','Sergey'])[1 + g % 6], 'Surname' || (g % 997),
      date '1970-01-01' + (g % 15000), case when g % 200 = 0 then 'blocked' else 'active' end::"CustomerStatus",
      (array['pos','web','ticketing','app'])[1 + g % 4]::"RegistrationChannel", g % 3 <> 0, g % 2 = 0, 'ru',
      $4::timestamptz - make_interval(days => g % 900), $4
    from generate_series(1, $5) g`);
  await run(`
    insert into "Card" (id, "programId", "customerId", number, "qrToken", status, "issuedAt")
    select 'crd_hq' || g, $1, 'cus_hq' || g, '29' || lpad(g::text, 11, '0'), 'qr_hq' || g, 'active', $4::timestamptz - make_interval(days => g % 900)
    from generate_series(1, $5) g`);
  // Each receipt left one lot of 25 points on the main account, so the cached balance agrees with the lots.
  await run(
    `
    insert into "Account" (id, "programId", "customerId", kind, available, "createdAt", "updatedAt")
    select 'acc_hq' || g || k, $1, 'cus_hq' || g, k::"AccountKind", case when k = 'main' then 25 * $6::int else 0 end, $4, $4
    from generate_series(1, $5) g, unnest(array['main','promo']) k`,
    [size.receiptsPer],
  );
  await run(
    `
    insert into "Purchase" (id, "programId", "storeId", "customerId", number, at, status, "programVersionId", amount, payable, "pointsEarned", "createdAt", "committedAt", "cancelledAt")
    select 'pur_hq' || r, $1, $3[1 + r % cardinality($3)], 'cus_hq' || (1 + r % $5), 'B-' || r, at,
      case when r % 50 = 0 then 'cancelled' else 'committed' end::"PurchaseStatus", $2, 250000, 250000, 25, at, at,
      case when r % 50 = 0 then at end
    from generate_series(1, $6::int) r, lateral (select $4::timestamptz - make_interval(mins => (r::bigint * 7919 % 1000000)::int) as at) x`,
    [receipts],
  );
  // The receipts' keys, which the trigger "Purchase_receipt_key" writes with every receipt (off in this session).
  await run(`
    insert into "ReceiptKey" ("storeId", number, "programId", "purchaseId", "purchaseAt", "customerId")
    select "storeId", number, "programId", id, at, "customerId" from "Purchase" where "programId" = $1`);
  await run(
    `
    insert into "PurchaseLine" (id, "programId", "customerId", "purchaseId", "purchaseAt", "lineNo", sku, category, "quantityMilli", price, amount, "pointsEarned")
    select 'pln_hq' || r || '_' || l, $1, 'cus_hq' || (1 + r % $5), 'pur_hq' || r, $4::timestamptz - make_interval(mins => (r::bigint * 7919 % 1000000)::int), l, 'SKU-' || (r % 300), (array['ticket','merch','season-ticket','food'])[1 + (r + l) % 4], 1000, 125000, 125000, 12 + l % 2
    from generate_series(1, $6::int) r, generate_series(1, 2) l`,
    [receipts],
  );
  await run(
    `
    insert into "PurchaseReturn" (id, "programId", "customerId", "purchaseId", "purchaseAt", number, at, amount, "pointsRefunded", "pointsReclaimed", lines)
    select 'ret_hq' || r, $1, 'cus_hq' || (1 + r % $5), 'pur_hq' || r, $4::timestamptz - make_interval(mins => (r::bigint * 7919 % 1000000)::int), 'RET-' || r, $4, 125000, 0, 12, '[]'::jsonb from generate_series(5, $6::int, 5) r`,
    [receipts],
  );
  await run(
    `
    insert into "Lot" (id, "programId", "customerId", "accountId", activation, amount, remaining, "activatedAt", "expiresAt", "purchaseId", "purchaseLineNo", "createdAt")
    select 'lot_hq' || r, $1, 'cus_hq' || (1 + r % $5), 'acc_hq' || (1 + r % $5) || 'main', 'immediate', 25, 25, $4, $4::timestamptz + make_interval(days => 30 + r % 400), 'pur_hq' || r, 1, $4
    from generate_series(1, $6::int) r`,
    [receipts],
  );
  await run(
    `
    insert into "LedgerEntry" (id, "programId", "customerId", "accountId", type, "deltaAvailable", reason, "purchaseId", "lotId", at)
    select 'led_hq' || r, $1, 'cus_hq' || (1 + r % $5), 'acc_hq' || (1 + r % $5) || 'main', 'accrual', 25, 'purchase', 'pur_hq' || r, 'lot_hq' || r,
      $4::timestamptz - make_interval(mins => (r::bigint * 7919 % 1000000)::int)
    from generate_series(1, $6::int) r`,
    [receipts],
  );
  await run(
    `
    insert into "LotAllocation" (id, "programId", "customerId", "lotId", "entryId", amount)
    select 'lal_hq' || r, $1, 'cus_hq' || (1 + r % $5), 'lot_hq' || r, 'led_hq' || r, 1 from generate_series(1, $6::int, 3) r`,
    [receipts],
  );
  // Holds of receipts committed through two-phase confirmation (captured), a few still active.
  await run(
    `
    insert into "Hold" (id, "programId", "customerId", "accountId", amount, status, "purchaseId", "expiresAt", "createdAt", "resolvedAt")
    select 'hld_hq' || r, $1, 'cus_hq' || (1 + r % $5), 'acc_hq' || (1 + r % $5) || 'main', 10, case when r % 400 = 0 then 'active' else 'captured' end::"HoldStatus", 'pur_hq' || r,
      $4::timestamptz + interval '10 minutes', $4, $4
    from generate_series(2, $6::int, 4) r`,
    [receipts],
  );
  await run(
    `
    with k as (
      insert into "VisitKey" ("visitId", "programId", "customerId", "eventCode", "visitAt")
      select 'vis_hq' || v, $1, 'cus_hq' || (1 + v % $5), 'MATCH-' || (v / $5), at
      from generate_series(1, $6::int) v,
        -- The 27 whole months before the current one (whose partition the POS visit starts): no
        -- partial month whose few pages the planner rightly reads sequentially, whatever the day.
        lateral (select date_trunc('month', $4::timestamptz at time zone 'UTC') at time zone 'UTC' as m0) m,
        lateral (select m.m0 - make_interval(secs => 1 + (v::bigint * 7919 % (extract(epoch from m.m0 - (m.m0 - interval '27 months'))::bigint - 1))) as at) x
      returning *)
    insert into "Visit" (id, "programId", "customerId", "eventCode", at, "storeId", "periodKey", "createdAt")
    select "visitId", "programId", "customerId", "eventCode", "visitAt", $3[1], $7::text, "visitAt" from k`,
    [n * size.visitsPer, t.periodKey],
  );
  await run(
    `
    insert into "CustomerTier" ("customerId", "programId", "tierCode", "periodKey", "qualifiedTierCode", since, "updatedAt")
    select 'cus_hq' || g, $1, ($6::text[])[1 + g % cardinality($6::text[])], $7::text, ($6::text[])[1 + g % cardinality($6::text[])], $4, $4 from generate_series(1, $5) g`,
    [t.tierCodes, t.periodKey],
  );
  await run(
    `
    insert into "TierMetric" (id, "programId", "customerId", "periodKey", "periodStart", spend, visits, purchases, "updatedAt")
    select 'tme_hq' || g || '_' || k, $1, 'cus_hq' || g, k, $7::timestamptz, 1000000, 3, 4, $4
    from generate_series(1, $5) g, unnest(array[$6::text, 'lifetime']) k`,
    [t.periodKey, t.periodStart],
  );
  await run(
    `
    insert into "TierChange" (id, "programId", "customerId", "fromTier", "toTier", reason, "periodKey", at)
    select 'tch_hq' || g, $1, 'cus_hq' || g, null, ($6::text[])[1], 'qualified', $7::text, $4::timestamptz - make_interval(days => g % 300)
    from generate_series(1, $5) g`,
    [t.tierCodes, t.periodKey],
  );
  // Delivered history, and a few hundred queued for the future (quiet hours, retries).
  await run(
    `
    insert into "Message" (id, "programId", "customerId", channel, "to", category, template, data, locale, "dedupeKey", status, attempts,
      "notBefore", "capAt", "sentAt", "deliveredAt", "createdAt", "updatedAt")
    select 'msg_hq' || m, $1, 'cus_hq' || (1 + m % $5), 'email', 'fan' || (1 + m % $5) || '@hq.example',
      case when m % 3 = 0 then 'transactional' else 'marketing' end::"MessageCategory", 'welcome', '{}'::jsonb, 'ru', 'bulk:' || m,
      case when m % 500 = 0 then 'queued' else 'delivered' end::"QueuedMessageStatus", 1,
      case when m % 500 = 0 then $4::timestamptz + interval '1 day' else at end,
      case when m % 3 = 0 then null else at end, at, at, at, at
    from generate_series(1, $6::int) m, lateral (select $4::timestamptz - make_interval(mins => (m::bigint * 104729 % 200000)::int) as at) x`,
    [n * size.messagesPer],
  );
  await run(
    `
    insert into "OutboxMessage" (id, "programId", channel, "to", body, status, "createdAt", "sentAt")
    select 'out_hq' || m, $1, 'sms', '+7900' || lpad((1 + m % $5)::text, 7, '0'), 'Code ' || lpad((m % 999999)::text, 6, '0'), 'sent', at, at
    from generate_series(1, $6::int) m, lateral (select $4::timestamptz - make_interval(mins => m % 100000) as at) x`,
    [n],
  );
  await run(
    `
    insert into "AuditLog" ("programId", "actorType", action, "entityType", "entityId", at)
    select $1, 'system', 'customer.update', 'customer', 'cus_hq' || (1 + g % $5), $4::timestamptz - make_interval(mins => g) from generate_series(1, $5) g`,
  );
  await run(
    `
    insert into "IdempotencyKey" (id, "programId", "storeId", "terminalId", key, method, path, "requestHash", state, "responseStatus", "createdAt", "completedAt")
    select 'idk_hq' || g, $1, $3[1], $6::text, 'key-' || g, 'POST', '/purchases', 'h', 'done', 201, at, at
    from generate_series(1, $5) g, lateral (select $4::timestamptz - make_interval(mins => g % 5000) as at) x`,
    [t.terminalId],
  );
  await client.query("set session_replication_role = origin");
  await client.query("ANALYZE");
}

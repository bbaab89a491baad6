// Step 3 of an import: the good staged rows into the program's tables, set-based.
//
// Ledger: a fresh customer's main lots are taken oldest first up to legacy_balance (the newest
// points beyond it are dropped); if they sum to less, one more lot "legacy opening balance" makes
// up the difference. Promo lots go to the promo account as they are. Every lot gets its accrual
// entry (reason "import", ref legacy-import/external_id) and the accounts' cached balances grow by
// the same sums, so lib/ledger/check-ledger.ts holds. Imported lots are active at once and earn
// nothing; receipts of the history are written without points (no accrual, no redemption), so
// they only add to status metrics — in the period of the receipt, returns in their receipt's.
// Rows go in in the order of the customer (ids made by this run sort in file order), so the
// customer-led indexes of the shared tables grow at their right edge instead of all over.
import type pg from "pg";

export interface WriteContext {
  programId: string;
  versionId: string;
  now: Date;
}

export interface WriteCounts {
  customersCreated: number;
  customersMatchedByExternalId: number;
  customersMatchedByPhone: number;
  customersAlreadyImported: number;
  cards: number;
  lots: number;
  openingLots: number;
  pointsImported: number;
  promoPoints: number;
  receipts: number;
  receiptsAlreadyThere: number;
  returns: number;
  achievements: number;
}

async function exec(client: pg.ClientBase, sql: string, params: unknown[] = []): Promise<number> {
  const t0 = Date.now();
  const n = (await client.query(sql, params)).rowCount ?? 0;
  if (process.env.TRIBUNE_IMPORT_TIMING) console.error(`${Date.now() - t0} ms  ${sql.replace(/\s+/g, " ").slice(0, 110)}`);
  return n;
}

/** Customers and cards, once customers.csv is checked. */
export async function writeCustomers(
  client: pg.ClientBase,
  w: WriteContext,
): Promise<Pick<WriteCounts, "customersCreated" | "customersMatchedByExternalId" | "customersMatchedByPhone" | "customersAlreadyImported" | "cards">> {
  const p = [w.programId, w.now];
  const counts = (
    await client.query<Record<string, string>>(`
    select count(*) filter (where matched = 'new') as created, count(*) filter (where matched = 'external_id') as by_ext,
      count(*) filter (where matched = 'phone') as by_phone, count(*) filter (where not fresh) as already
    from import_customer where not bad`)
  ).rows[0];

  await exec(
    client,
    `insert into "Customer" (id, "programId", phone, email, "firstName", "lastName", "birthDate", "registrationChannel",
       "emailConsent", "emailConsentAt", "smsConsent", "smsConsentAt", "externalId", "importedAt", "createdAt", "updatedAt")
     select new_id, $1, phone, email, first_name, last_name, birth_date, 'import',
       consent_email, case when consent_email then coalesce(registered_at, $2) end, consent_sms, case when consent_sms then coalesce(registered_at, $2) end,
       external_id, null, coalesce(registered_at, $2), $2
     from import_customer where matched = 'new' and not bad`,
    p,
  );
  await exec(
    client,
    `update "Customer" cu set "externalId" = c.external_id, "updatedAt" = $1 from import_customer c
     where c.matched = 'phone' and not c.bad and cu.id = c.customer_id and cu."externalId" is null`,
    [w.now],
  );
  const cards = await exec(
    client,
    `insert into "Card" (id, "programId", "customerId", number, "qrToken", "issuedAt")
     select card_id, $1, customer_id, card_number, qr, coalesce(registered_at, $2) from import_customer
     where card_number is not null and not bad on conflict (number) do nothing`,
    p,
  );
  return {
    customersCreated: Number(counts.created),
    customersMatchedByExternalId: Number(counts.by_ext),
    customersMatchedByPhone: Number(counts.by_phone),
    customersAlreadyImported: Number(counts.already),
    cards,
  };
}

/** Accounts, lots and their entries, once the customers are written and points.csv is checked. */
export async function writeLedger(client: pg.ClientBase, w: WriteContext): Promise<Pick<WriteCounts, "lots" | "openingLots" | "pointsImported" | "promoPoints">> {
  const p = [w.programId, w.now];
  // The accounts of the fresh customers. A customer created by this run has none yet, and no one
  // else can see it: its two accounts are inserted below with their balances already summed (no
  // UPDATE of millions of fresh rows). A customer found by phone may have accounts already.
  for (const [kind, col] of [
    ["main", "main_acc"],
    ["promo", "promo_acc"],
  ] as const) {
    await exec(
      client,
      `insert into "Account" (id, "programId", "customerId", kind, "createdAt", "updatedAt")
       select ${col}, $1, customer_id, '${kind}', $2, $2 from import_customer where fresh and not bad and matched <> 'new'
       on conflict ("customerId", kind) do nothing`,
      p,
    );
  }
  await exec(
    client,
    `create unlogged table import_acc with (autovacuum_enabled = off) as
     select c.customer_id, c.external_id, c.legacy_balance, c.main_acc as main_id, c.promo_acc as promo_id, true as created
     from import_customer c where c.fresh and not c.bad and c.matched = 'new'
     union all
     select c.customer_id, c.external_id, c.legacy_balance, m.id, pr.id, false
     from import_customer c join "Account" m on m."customerId" = c.customer_id and m.kind = 'main'
     join "Account" pr on pr."customerId" = c.customer_id and pr.kind = 'promo' where c.fresh and not c.bad and c.matched <> 'new'`,
  );
  await exec(client, `create index on import_acc (customer_id); analyze import_acc`);
  await exec(
    client,
    `create unlogged table import_newlot with (autovacuum_enabled = off) as
     with taken as (
       select l.lot_id, l.entry_id, l.account, l.earned_at, l.expires_at, l.customer_id, a.external_id, a.main_id, a.promo_id, a.created,
         case when l.account = 'promo' then l.points
              else greatest(0, least(l.points, a.legacy_balance - (sum(l.points) over w - l.points))) end as take
       from import_lot l join import_acc a using (customer_id) where not l.bad
       window w as (partition by l.customer_id, l.account order by l.earned_at, l.line))
     select lot_id, entry_id, case account when 'main' then main_id else promo_id end as account_id, customer_id, created, account, take as amount,
       earned_at, expires_at, external_id, 'legacy lot' as note from taken where take > 0
     union all
     select c.open_lot, c.open_entry, a.main_id, a.customer_id, a.created, 'main', a.legacy_balance - coalesce(s.total, 0), $1::timestamptz, null, a.external_id, 'legacy opening balance'
     from import_acc a join import_customer c on c.customer_id = a.customer_id and not c.bad
     left join (select customer_id, sum(points) as total from import_lot where not bad and account = 'main' group by customer_id) s on s.customer_id = a.customer_id
     where a.legacy_balance > coalesce(s.total, 0)`,
    [w.now],
  );
  await exec(
    client,
    `insert into "Account" (id, "programId", "customerId", kind, available, "createdAt", "updatedAt")
     select x.id, $1, x.customer_id, x.kind::"AccountKind", coalesce(s.total, 0), $2, $2
     from (select main_id as id, customer_id, 'main' as kind from import_acc where created
           union all select promo_id, customer_id, 'promo' from import_acc where created) x
     left join (select account_id, sum(amount)::int as total from import_newlot where created group by account_id) s on s.account_id = x.id`,
    p,
  );
  // The lot's customer and program come with it (the account is the customer's, of this program):
  // no lookup of the Account table per row. Rows go in in the order import_newlot was built in
  // (by customer, the opening lots after).
  const lots = await exec(
    client,
    `insert into "Lot" (id, "programId", "customerId", "accountId", activation, amount, remaining, "availableAt", "activatedAt", "expiresAt", "createdAt")
     select n.lot_id, $1, n.customer_id, n.account_id, 'immediate', n.amount, n.amount, n.earned_at, n.earned_at, n.expires_at, n.earned_at
     from import_newlot n`,
    [w.programId],
  );
  await exec(
    client,
    `insert into "LedgerEntry" (id, "programId", "customerId", "accountId", type, "deltaAvailable", reason, note, "lotId", "refType", "refId", at)
     select n.entry_id, $1, n.customer_id, n.account_id, 'accrual', n.amount, 'import', n.note, n.lot_id, 'legacy-import', n.external_id, $2
     from import_newlot n`,
    [w.programId, w.now],
  );
  await exec(
    client,
    `update "Account" a set available = a.available + s.total, "updatedAt" = $1
     from (select account_id, sum(amount)::int as total from import_newlot where not created group by account_id) s where a.id = s.account_id`,
    [w.now],
  );
  // The mark that the customer's ledger is imported (a rerun gives it no new lots), in the ledger's
  // transaction: customers are committed before it (run.ts) with importedAt null, so a run that died
  // in between leaves them fresh, and a rerun of the same files writes their ledger.
  await exec(client, `update "Customer" cu set "importedAt" = $1 from import_acc a where cu.id = a.customer_id and cu."importedAt" is null`, [w.now]);
  const sums = (
    await client.query<Record<string, string>>(
      `select count(*) filter (where note = 'legacy opening balance') as opening, coalesce(sum(amount) filter (where account = 'main'), 0) as main,
         coalesce(sum(amount) filter (where account = 'promo'), 0) as promo from import_newlot`,
    )
  ).rows[0];
  return { lots: lots - Number(sums.opening), openingLots: Number(sums.opening), pointsImported: Number(sums.main), promoPoints: Number(sums.promo) };
}

/** Receipts, returns, their status metrics and achievements, once history.csv and achievements.csv are checked. */
export async function writeHistory(
  client: pg.ClientBase,
  w: WriteContext,
  progress: (phase: string, fraction: number) => void,
): Promise<Pick<WriteCounts, "receipts" | "receiptsAlreadyThere" | "returns" | "achievements">> {
  const p = [w.programId, w.now];
  await exec(
    client,
    `create unlogged table import_delta (customer_id text, period_key text, period_start timestamptz, period_end timestamptz, spend bigint, purchases int) with (autovacuum_enabled = off)`,
  );
  const receipts = await exec(
    client,
    // A receipt number the store already used (a rerun, or a till's receipt) is skipped: its key
    // ("ReceiptKey", the receipts' uniqueness) is claimed first in the same statement, and only the
    // receipts whose key this statement wrote are inserted (the key trigger finds them its own).
    `with k as (
       insert into "ReceiptKey" ("storeId", number, "programId", "purchaseId", "purchaseAt", "customerId")
       select h.store_id, h.number, $1, h.row_id, h.at, h.customer_id
       from import_history h join "Store" s on s.id = h.store_id where h.kind = 'purchase' and not h.bad
       order by h.store_id, h.number
       on conflict ("storeId", number) do nothing returning "purchaseId"),
     ins as (
       insert into "Purchase" (id, "programId", "storeId", "partnerId", "customerId", number, at, status, "programVersionId", "periodKey",
         amount, payable, "createdAt", "committedAt")
       select h.row_id, $1, h.store_id, s."partnerId", h.customer_id, h.number, h.at, 'committed', $2, h.period_key, h.amount, h.amount, h.at, h.at
       from k join import_history h on h.row_id = k."purchaseId" join "Store" s on s.id = h.store_id
       order by h.customer_id, h.at
       returning id)
     insert into import_delta select h.customer_id, h.period_key, h.period_start, h.period_end, h.amount, 1 from ins join import_history h on h.row_id = ins.id`,
    [w.programId, w.versionId],
  );
  const historyPurchases = Number((await client.query<{ n: string }>(`select count(*) as n from import_history where kind = 'purchase' and not bad`)).rows[0].n);
  progress("history", 0.5);
  await exec(client, `create unlogged table import_newret (id text, purchase_id text, amount int) with (autovacuum_enabled = off)`);
  const returns = await exec(
    client,
    `with ins as (
       insert into "PurchaseReturn" (id, "programId", "customerId", "purchaseId", "purchaseAt", number, at, amount, "pointsRefunded", "pointsReclaimed", lines, "createdAt")
       select h.row_id, p."programId", p."customerId", h.purchase_id, p.at, 'legacy ' || to_char(h.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), h.at, h.amount, 0, 0, '[]'::jsonb, h.at
       from import_history h join "Purchase" p on p.id = h.purchase_id where h.kind = 'return' and not h.bad
       on conflict ("purchaseId", number) do nothing returning id, "purchaseId", amount)
     insert into import_newret select * from ins`,
  );
  // Returns count in their receipt's period; a receipt returned in full stops counting as a purchase.
  await exec(
    client,
    `insert into import_delta
     select p."customerId", p."periodKey", m."periodStart", m."periodEnd", -r.amount,
       case when tot.all_returned >= p.amount and tot.all_returned - r.amount < p.amount then -1 else 0 end
     from (select purchase_id, sum(amount)::bigint as amount from import_newret group by purchase_id) r
     join "Purchase" p on p.id = r.purchase_id
     join (select "purchaseId", sum(amount)::bigint as all_returned from "PurchaseReturn" where "purchaseId" in (select purchase_id from import_newret) group by "purchaseId") tot
       on tot."purchaseId" = r.purchase_id
     left join lateral (select h.period_start as "periodStart", h.period_end as "periodEnd" from import_history h where h.row_id = p.id
       union all select t."periodStart", t."periodEnd" from "TierMetric" t where t."customerId" = p."customerId" and t."periodKey" = p."periodKey" limit 1) m on true`,
  );
  await exec(
    client,
    `insert into "TierMetric" (id, "programId", "customerId", "periodKey", "periodStart", "periodEnd", spend, purchases, "updatedAt")
     select 'met_' || substr(md5(customer_id || ' ' || period_key || random()::text), 1, 26), $1, customer_id, period_key,
       min(period_start), min(period_end), sum(spend), greatest(0, sum(purchases)), $2
     from import_delta where period_start is not null group by customer_id, period_key
     on conflict ("customerId", "periodKey") do update set spend = "TierMetric".spend + excluded.spend,
       purchases = greatest(0, "TierMetric".purchases + excluded.purchases), "updatedAt" = excluded."updatedAt"`,
    p,
  );

  progress("achievements", 1);
  const achievements = await exec(
    client,
    `insert into "Achievement" (id, "programId", "customerId", code, title, "earnedAt", source, "createdAt")
     select id, $1, customer_id, code, name, achieved_at, 'legacy-import', $2 from import_achievement where not bad
     on conflict ("customerId", code) do nothing`,
    p,
  );
  return {
    receipts,
    receiptsAlreadyThere: historyPurchases - receipts,
    returns,
    achievements,
  };
}

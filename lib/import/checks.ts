// Step 2 of an import: what a single row cannot tell — duplicates inside a file, matching customers
// by external_id then phone, references to customers, receipts and stores — as set-based SQL over
// the staging tables. Each failing row gets its file, line, column and reason in "import_bad" and
// is marked bad; rows that point at a bad customer row are bad too.
import type pg from "pg";

/**
 * Marks later duplicates of `key` (among good rows) bad. The window gives each row its line and
 * the first line of its key, which is all the bad row needs (no join of every row back to the table).
 */
function duplicates(table: string, file: string, key: string, column: string, what: string) {
  return `
    insert into import_bad select '${file}', d.line, '${column}', '${what} appears again (first on line ' || d.first || ')'
    from (select line, min(line) over (partition by ${key}) as first from ${table} where not bad and (${key}) is not null) d
    where d.line > d.first;
    update ${table} t set bad = true from import_bad b where b.file = '${file}' and b.line = t.line and not t.bad;`;
}

/**
 * The customer of each row of a dependent file, by a join instead of an UPDATE of every staged row:
 * the staged table is copied once with its customer_id (a good row of customers.csv, else — when
 * customers.csv has no row of that external_id at all — the program's customer), then indexed by
 * `indexes`. Rows whose customer is unknown, or whose customer row is bad, are bad.
 */
function resolveCustomers(table: string, file: string, indexes: string[] = []) {
  return `
    alter table ${table} rename to ${table}_staged;
    create unlogged table ${table} with (autovacuum_enabled = off) as
      select t.*, coalesce(r.customer_id, cu.id) as customer_id
      from ${table}_staged t left join import_ref r on r.external_id = t.external_id
      left join "Customer" cu on r.external_id is null and cu."programId" = $1 and cu."externalId" = t.external_id;
    drop table ${table}_staged;
    ${["line", ...indexes].map((cols) => `create index on ${table} (${cols});`).join("\n    ")}
    analyze ${table};
    insert into import_bad select '${file}', t.line, 'external_id',
      coalesce('the customer''s row is bad (customers.csv line ' || coalesce((select min(c.line) from import_customer c where c.external_id = t.external_id),
                 (select min(r.line) from import_rejected r where r.external_id = t.external_id)) || ')',
               'no customer "' || t.external_id || '" in customers.csv or in the program')
    from ${table} t where t.customer_id is null and not t.bad;
    update ${table} t set bad = true where t.customer_id is null and not t.bad;`;
}

// The last step gives every good row its customer id (the matched one, else the new one), how it
// was matched and whether it is fresh: as a copy of the table (then indexed again), not an UPDATE of
// every staged row, which wrote a second version of each row and an entry in each of its indexes
// (24 s of 1,000,000 customers under load).
const CUSTOMERS = `
  update import_customer c set bad = true from import_bad b where b.file = 'customers.csv' and b.line = c.line;
  ${duplicates("import_customer", "customers.csv", "external_id", "external_id", "external_id")}
  ${duplicates("import_customer", "customers.csv", "phone", "phone", "this phone")}
  ${duplicates("import_customer", "customers.csv", "email", "email", "this email")}
  ${duplicates("import_customer", "customers.csv", "card_number", "card_number", "this card number")}
  update import_customer c set customer_id = cu.id, matched = 'external_id', imported_at = cu."importedAt"
    from "Customer" cu where cu."programId" = $1 and cu."externalId" = c.external_id and not c.bad;
  insert into import_bad select 'customers.csv', c.line, 'phone', 'belongs to the program''s customer "' || cu."externalId" || '" (another external_id)'
    from import_customer c join "Customer" cu on cu."programId" = $1 and cu.phone = c.phone
    where c.customer_id is null and not c.bad and cu."externalId" is not null;
  update import_customer c set bad = true from import_bad b where b.file = 'customers.csv' and b.line = c.line and not c.bad;
  update import_customer c set customer_id = cu.id, matched = 'phone', imported_at = cu."importedAt"
    from "Customer" cu where cu."programId" = $1 and cu.phone = c.phone and cu."externalId" is null and c.customer_id is null and not c.bad;
  ${duplicates("import_customer", "customers.csv", "customer_id", "phone", "the customer this row matches")}
  insert into import_bad select 'customers.csv', c.line, 'email', 'belongs to another customer of the program'
    from import_customer c join "Customer" cu on cu."programId" = $1 and cu.email = c.email
    where c.customer_id is null and not c.bad;
  insert into import_bad select 'customers.csv', c.line, 'card_number', 'is the number of another customer''s card'
    from import_customer c join "Card" k on k.number = c.card_number
    where not c.bad and k."customerId" is distinct from c.customer_id
      and not exists (select 1 from import_bad b where b.file = 'customers.csv' and b.line = c.line);
  update import_customer c set bad = true from import_bad b where b.file = 'customers.csv' and b.line = c.line and not c.bad;
  alter table import_customer rename to import_customer_checked;
  create unlogged table import_customer with (autovacuum_enabled = off) as
    select line, external_id, phone, email, first_name, last_name, birth_date, registered_at, card_number, tier, tier_since, legacy_balance,
      consent_sms, consent_email, new_id, card_id, qr, main_acc, promo_acc, open_lot, open_entry, bad,
      case when bad then customer_id else coalesce(customer_id, new_id) end as customer_id,
      case when bad then matched else coalesce(matched, 'new') end as matched,
      case when bad then fresh else imported_at is null end as fresh, imported_at
    from import_customer_checked;
  drop table import_customer_checked;
  create index on import_customer (line);
  create index on import_customer (external_id);
  create index on import_customer (customer_id);
  create unlogged table import_ref with (autovacuum_enabled = off) as
    select external_id, min(customer_id) filter (where not bad) as customer_id from import_customer group by external_id;
  create unique index on import_ref (external_id);
  analyze import_ref;`;

const LOTS = `
  update import_lot t set bad = true from import_bad b where b.file = 'points.csv' and b.line = t.line;
  ${resolveCustomers("import_lot", "points.csv")}`;

const HISTORY = `
  update import_history t set bad = true from import_bad b where b.file = 'history.csv' and b.line = t.line;
  ${resolveCustomers("import_history", "history.csv", ["store_id, number", "row_id"])}
  ${duplicates("import_history", "history.csv", "case when kind = 'purchase' then store_id || ' ' || number end", "receipt_number", "this receipt of the store")}
  ${duplicates("import_history", "history.csv", "case when kind = 'return' then store_id || ' ' || number || ' ' || at end", "receipt_number", "this return")}
  insert into import_bad select 'history.csv', h.line, 'receipt_number', 'the store already has this receipt of another customer'
    from import_history h join "ReceiptKey" p on p."storeId" = h.store_id and p.number = h.number
    where h.kind = 'purchase' and not h.bad and p."customerId" is distinct from h.customer_id;
  update import_history t set bad = true from import_bad b where b.file = 'history.csv' and b.line = t.line and not t.bad;
  update import_history r set purchase_id = p."purchaseId" from "ReceiptKey" p
    where r.kind = 'return' and r.purchase_id is null and not r.bad and p."storeId" = r.store_id and p.number = r.number and p."customerId" = r.customer_id;
  update import_history r set purchase_id = p.row_id from import_history p
    where r.kind = 'return' and r.purchase_id is null and not r.bad and p.kind = 'purchase' and not p.bad and p.store_id = r.store_id and p.number = r.number and p.customer_id = r.customer_id;
  insert into import_bad select 'history.csv', r.line, 'receipt_number', 'a return of a receipt the customer does not have in history.csv or the program'
    from import_history r where r.kind = 'return' and not r.bad and r.purchase_id is null;
  insert into import_bad select 'history.csv', r.line, 'at', 'the return is before its receipt (' || to_char(p.at at time zone 'UTC', 'YYYY-MM-DD HH24:MI') || ' UTC)'
    from import_history r join import_history p on p.row_id = r.purchase_id where r.kind = 'return' and not r.bad and r.at < p.at;
  update import_history t set bad = true from import_bad b where b.file = 'history.csv' and b.line = t.line and not t.bad;`;

const ACHIEVEMENTS = `
  update import_achievement t set bad = true from import_bad b where b.file = 'achievements.csv' and b.line = t.line;
  ${resolveCustomers("import_achievement", "achievements.csv")}
  ${duplicates("import_achievement", "achievements.csv", "customer_id || ' ' || code", "code", "this achievement of the customer")}`;

async function run(client: pg.ClientBase, programId: string, block: string) {
  for (const statement of block
    .split(/;\s*\n/)
    .map((s) => s.trim())
    .filter(Boolean)) {
    const t0 = Date.now();
    await client.query(statement.replace(/;$/, ""), statement.includes("$1") ? [programId] : []);
    if (process.env.TRIBUNE_IMPORT_TIMING) console.error(`${Date.now() - t0} ms  ${statement.replace(/\s+/g, " ").slice(0, 110)}`);
  }
}

// Staging tables (autovacuum off) have no statistics until analysed: without them every join is a nested loop.
// Each staged table is analysed once it is full; the dependent files' tables are indexed once their
// customers are resolved (resolveCustomers), and analysed again after their checks (for the writes).

/** The checks of customers.csv (which the other files' checks need); returns the number of bad rows so far. */
export async function checkCustomers(client: pg.ClientBase, programId: string): Promise<number> {
  await client.query(`
    create index on import_customer (line); create index on import_customer (external_id); create index on import_customer (phone);
    create index on import_bad (file, line); create index on import_rejected (external_id);
    analyze import_customer; analyze import_bad; analyze import_rejected`);
  await run(client, programId, CUSTOMERS);
  await client.query("analyze import_customer");
  return countBad(client);
}

/** The checks of points.csv, once it is staged and customers.csv checked; returns the number of bad rows so far. */
export async function checkLots(client: pg.ClientBase, programId: string): Promise<number> {
  await client.query("analyze import_lot; analyze import_bad");
  await run(client, programId, LOTS);
  await client.query("analyze import_lot");
  return countBad(client);
}

/** The checks of history.csv and achievements.csv, once they are staged and customers.csv checked; returns the number of bad rows. */
export async function checkHistory(client: pg.ClientBase, programId: string): Promise<number> {
  await client.query("analyze import_history; analyze import_achievement; analyze import_bad");
  await run(client, programId, HISTORY);
  await run(client, programId, ACHIEVEMENTS);
  await client.query("analyze import_history; analyze import_achievement");
  return countBad(client);
}

async function countBad(client: pg.ClientBase): Promise<number> {
  const { rows } = await client.query<{ n: string }>("select count(*) as n from import_bad");
  return Number(rows[0].n);
}

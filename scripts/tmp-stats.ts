import pg from "pg";
import { openDatabase, runScript } from "./lib/database";
await runScript(async () => {
  const database = await openDatabase();
  const c = new pg.Client({ connectionString: database.url });
  await c.connect();
  const q = async (label: string, sql: string) => { const r = await c.query(sql); console.log(`-- ${label}`); console.table(r.rows); };
  await q("receipts by store", `select s.code, count(*) filter (where p."customerId" is not null) members, count(*) filter (where p."customerId" is null) anon, count(*) filter (where p.at > now() - interval '90 days') last90 from "Purchase" p join "Store" s on s.id = p."storeId" group by 1 order by 1`);
  await q("tiers", `select "tierCode", count(*) from "CustomerTier" group by 1 order by 2 desc`);
  await q("carried", `select "carriedTierCode", count(*) from "CustomerTier" group by 1 order by 2 desc`);
  await q("visits by season", `select "periodKey", count(*), count(distinct "customerId") fans, count(distinct "eventCode") matches from "Visit" group by 1`);
  await q("active 90", `select count(distinct "customerId") from (select "customerId" from "Purchase" where at > now() - interval '90 days' and "customerId" is not null union select "customerId" from "Visit" where at > now() - interval '90 days') x`);
  await q("vouchers", `select i.code, count(*), i.stock from "CatalogRedemption" r join "CatalogItem" i on i.id = r."itemId" group by i.code, i.stock`);
  await q("demo fan", `select a.available, a.pending, a.debt, t."tierCode", t."carriedTierCode", t."qualifiedTierCode" from "Customer" c join "Account" a on a."customerId" = c.id and a.kind = 'main' left join "CustomerTier" t on t."customerId" = c.id where c.phone = '+79990000001'`);
  await q("expiring 30d", `select count(distinct "accountId"), sum(remaining) from "Lot" where "expiredAt" is null and "expiresAt" between now() and now() + interval '30 days' and remaining > 0`);
  await c.end();
  await database.close();
});

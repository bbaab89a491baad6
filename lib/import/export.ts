// Moving out: a whole program as the four CSV files of the legacy import (CONTRACTS.md "Legacy
// import"), so that importing them into an empty database gives the same balances, lots,
// statuses and achievements. Read page by page (keyset), written as streamed CSV.
//
// - customers.csv: every customer with a phone (tombstones of merges and anonymised ones have
//   none); external_id is the legacy id when there is one, else Tribune's id; legacy_balance is
//   what the main account's living lots hold (= spendable + held once expiry has run), the tier
//   the one in force.
// - points.csv: every living lot (active, not past its expiry, not voided, points left), main and promo.
//   Points still pending (return window, ticket not validated) are not living and not exported.
// - history.csv: committed receipts with their customer, and their returns (kind "return", the
//   receipt's number, the return's time and amount).
// - achievements.csv: every achievement.
import path from "node:path";
import pg from "pg";
import { rawTypes } from "@/lib/db/raw-pool";
import { FILES, type FileName } from "./files";
import { openCsv } from "./report";

const PAGE = 5000;
const LIVING = `l.remaining > 0 and l."activatedAt" is not null and l."expiredAt" is null and l."voidedAt" is null and (l."expiresAt" is null or l."expiresAt" > now())`;

export type ExportCounts = Record<FileName, number>;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

async function pages<T extends { k: string }>(client: pg.ClientBase, sql: string, params: unknown[], each: (row: T) => void): Promise<number> {
  let after = "";
  let n = 0;
  for (;;) {
    const { rows } = await client.query<T>(sql, [...params, after, PAGE]);
    for (const r of rows) each(r);
    n += rows.length;
    if (rows.length < PAGE) return n;
    after = rows[rows.length - 1].k;
  }
}

export async function exportProgram(databaseUrl: string, programId: string, dir: string): Promise<ExportCounts> {
  const client = new pg.Client({ connectionString: databaseUrl, types: rawTypes });
  await client.connect();
  const counts = {} as ExportCounts;
  try {
    // One snapshot for the four files.
    await client.query("begin isolation level repeatable read read only");
    const ext = `coalesce(c."externalId", c.id)`;

    const customers = openCsv(path.join(dir, "customers.csv"), FILES["customers.csv"].columns);
    counts["customers.csv"] = await pages<{
      k: string;
      ext: string;
      phone: string;
      email: string | null;
      firstName: string | null;
      lastName: string | null;
      birthDate: Date | null;
      createdAt: Date;
      card: string | null;
      tier: string | null;
      since: Date | null;
      balance: number;
      sms: boolean;
      mail: boolean;
    }>(
      client,
      `select c.id as k, ${ext} as ext, c.phone, c.email, c."firstName", c."lastName", c."birthDate", c."createdAt",
         (select number from "Card" k where k."customerId" = c.id and k.status = 'active' order by k."issuedAt" limit 1) as card,
         t."tierCode" as tier, t.since, (select coalesce(sum(l.remaining), 0)::int from "Lot" l where l."accountId" = a.id and ${LIVING}) as balance, c."smsConsent" as sms, c."emailConsent" as mail
       from "Customer" c left join "CustomerTier" t on t."customerId" = c.id left join "Account" a on a."customerId" = c.id and a.kind = 'main'
       where c."programId" = $1 and c.phone is not null and c.id > $2 order by c.id limit $3`,
      [programId],
      (r) =>
        customers.write([
          r.ext,
          r.phone,
          r.email,
          r.firstName,
          r.lastName,
          r.birthDate ? r.birthDate.toISOString().slice(0, 10) : null,
          iso(r.createdAt),
          r.card,
          r.tier,
          iso(r.since),
          r.balance,
          r.sms ? 1 : 0,
          r.mail ? 1 : 0,
        ]),
    );
    await customers.close();

    const points = openCsv(path.join(dir, "points.csv"), FILES["points.csv"].columns);
    counts["points.csv"] = await pages<{ k: string; ext: string; remaining: number; earned: Date; expiresAt: Date | null; kind: string }>(
      client,
      `select l.id as k, ${ext} as ext, l.remaining, coalesce(l."availableAt", l."createdAt") as earned, l."expiresAt", a.kind::text as kind
       from "Lot" l join "Account" a on a.id = l."accountId" join "Customer" c on c.id = a."customerId"
       where a."programId" = $1 and c.phone is not null and ${LIVING} and l.id > $2 order by l.id limit $3`,
      [programId],
      (r) => points.write([r.ext, r.remaining, iso(r.earned), iso(r.expiresAt), r.kind]),
    );
    await points.close();

    const history = openCsv(path.join(dir, "history.csv"), FILES["history.csv"].columns);
    counts["history.csv"] = await pages<{ k: string; ext: string; number: string; store: string; at: Date; amount: number; kind: string; earned: number | null; spent: number | null }>(
      client,
      `select * from (
         select 'p' || p.id as k, ${ext} as ext, p.number, s.code as store, p.at, p.amount, 'purchase' as kind, p."pointsEarned" as earned, p."pointsRedeemed" as spent
         from "Purchase" p join "Customer" c on c.id = p."customerId" join "Store" s on s.id = p."storeId"
         where p."programId" = $1 and p.status = 'committed' and c.phone is not null
         union all
         select 'r' || r.id, ${ext}, p.number, s.code, r.at, r.amount, 'return', null, null
         from "PurchaseReturn" r join "Purchase" p on p.id = r."purchaseId" join "Customer" c on c.id = p."customerId" join "Store" s on s.id = p."storeId"
         where p."programId" = $1 and p.status = 'committed' and c.phone is not null) h
       where k > $2 order by k limit $3`,
      [programId],
      (r) => history.write([r.ext, r.number, r.store, iso(r.at), r.amount, r.kind, r.earned, r.spent]),
    );
    await history.close();

    const achievements = openCsv(path.join(dir, "achievements.csv"), FILES["achievements.csv"].columns);
    counts["achievements.csv"] = await pages<{ k: string; ext: string; code: string; title: string; earnedAt: Date }>(
      client,
      `select x.id as k, ${ext} as ext, x.code, x.title, x."earnedAt" from "Achievement" x join "Customer" c on c.id = x."customerId"
       where c."programId" = $1 and c.phone is not null and x.id > $2 order by x.id limit $3`,
      [programId],
      (r) => achievements.write([r.ext, r.code, r.title, iso(r.earnedAt)]),
    );
    await achievements.close();
    await client.query("commit");
    return counts;
  } finally {
    await client.end();
  }
}

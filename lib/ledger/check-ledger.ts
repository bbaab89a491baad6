// Reconciliation over the whole database: cached balances against entries and lots, lots never
// negative, every receipt's and return's points against their entries. Receipts made before the
// ledger's horizon (the end of the last month taken offline, lib/ledger/retention.ts) are left out:
// their entries are archived; the balances still add up through the carried-forward entries.
// Every statement returns only the rows that disagree (the database compares; Node only words the
// finding), and all of them run in one read-only REPEATABLE READ transaction without the pool's
// statement limit: one snapshot for every check, and a chain of 6,000,000 members (12 M accounts,
// 12 M receipts: whole-table hash joins of minutes, docs/benchmarks.md) is checked at all.
import type { Db } from "@/lib/db/client";
import { ledgerHorizon } from "./retention";

export interface Discrepancy {
  kind: string;
  id: string;
  detail: string;
}

const ACCOUNT_VS_ENTRIES = `
  select a.id, a.available, a.held, a.pending, a.debt,
         coalesce(sum(e."deltaAvailable"), 0)::int as ea, coalesce(sum(e."deltaHeld"), 0)::int as eh,
         coalesce(sum(e."deltaPending"), 0)::int as ep, coalesce(sum(e."deltaDebt"), 0)::int as ed
  from "Account" a left join "LedgerEntry" e on e."accountId" = a.id
  where ($1::text is null or a."programId" = $1)
  group by a.id
  having a.available <> coalesce(sum(e."deltaAvailable"), 0) or a.held <> coalesce(sum(e."deltaHeld"), 0)
      or a.pending <> coalesce(sum(e."deltaPending"), 0) or a.debt <> coalesce(sum(e."deltaDebt"), 0)`;

const ACCOUNT_VS_LOTS = `
  select a.id, a.available, a.held, a.pending,
         coalesce(sum(l.remaining), 0)::int as remaining, coalesce(sum(l.held), 0)::int as lheld
  from "Account" a left join "Lot" l on l."accountId" = a.id
  where ($1::text is null or a."programId" = $1)
  group by a.id
  having a.available + a.held + a.pending <> coalesce(sum(l.remaining), 0) or a.held <> coalesce(sum(l.held), 0)`;

const BAD_LOTS = `
  select id, amount, remaining, held from "Lot"
  where (remaining < 0 or held < 0 or held > remaining or remaining > amount
     or ("expiredAt" is not null and remaining <> 0) or ("voidedAt" is not null and remaining <> 0))
    and ($1::text is null or "accountId" in (select id from "Account" where "programId" = $1))`;

const BAD_HOLDS = `
  select h.id, h.amount, coalesce(sum(a.amount), 0)::int as allocated from "Hold" h
  left join "LotAllocation" a on a."holdId" = h.id
  where ($1::text is null or h."accountId" in (select id from "Account" where "programId" = $1))
  group by h.id having h.amount <> coalesce(sum(a.amount), 0)`;

const RECEIPTS = `
  select p.id, p.status::text as status, p."pointsEarned" as earned, p."pointsRedeemed" as redeemed,
    coalesce(sum(e."deltaAvailable" + e."deltaPending") filter (where e.type = 'accrual'), 0)::int as accrued,
    coalesce(-sum(e."deltaAvailable" + e."deltaHeld") filter (where e.type = 'redemption'), 0)::int as spent,
    coalesce(sum(e."deltaHeld") filter (where e.type = 'hold'), 0)::int as held,
    coalesce(-sum(e."deltaHeld") filter (where e.type = 'release'), 0)::int as released
  from "Purchase" p left join "LedgerEntry" e on e."purchaseId" = p.id and e."returnId" is null and e."promotionId" is null
  where p."customerId" is not null and ($1::text is null or p."programId" = $1) and ($2::timestamptz is null or p.at >= $2)
  group by p.id, p.at`;

// Only the receipts whose entries disagree with them (the same rules as the wording below).
const RECEIPTS_WRONG = `
  select * from (${RECEIPTS}) x
  where (x.status in ('committed', 'cancelled') and (x.accrued <> x.earned or x.spent <> x.redeemed))
     or (x.status = 'held' and (x.held <> x.redeemed or x.accrued <> 0))
     or (x.status = 'voided' and (x.accrued <> 0 or x.spent <> 0 or x.held <> x.released))`;

const RETURNS = `
  select r.id, r."pointsRefunded" as refunded, r."pointsReclaimed" + r."promoPointsReclaimed" as reclaimed,
    coalesce(sum(e."deltaAvailable" + e."deltaPending") filter (where e.type = 'reversal' and e."deltaAvailable" + e."deltaPending" > 0), 0)::int as given,
    coalesce(-sum(e."deltaAvailable" + e."deltaPending") filter (where e.type = 'reversal' and e."deltaAvailable" + e."deltaPending" < 0), 0)::int
      + coalesce(sum(e."deltaDebt") filter (where e.type = 'debt' and e."deltaDebt" > 0), 0)::int as taken
  from "PurchaseReturn" r join "Purchase" p on p.id = r."purchaseId" and p.at = r."purchaseAt"
  left join "LedgerEntry" e on e."returnId" = r.id
  where p."customerId" is not null and ($1::text is null or p."programId" = $1) and ($2::timestamptz is null or p.at >= $2)
  group by r.id`;

const RETURNS_WRONG = `select * from (${RETURNS}) x where x.refunded <> x.given or x.reclaimed <> x.taken`;

// Net of returns: what a committed (or cancelled) receipt earned and spent, less what its returns
// took back and gave back, against all the receipt's entries (returns' entries included).
const RECEIPTS_NET = `
  with ret as (
    select "purchaseId", sum("pointsRefunded")::int as refunded, sum("pointsReclaimed")::int as reclaimed
    from "PurchaseReturn" group by "purchaseId"),
  ent as (
    select e."purchaseId",
      coalesce(sum(e."deltaAvailable" + e."deltaPending") filter (where e.type = 'accrual' and e."returnId" is null), 0)
        - coalesce(-sum(e."deltaAvailable" + e."deltaPending") filter (where e.type = 'reversal' and e."returnId" is not null and e."deltaAvailable" + e."deltaPending" < 0), 0)
        - coalesce(sum(e."deltaDebt") filter (where e.type = 'debt' and e."returnId" is not null and e."deltaDebt" > 0), 0) as earned,
      coalesce(-sum(e."deltaAvailable" + e."deltaHeld") filter (where e.type = 'redemption' and e."returnId" is null), 0)
        - coalesce(sum(e."deltaAvailable" + e."deltaPending") filter (where e.type = 'reversal' and e."returnId" is not null and e."deltaAvailable" + e."deltaPending" > 0), 0) as redeemed
    from "LedgerEntry" e where e."purchaseId" is not null and e."promotionId" is null group by e."purchaseId")
  select p.id, p."pointsEarned" - coalesce(r.reclaimed, 0) as "netEarned", p."pointsRedeemed" - coalesce(r.refunded, 0) as "netRedeemed",
    coalesce(ent.earned, 0)::int as "entriesEarned", coalesce(ent.redeemed, 0)::int as "entriesRedeemed"
  from "Purchase" p left join ret r on r."purchaseId" = p.id left join ent on ent."purchaseId" = p.id
  where p."customerId" is not null and p.status in ('committed', 'cancelled') and ($1::text is null or p."programId" = $1)
    and ($2::timestamptz is null or p.at >= $2)
    and (p."pointsEarned" - coalesce(r.reclaimed, 0) <> coalesce(ent.earned, 0)
      or p."pointsRedeemed" - coalesce(r.refunded, 0) <> coalesce(ent.redeemed, 0))`;

type Num = number | bigint;
const n = (v: Num) => Number(v);

/** Checks the whole database, or one program's accounts and receipts with `programId`. */
export async function checkLedger(db: Db, opts: { programId?: string } = {}): Promise<{ discrepancies: Discrepancy[]; accounts: number }> {
  return db.$transaction(
    async (tx) => {
      // A maintenance read: minutes at millions of members, far over the app pool's statement limit.
      await tx.$executeRawUnsafe(`SET LOCAL statement_timeout = 0`);
      // The whole-table joins hash in memory instead of spilling (per sort / hash node).
      await tx.$executeRawUnsafe(`SET LOCAL work_mem = '128MB'`);
      await tx.$executeRawUnsafe(`SET TRANSACTION READ ONLY`);
      return check(tx, opts.programId ?? null);
    },
    { isolationLevel: "RepeatableRead", timeout: CHECK_TIMEOUT_MS, maxWait: 60_000 },
  );
}

/** The longest the whole check may take (Prisma closes an interactive transaction after this). */
const CHECK_TIMEOUT_MS = 6 * 3_600_000;

async function check(db: Pick<Db, "$queryRawUnsafe">, programId: string | null): Promise<{ discrepancies: Discrepancy[]; accounts: number }> {
  const out: Discrepancy[] = [];
  const horizon = await ledgerHorizon(db);
  for (const r of await db.$queryRawUnsafe<Record<string, Num | string>[]>(ACCOUNT_VS_ENTRIES, programId)) {
    out.push({
      kind: "balance≠entries",
      id: String(r.id),
      detail: `cached available/held/pending/debt ${r.available}/${r.held}/${r.pending}/${r.debt}, entries sum to ${r.ea}/${r.eh}/${r.ep}/${r.ed}`,
    });
  }
  for (const r of await db.$queryRawUnsafe<Record<string, Num | string>[]>(ACCOUNT_VS_LOTS, programId)) {
    out.push({
      kind: "balance≠lots",
      id: String(r.id),
      detail: `available+held+pending = ${n(r.available as Num) + n(r.held as Num) + n(r.pending as Num)}, lots hold ${r.remaining}; held ${r.held} vs lots' held ${r.lheld}`,
    });
  }
  for (const r of await db.$queryRawUnsafe<Record<string, Num | string>[]>(BAD_LOTS, programId)) {
    out.push({ kind: "bad-lot", id: String(r.id), detail: `amount ${r.amount}, remaining ${r.remaining}, held ${r.held}` });
  }
  for (const r of await db.$queryRawUnsafe<Record<string, Num | string>[]>(BAD_HOLDS, programId)) {
    out.push({ kind: "hold≠allocations", id: String(r.id), detail: `hold ${r.amount}, allocated ${r.allocated}` });
  }
  for (const r of await db.$queryRawUnsafe<Record<string, Num | string>[]>(RECEIPTS_WRONG, programId, horizon)) {
    const status = String(r.status);
    const [earned, redeemed, accrued, spent, held, released] = [r.earned, r.redeemed, r.accrued, r.spent, r.held, r.released].map((v) => n(v as Num));
    const problems: string[] = [];
    if (status === "committed" || status === "cancelled") {
      if (accrued !== earned) problems.push(`earned ${earned} but accrual entries ${accrued}`);
      if (spent !== redeemed) problems.push(`redeemed ${redeemed} but redemption entries ${spent}`);
    } else if (status === "held") {
      if (held !== redeemed || accrued !== 0) problems.push(`held receipt: redeemed ${redeemed}, hold entries ${held}, accruals ${accrued}`);
    } else if (status === "voided") {
      if (accrued !== 0 || spent !== 0 || held !== released) problems.push(`voided receipt: accrued ${accrued}, spent ${spent}, held ${held}, released ${released}`);
    }
    if (problems.length) out.push({ kind: "receipt≠entries", id: String(r.id), detail: problems.join("; ") });
  }
  for (const r of await db.$queryRawUnsafe<Record<string, Num | string>[]>(RETURNS_WRONG, programId, horizon)) {
    out.push({ kind: "return≠entries", id: String(r.id), detail: `refunded ${r.refunded} vs entries ${r.given}; reclaimed ${r.reclaimed} vs entries ${r.taken}` });
  }
  for (const r of await db.$queryRawUnsafe<Record<string, Num | string>[]>(RECEIPTS_NET, programId, horizon)) {
    out.push({
      kind: "receipt-net≠entries",
      id: String(r.id),
      detail: `net of returns: earned ${r.netEarned} vs entries ${r.entriesEarned}; redeemed ${r.netRedeemed} vs entries ${r.entriesRedeemed}`,
    });
  }
  const [{ count }] = await db.$queryRawUnsafe<{ count: Num }[]>(`select count(*) as count from "Account" where ($1::text is null or "programId" = $1)`, programId);
  return { discrepancies: out, accounts: n(count) };
}

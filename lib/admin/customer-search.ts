// The console's customer list: one search box (phone, email, card number or name), filters,
// sorting and paging that stay fast at a million customers. Every condition is a prefix match
// on an indexed expression (prisma/migrations/*_console_search); values are always bound
// parameters, never spliced into the SQL.
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db/client";

export const CUSTOMER_SORTS = ["createdAt", "name"] as const;
export type CustomerSort = (typeof CUSTOMER_SORTS)[number];
export const REGISTRATION_CHANNELS = ["pos", "web", "app", "wallet", "ticketing", "import", "admin"] as const;
export type Channel = (typeof REGISTRATION_CHANNELS)[number];

export interface CustomerFilters {
  q?: string;
  status?: "active" | "blocked";
  tier?: string;
  /** The program's entry tier: customers without a status row hold it. */
  entryTier?: string;
  channel?: Channel;
  /** Inclusive day bounds in the program's time zone are resolved by the caller. */
  createdFrom?: Date;
  createdTo?: Date;
}

export interface CustomerListRow {
  id: string;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  email: string | null;
  status: "active" | "blocked";
  registrationChannel: Channel;
  createdAt: Date;
  tierCode: string | null;
  available: number;
  cardNumber: string | null;
}

/** Total counts stop here: beyond it the list says "10,000+" (an exact count is a full scan). */
export const COUNT_CAP = 10_000;

export type SearchKind = "phone" | "email" | "card" | "name" | "id" | "digits";

/** What the search box holds, normalised: "8 (999) 000-00-01" → phone prefix "+79990000001". */
export function classifyQuery(raw: string): { kind: SearchKind; value: string; words?: string[] } | null {
  const q = raw.trim().slice(0, 100);
  if (!q) return null;
  if (/^cus_[0-9a-z]{10,40}$/i.test(q)) return { kind: "id", value: q.toLowerCase() };
  if (q.includes("@")) return { kind: "email", value: q.toLowerCase() };
  const digits = q.replace(/[\s()\-.]/g, "");
  if (/^\+\d{3,15}$/.test(digits)) return { kind: "phone", value: digits };
  if (/^\d{3,15}$/.test(digits)) {
    // 13 digits starting with 2: our EAN-13 card numbers. 11 digits starting with 8 or 7: a Russian phone.
    if (digits.length === 13 && digits.startsWith("2")) return { kind: "card", value: digits };
    if (digits.length === 11 && digits.startsWith("8")) return { kind: "phone", value: `+7${digits.slice(1)}` };
    return { kind: "digits", value: digits };
  }
  const words = q
    .toLowerCase()
    .split(/\s+/)
    .map((w) => w.replace(/[%_\\]/g, ""))
    .filter(Boolean)
    .slice(0, 3);
  if (!words.length) return null;
  return { kind: "name", value: words.join(" "), words };
}

const esc = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);

function searchCondition(q: NonNullable<ReturnType<typeof classifyQuery>>): Prisma.Sql {
  switch (q.kind) {
    case "id":
      return Prisma.sql`c.id = ${q.value}`;
    case "email":
      return Prisma.sql`lower(c.email) like ${esc(q.value) + "%"}`;
    case "phone":
      return Prisma.sql`lower(c.phone) like ${esc(q.value) + "%"}`;
    case "card":
      return Prisma.sql`c.id in (select "customerId" from "Card" where lower(number) = ${q.value})`;
    case "digits": {
      // Digits alone: a phone without "+" (country code first) or the start of a card number.
      // A Russian mobile without the country code ("999…") is tried with +7 too.
      const local = q.value.startsWith("9") ? Prisma.sql` or lower(c.phone) like ${"+7" + q.value + "%"}` : Prisma.empty;
      return Prisma.sql`(lower(c.phone) like ${"+" + q.value + "%"}${local} or c.id in (select "customerId" from "Card" where lower(number) like ${q.value + "%"}))`;
    }
    case "name": {
      const words = q.words ?? [];
      // One word may also be the start of an email ("ivan.petrov").
      if (words.length === 1) {
        const p = esc(words[0]) + "%";
        return Prisma.sql`(lower(c."lastName") like ${p} or lower(c."firstName") like ${p} or lower(c.email) like ${p})`;
      }
      const parts = words.map((w) => Prisma.sql`(lower(c."lastName") like ${esc(w) + "%"} or lower(c."firstName") like ${esc(w) + "%"})`);
      return Prisma.join(parts, " and ");
    }
  }
}

function whereClause(programId: string, f: CustomerFilters): Prisma.Sql {
  // Merged duplicates (empty tombstones) never show up.
  const parts: Prisma.Sql[] = [Prisma.sql`c."programId" = ${programId}`, Prisma.sql`not exists (select 1 from "CustomerMerge" m where m."mergedId" = c.id)`];
  const q = f.q ? classifyQuery(f.q) : null;
  if (q) parts.push(searchCondition(q));
  if (f.status) parts.push(Prisma.sql`c.status = ${f.status}::"CustomerStatus"`);
  if (f.channel) parts.push(Prisma.sql`c."registrationChannel" = ${f.channel}::"RegistrationChannel"`);
  if (f.tier && f.tier === f.entryTier) {
    parts.push(Prisma.sql`not exists (select 1 from "CustomerTier" ct2 where ct2."customerId" = c.id and ct2."tierCode" <> ${f.tier})`);
  } else if (f.tier) {
    parts.push(Prisma.sql`exists (select 1 from "CustomerTier" ct2 where ct2."customerId" = c.id and ct2."tierCode" = ${f.tier})`);
  }
  if (f.createdFrom) parts.push(Prisma.sql`c."createdAt" >= ${f.createdFrom}`);
  if (f.createdTo) parts.push(Prisma.sql`c."createdAt" < ${f.createdTo}`);
  return Prisma.join(parts, " and ");
}

function orderClause(sort: { id: CustomerSort; desc: boolean }): Prisma.Sql {
  const dir = sort.desc ? Prisma.raw("desc") : Prisma.raw("asc");
  if (sort.id === "name") return Prisma.sql`order by lower(c."lastName") ${dir}, lower(c."firstName") ${dir}, c.id ${dir}`;
  return Prisma.sql`order by c."createdAt" ${dir}, c.id ${dir}`;
}

export async function searchCustomers(
  db: Db,
  programId: string,
  filters: CustomerFilters,
  opts: { sort: { id: CustomerSort; desc: boolean }; limit: number; offset: number },
): Promise<{ rows: CustomerListRow[]; total: number; totalCapped: boolean; hasNext: boolean }> {
  const where = whereClause(programId, filters);
  const limit = Math.min(Math.max(opts.limit, 1), 200);
  const [rows, counted] = await Promise.all([
    db.$queryRaw<(Omit<CustomerListRow, "available"> & { available: number | null })[]>`
      select c.id, c."firstName", c."lastName", c.phone, c.email, c.status::text as status,
             c."registrationChannel"::text as "registrationChannel", c."createdAt",
             ct."tierCode", a.available,
             (select number from "Card" k where k."customerId" = c.id and k.status = 'active' order by k."issuedAt" desc limit 1) as "cardNumber"
      from (select c.* from "Customer" c where ${where} ${orderClause(opts.sort)} limit ${limit + 1} offset ${opts.offset}) c
      left join "CustomerTier" ct on ct."customerId" = c.id
      left join "Account" a on a."customerId" = c.id and a.kind = 'main'
      ${orderClause(opts.sort)}`,
    db.$queryRaw<{ n: bigint }[]>`select count(*) as n from (select 1 from "Customer" c where ${where} limit ${COUNT_CAP + 1}) x`,
  ]);
  const n = Number(counted[0]?.n ?? 0);
  return {
    rows: rows.slice(0, limit).map((r) => ({ ...r, available: r.available ?? 0 })),
    total: Math.min(n, COUNT_CAP),
    totalCapped: n > COUNT_CAP,
    hasNext: rows.length > limit,
  };
}

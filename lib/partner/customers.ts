// The partner's customers: members with a committed receipt at its stores, with what they did
// there (receipts, spend, points earned and spent, first and last purchase) — a server-paged,
// searchable list, optionally narrowed by a group (a segment compiled in the partner's scope) —,
// and one customer's card. A member appears by first name, masked phone and the partner's own
// reference (lib/partner/member-ref.ts), never by id, full phone, last name or email. A member who
// never bought at the partner is not found, whatever the reference.
import type { Db } from "@/lib/db/client";
import { normalizePhone } from "@/lib/customers/phone";
import { topicTitle } from "@/lib/feedback/topics";
import type { Locale } from "@/lib/i18n/locales";
import { compileSegment, type SegmentContext } from "@/lib/segments/compile";
import { EMPTY_SEGMENT, type SegmentDefinition } from "@/lib/segments/definition";
import { maskPhone } from "./mask";
import { memberIdFromRef, memberRef } from "./member-ref";

export const CUSTOMER_SORTS = ["last", "spend", "receipts", "name"] as const;
export type CustomerSort = (typeof CUSTOMER_SORTS)[number];

export interface PartnerCustomerRow {
  ref: string;
  firstName: string | null;
  phone: string | null;
  receipts: number;
  spend: number;
  pointsEarned: number;
  pointsRedeemed: number;
  firstAt: Date;
  lastAt: Date;
}

export interface CustomerListInput {
  partnerId: string;
  /** The program's segment context (zone, entry tier); the partner's scope is added here. */
  ctx: SegmentContext;
  /** A group's definition (already validated for the partner); none = every customer. */
  definition?: SegmentDefinition | null;
  /** First name (from its start) or a whole phone number. */
  q?: string | null;
  offset?: number;
  limit?: number;
  sort?: { id: CustomerSort; desc: boolean };
}

const ORDER: Record<CustomerSort, string> = { last: `x."lastAt"`, spend: `x."spend"`, receipts: `x."receipts"`, name: `lower(c."firstName")` };

interface RawRow {
  id: string;
  firstName: string | null;
  phone: string | null;
  receipts: bigint;
  spend: bigint;
  earned: bigint;
  redeemed: bigint;
  firstAt: Date;
  lastAt: Date;
}

/** The query of the list: the compiled segment's predicate over "Customer" c, joined to the partner's receipts per customer. */
function listSql(input: CustomerListInput) {
  const compiled = compileSegment(input.definition ?? EMPTY_SEGMENT, { ...input.ctx, partnerId: input.partnerId });
  const params = [...compiled.params];
  const bind = (v: unknown, type: string) => {
    params.push(v);
    return `$${params.length}::${type}`;
  };
  // $2 is the partner (compileSegment's scope).
  const from =
    `FROM "Customer" c JOIN (SELECT p."customerId", count(*) AS "receipts", sum(p."amount" - p."discount") AS "spend", sum(p."pointsEarned") AS "earned", ` +
    `sum(p."pointsRedeemed") AS "redeemed", min(p."at") AS "firstAt", max(p."at") AS "lastAt" FROM "Purchase" p ` +
    `WHERE p."partnerId" = $2::text AND p."status" = 'committed'::"PurchaseStatus" AND p."customerId" IS NOT NULL GROUP BY p."customerId") x ON x."customerId" = c."id"`;
  const where = [`c."programId" = $1`, compiled.where];
  const q = input.q?.trim().slice(0, 64);
  if (q) {
    const phone = /^[+\d][\d\s()-]{8,}$/.test(q) ? normalizePhone(q) : null;
    if (phone) where.push(`c."phone" = ${bind(phone, "text")}`);
    else where.push(`c."firstName" ILIKE ${bind(`${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`, "text")}`);
  }
  return { from, where: where.join(" AND "), params, bind };
}

export async function listPartnerCustomers(db: Db, input: CustomerListInput): Promise<{ rows: PartnerCustomerRow[]; total: number }> {
  const { from, where, params, bind } = listSql(input);
  const sort = input.sort ?? { id: "last", desc: true };
  const dir = sort.desc ? "DESC" : "ASC";
  const limit = bind(Math.min(Math.max(Math.trunc(input.limit ?? 25), 1), 500), "int");
  const offset = bind(Math.max(Math.trunc(input.offset ?? 0), 0), "int");
  const countParams = params.slice(0, params.length - 2);
  const [rows, count] = await Promise.all([
    db.$queryRawUnsafe<RawRow[]>(
      `SELECT c."id", c."firstName", c."phone", x."receipts", x."spend", x."earned", x."redeemed", x."firstAt", x."lastAt" ${from} WHERE ${where} ` +
        `ORDER BY ${ORDER[sort.id]} ${dir} NULLS LAST, c."id" ${dir} LIMIT ${limit} OFFSET ${offset}`,
      ...params,
    ),
    db.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n ${from} WHERE ${where}`, ...countParams),
  ]);
  return { rows: rows.map((r) => toRow(input.partnerId, r)), total: Number(count[0]?.n ?? 0) };
}

function toRow(partnerId: string, r: RawRow): PartnerCustomerRow {
  return {
    ref: memberRef(partnerId, r.id),
    firstName: r.firstName?.trim() || null,
    phone: maskPhone(r.phone),
    receipts: Number(r.receipts),
    spend: Number(r.spend ?? 0),
    pointsEarned: Number(r.earned ?? 0),
    pointsRedeemed: Number(r.redeemed ?? 0),
    firstAt: r.firstAt,
    lastAt: r.lastAt,
  };
}

/** Runs one parameterised statement: Prisma's pool (`prismaRows`) or an export connection (pg). */
export type RowsQuery = (sql: string, params: unknown[]) => Promise<unknown[]>;
export const prismaRows =
  (db: Db): RowsQuery =>
  (sql, params) =>
    db.$queryRawUnsafe<unknown[]>(sql, ...params);

/** Every customer of the list (a group or all), in batches of `batch` by keyset — for the CSV export. */
export async function* partnerCustomerBatches(query: RowsQuery, input: Omit<CustomerListInput, "offset" | "limit" | "sort">, batch = 2_000): AsyncGenerator<PartnerCustomerRow[]> {
  let after: string | null = null;
  for (;;) {
    const { from, where, params, bind } = listSql(input);
    const keyset: string = after ? ` AND c."id" > ${bind(after, "text")}` : "";
    const size = bind(Math.max(1, Math.min(10_000, batch)), "int");
    const rows = (await query(
      `SELECT c."id", c."firstName", c."phone", x."receipts", x."spend", x."earned", x."redeemed", x."firstAt", x."lastAt" ${from} WHERE ${where}${keyset} ORDER BY c."id" LIMIT ${size}`,
      params,
    )) as RawRow[];
    if (rows.length === 0) return;
    yield rows.map((r) => toRow(input.partnerId, r));
    if (rows.length < batch) return;
    after = rows[rows.length - 1].id;
  }
}

/** The CSV's columns: what the list shows, the phone masked. */
export const CUSTOMER_CSV_HEADER = ["member_ref", "first_name", "phone_masked", "receipts", "spend_minor", "points_earned", "points_redeemed", "first_purchase", "last_purchase"];

export function customerCsvValues(r: PartnerCustomerRow): unknown[] {
  return [r.ref, r.firstName, r.phone, r.receipts, r.spend, r.pointsEarned, r.pointsRedeemed, r.firstAt, r.lastAt];
}

export interface PartnerCustomerCard {
  ref: string;
  firstName: string | null;
  phone: string | null;
  summary: {
    receipts: number;
    spend: number;
    /** Points given for receipts at the partner's stores, less what returns took back. */
    pointsEarned: number;
    /** Points spent on receipts at the partner's stores, less what returns gave back. */
    pointsSpent: number;
    returns: number;
    firstAt: Date;
    lastAt: Date;
  };
  receipts: { id: string; number: string; at: Date; status: string; amount: number; discount: number; pointsEarned: number; pointsRedeemed: number; store: { name: string; timezone: string } }[];
  feedback: { id: string; subject: string; topic: string; status: string; createdAt: Date; lastMessageAt: Date; messages: { author: string; body: string; at: Date }[] }[];
}

const CARD_RECEIPTS = 50;

/** One customer as the partner may see them, or null: an unknown or foreign reference, or a member who never bought at the partner. */
export async function getPartnerCustomerCard(db: Db, input: { partnerId: string; programId: string; ref: string; locale: Locale }): Promise<PartnerCustomerCard | null> {
  const customerId = memberIdFromRef(input.partnerId, input.ref);
  if (!customerId) return null;
  const [head] = await db.$queryRaw<(RawRow & { reclaimed: bigint; refunded: bigint; returns: bigint })[]>`
    SELECT c."id", c."firstName", c."phone", count(*) AS "receipts", sum(p."amount" - p."discount") AS "spend", sum(p."pointsEarned") AS "earned",
           sum(p."pointsRedeemed") AS "redeemed", min(p."at") AS "firstAt", max(p."at") AS "lastAt",
           COALESCE(sum(r."reclaimed"), 0) AS "reclaimed", COALESCE(sum(r."refunded"), 0) AS "refunded", COALESCE(sum(r."n"), 0) AS "returns"
    FROM "Customer" c
    JOIN "Purchase" p ON p."customerId" = c."id" AND p."partnerId" = ${input.partnerId} AND p."status" = 'committed'
    LEFT JOIN LATERAL (SELECT sum(x."pointsReclaimed") AS "reclaimed", sum(x."pointsRefunded") AS "refunded", count(*) AS "n" FROM "PurchaseReturn" x WHERE x."purchaseId" = p."id") r ON true
    WHERE c."id" = ${customerId} AND c."programId" = ${input.programId}
    GROUP BY c."id", c."firstName", c."phone"`;
  if (!head) return null;
  const [receipts, feedback] = await Promise.all([
    db.$queryRaw<PartnerCustomerCard["receipts"][number][]>`
      SELECT p."id", p."number", p."at", p."status"::text AS "status", p."amount", p."discount", p."pointsEarned", p."pointsRedeemed",
             json_build_object('name', s."name", 'timezone', s."timezone") AS "store"
      FROM "Purchase" p JOIN "Store" s ON s."id" = p."storeId"
      WHERE p."customerId" = ${customerId} AND p."partnerId" = ${input.partnerId} AND p."status" <> 'voided'
      ORDER BY p."at" DESC, p."id" DESC LIMIT ${CARD_RECEIPTS}`,
    db.feedbackRequest.findMany({
      where: { customerId, partnerId: input.partnerId },
      orderBy: { lastMessageAt: "desc" },
      take: 20,
      select: {
        id: true,
        subject: true,
        status: true,
        createdAt: true,
        lastMessageAt: true,
        topic: { select: { title: true, titleRu: true } },
        messages: { orderBy: { createdAt: "asc" }, select: { author: true, body: true, createdAt: true } },
      },
    }),
  ]);
  return {
    ref: input.ref,
    firstName: head.firstName?.trim() || null,
    phone: maskPhone(head.phone),
    summary: {
      receipts: Number(head.receipts),
      spend: Number(head.spend ?? 0),
      pointsEarned: Number(head.earned ?? 0) - Number(head.reclaimed),
      pointsSpent: Number(head.redeemed ?? 0) - Number(head.refunded),
      returns: Number(head.returns),
      firstAt: head.firstAt,
      lastAt: head.lastAt,
    },
    receipts,
    feedback: feedback.map((f) => ({
      id: f.id,
      subject: f.subject,
      topic: topicTitle(f.topic, input.locale),
      status: f.status,
      createdAt: f.createdAt,
      lastMessageAt: f.lastMessageAt,
      messages: f.messages.map((m) => ({ author: m.author, body: m.body, at: m.createdAt })),
    })),
  };
}

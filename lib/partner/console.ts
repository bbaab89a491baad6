// The console's Partners pages (owner): every partner of the program with its stores, its earn
// rate in the latest program version, the range it may set that rate in, and its business
// contacts (kept by the partner, read-only here). Scoped by the staff user's program.
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Locale } from "@/lib/i18n/locales";
import { programDefinitionOrThrow } from "@/lib/program/definition";
import { CONTACT_SELECT, contactView } from "./contacts";

export interface ConsolePartner {
  id: string;
  code: string;
  name: string;
  stores: number;
  rateBp: number | null;
  bounds: { minBp: number; maxBp: number } | null;
  contacts: { id: string; name: string; role: string; email: string; phone: string | null; updatedAt: Date }[];
}

async function latestRates(db: Db, programId: string): Promise<Map<string, number>> {
  const v = await db.programVersion.findFirst({ where: { programId }, orderBy: { version: "desc" }, select: { definition: true } });
  return new Map(v ? programDefinitionOrThrow(v.definition).partners.map((p) => [p.code, Math.round(p.earnRate * 100)] as const) : []);
}

const SELECT = {
  id: true,
  code: true,
  name: true,
  _count: { select: { stores: true } },
  earnRateBounds: { select: { minBp: true, maxBp: true } },
  contacts: { orderBy: [{ name: "asc" as const }, { id: "asc" as const }], select: CONTACT_SELECT },
} satisfies Prisma.PartnerSelect;

type Row = Prisma.PartnerGetPayload<{ select: typeof SELECT }>;

/** Contacts' roles in the reader's `locale` where the partner gave them in both languages. */
const toPartner = (p: Row, rates: Map<string, number>, locale: Locale): ConsolePartner => ({
  id: p.id,
  code: p.code,
  name: p.name,
  stores: p._count.stores,
  rateBp: rates.get(p.code) ?? null,
  bounds: p.earnRateBounds,
  contacts: p.contacts.map((c) => contactView(c, locale)),
});

export async function listConsolePartners(db: Db, programId: string, locale: Locale = "en"): Promise<ConsolePartner[]> {
  const [rows, rates] = await Promise.all([db.partner.findMany({ where: { programId }, orderBy: { name: "asc" }, select: SELECT }), latestRates(db, programId)]);
  return rows.map((p) => toPartner(p, rates, locale));
}

/** One partner of the program, or null (another program's partner too). */
export async function getConsolePartner(db: Db, programId: string, partnerId: string, locale: Locale = "en"): Promise<ConsolePartner | null> {
  const [row, rates] = await Promise.all([db.partner.findFirst({ where: { id: partnerId, programId }, select: SELECT }), latestRates(db, programId)]);
  return row ? toPartner(row, rates, locale) : null;
}

// What the partner's group builder offers: the program's statuses and months, and the partner's
// own stores only (the builder's other lists stay empty: those conditions are not offered).
import type { Db } from "@/lib/db/client";
import type { BuilderOptions } from "@/components/admin/segments/condition-fields";
import { programInfo } from "@/lib/admin/program-info";
import type { Locale } from "@/lib/i18n/locales";

export async function partnerGroupOptions(db: Db, me: { programId: string; partnerId: string }, locale: Locale): Promise<BuilderOptions> {
  const [program, stores] = await Promise.all([
    programInfo(db, me.programId, locale),
    db.store.findMany({ where: { partnerId: me.partnerId }, orderBy: { code: "asc" }, select: { code: true, name: true } }),
  ]);
  const month = new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "ru-RU", { month: "short", timeZone: "UTC" });
  return {
    tiers: program.tiers.map((x) => ({ value: x.code, label: x.name })),
    stores: stores.map((s) => ({ value: s.code, label: s.name })),
    partners: [],
    channels: [],
    months: Array.from({ length: 12 }, (_, i) => ({ value: String(i + 1), label: month.format(new Date(Date.UTC(2026, i, 1))) })),
  };
}

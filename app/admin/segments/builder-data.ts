// What the segment pages hand to the builder: the program's choices (the texts come from the I18nProvider).
import type { Db } from "@/lib/db/client";
import { programInfo } from "@/lib/admin/program-info";
import { storeAndPartnerNames } from "@/lib/admin/stores";
import { REGISTRATION_CHANNELS } from "@/lib/segments/definition";
import type { Translate } from "@/lib/i18n/translate";
import type { Locale } from "@/lib/i18n/locales";
import type { BuilderOptions } from "@/components/admin/segments/condition-fields";

export async function builderData(db: Db, programId: string, t: Translate, locale: Locale) {
  const [program, { stores, partners }] = await Promise.all([programInfo(db, programId, locale), storeAndPartnerNames(db, programId)]);
  const month = new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "ru-RU", { month: "short", timeZone: "UTC" });
  const options: BuilderOptions = {
    tiers: program.tiers.map((x) => ({ value: x.code, label: x.name })),
    stores: stores.map((s) => ({ value: s.code, label: s.name })),
    partners: partners.map((p) => ({ value: p.code, label: p.name })),
    channels: REGISTRATION_CHANNELS.map((c) => ({ value: c, label: t(`console.channel.${c}`) })),
    months: Array.from({ length: 12 }, (_, i) => ({ value: String(i + 1), label: month.format(new Date(Date.UTC(2026, i, 1))) })),
  };
  return { options, program };
}

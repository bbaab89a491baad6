// The promotions calendar: one month, a row per promotion that runs or is planned in it, a bar
// from its first to its last day (components/admin/month-calendar.tsx).
import { MonthCalendar } from "@/components/admin/month-calendar";
import { PageHeader } from "@/components/admin/page-header";
import { PromotionStatusBadge, PromotionTabs } from "@/components/admin/promotions/parts";
import { programZone } from "@/lib/admin/program-info";
import { param, type SearchParams } from "@/lib/admin/table-params";
import { requirePermission } from "@/lib/auth/permissions";
import { now } from "@/lib/clock";
import { db } from "@/lib/db/client";
import { getT, pageTitle } from "@/lib/i18n/server";
import { calendarMonth, listPromotions, parseMonth } from "@/lib/promotions/console";
import { promoText } from "@/lib/promotions/definition";

export const generateMetadata = pageTitle("title.console.promotionsCalendar");

const BAR = {
  active: "bg-emerald-700 text-white",
  scheduled: "bg-sky-700 text-white",
  paused: "bg-amber-300 text-amber-950",
  draft: "bg-slate-300 text-slate-900",
  ended: "bg-slate-600 text-white",
} as const;

export default async function PromotionsCalendarPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const staff = await requirePermission("promotions.view");
  const { t, locale } = await getT();
  const sp = await searchParams;
  const at = now();
  const [program, rows] = await Promise.all([programZone(db(), staff.programId), listPromotions(db(), staff.programId, at)]);
  const ym = parseMonth(param(sp, "month"), at, program.timezone);
  const cal = calendarMonth(rows, ym, program.timezone, at);
  const current = `${cal.year}-${String(cal.month).padStart(2, "0")}`;
  return (
    <>
      <PageHeader title={t("console.promo.title")} description={t("console.promo.calendar.lead")} />
      <PromotionTabs current="calendar" t={t} month={current} />
      <MonthCalendar
        frame={cal}
        locale={locale}
        monthHref={(m) => `/admin/promotions/calendar?month=${m}`}
        texts={{
          prev: t("console.promo.calendar.prev"),
          next: t("console.promo.calendar.next"),
          caption: (month) => t("console.promo.calendar.caption", { month }),
          nameColumn: t("console.promo.col.name"),
          range: (from, to) => t("console.promo.calendar.range", { from, to }),
          empty: t("console.promo.calendar.empty"),
        }}
        rows={cal.bars.map((b) => ({
          ...b,
          key: b.code,
          name: promoText(b.def.name, locale),
          badge: <PromotionStatusBadge status={b.status} t={t} />,
          href: `/admin/promotions/${b.code}`,
          barClass: BAR[b.status],
        }))}
      />
    </>
  );
}

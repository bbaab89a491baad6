// The promotions calendar: one month, a row per promotion that runs or is planned in it, a bar
// from its first to its last day (a table: days are columns, so screen readers read the dates).
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/admin/page-header";
import { PromotionStatusBadge, PromotionTabs } from "@/components/admin/promotions/parts";
import { EmptyState } from "@/components/ui/states";
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
  const intl = locale === "en" ? "en-GB" : "ru-RU";
  const monthName = new Intl.DateTimeFormat(intl, { month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(Date.UTC(cal.year, cal.month - 1, 1)));
  const weekday = new Intl.DateTimeFormat(intl, { weekday: "narrow", timeZone: "UTC" });
  const dayLabel = new Intl.DateTimeFormat(intl, { day: "numeric", month: "long", timeZone: "UTC" });
  const days = Array.from({ length: cal.days }, (_, i) => i + 1);
  const weekend = (d: number) => (cal.firstWeekday + d - 1) % 7 >= 5;
  const dayName = (d: number) => dayLabel.format(new Date(Date.UTC(cal.year, cal.month - 1, d)));
  const current = `${cal.year}-${String(cal.month).padStart(2, "0")}`;

  return (
    <>
      <PageHeader title={t("console.promo.title")} description={t("console.promo.calendar.lead")} />
      <PromotionTabs current="calendar" t={t} month={current} />
      <div className="mb-4 flex items-center justify-between gap-3">
        <Link href={`/admin/promotions/calendar?month=${cal.prev}`} className={buttonClass("secondary", "sm")} rel="prev">
          <span aria-hidden>←</span> <span className="sr-only sm:not-sr-only">{t("console.promo.calendar.prev")}</span>
        </Link>
        <h2 className="text-center text-lg font-semibold capitalize text-slate-900" data-testid="calendar-month">
          {monthName}
        </h2>
        <Link href={`/admin/promotions/calendar?month=${cal.next}`} className={buttonClass("secondary", "sm")} rel="next">
          <span className="sr-only sm:not-sr-only">{t("console.promo.calendar.next")}</span> <span aria-hidden>→</span>
        </Link>
      </div>
      {cal.bars.length === 0 ? (
        <EmptyState title={t("console.promo.calendar.empty")} />
      ) : (
        // relative: the bars' screen-reader texts are placed absolutely and must stay inside this scroller (not widen the page).
        <div className="relative overflow-x-auto rounded-2xl bg-white shadow-sm ring-1 ring-slate-200">
          <table className="w-full min-w-[56rem] table-fixed border-collapse text-xs">
            <caption className="sr-only">{t("console.promo.calendar.caption", { month: monthName })}</caption>
            <colgroup>
              <col className="w-48" />
              {days.map((d) => (
                <col key={d} />
              ))}
            </colgroup>
            <thead>
              <tr className="border-b border-slate-200">
                <th scope="col" className="px-3 py-2 text-left font-semibold text-slate-600">
                  {t("console.promo.col.name")}
                </th>
                {days.map((d) => (
                  <th key={d} scope="col" className={`py-1 text-center font-medium ${weekend(d) ? "bg-slate-50 text-slate-500" : "text-slate-600"} ${cal.today === d ? "text-brand-700" : ""}`}>
                    <abbr title={dayName(d)} className="no-underline">
                      <span className="block text-[10px] uppercase">{weekday.format(new Date(Date.UTC(cal.year, cal.month - 1, d)))}</span>
                      <span className={`mx-auto grid size-5 place-items-center rounded-full ${cal.today === d ? "bg-brand-600 text-white" : ""}`}>{d}</span>
                    </abbr>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {cal.bars.map((b) => {
                const name = promoText(b.def.name, locale);
                const range = t("console.promo.calendar.range", { from: dayName(b.startDay), to: dayName(b.endDay) });
                return (
                  <tr key={b.code} data-testid="calendar-row" className="border-b border-slate-100 last:border-0">
                    <th scope="row" className="truncate px-3 py-2 text-left font-medium text-slate-800">
                      <span className="block truncate">{name}</span>
                      <PromotionStatusBadge status={b.status} t={t} />
                    </th>
                    {b.startDay > 1 && <td colSpan={b.startDay - 1} />}
                    <td colSpan={b.endDay - b.startDay + 1} className="px-0.5 py-2">
                      <Link
                        href={`/admin/promotions/${b.code}`}
                        className={`block truncate px-2 py-1.5 font-medium ${BAR[b.status]} ${b.before ? "rounded-l-none" : "rounded-l-md"} ${b.after ? "rounded-r-none" : "rounded-r-md"}`}
                      >
                        {b.before && <span aria-hidden>← </span>}
                        {name}
                        <span className="sr-only">: {range}</span>
                        {b.after && <span aria-hidden> →</span>}
                      </Link>
                    </td>
                    {b.endDay < cal.days && <td colSpan={cal.days - b.endDay} />}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

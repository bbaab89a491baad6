// A month as a table: a row per item that runs (or is planned) in it, a bar from its first to its
// last day — days are columns, so screen readers read the dates. The console's promotions calendar
// and the partner portal's calendar of campaigns and mailings. A server component: texts come in.
import Link from "next/link";
import type { ReactNode } from "react";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/states";
import type { Locale } from "@/lib/i18n/locales";
import type { MonthFrame, MonthSpan } from "@/lib/promotions/console";

export interface MonthCalendarRow extends MonthSpan {
  key: string;
  name: string;
  /** Under the name (a status badge). */
  badge: ReactNode;
  href: string;
  /** The bar's colours. */
  barClass: string;
}

export interface MonthCalendarTexts {
  prev: string;
  next: string;
  caption: (month: string) => string;
  nameColumn: string;
  range: (from: string, to: string) => string;
  empty: string;
}

export function MonthCalendar({
  frame,
  rows,
  locale,
  texts,
  monthHref,
}: {
  frame: MonthFrame;
  rows: MonthCalendarRow[];
  locale: Locale;
  texts: MonthCalendarTexts;
  monthHref: (month: string) => string;
}) {
  const intl = locale === "en" ? "en-GB" : "ru-RU";
  const monthName = new Intl.DateTimeFormat(intl, { month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(Date.UTC(frame.year, frame.month - 1, 1)));
  const weekday = new Intl.DateTimeFormat(intl, { weekday: "narrow", timeZone: "UTC" });
  const dayLabel = new Intl.DateTimeFormat(intl, { day: "numeric", month: "long", timeZone: "UTC" });
  const days = Array.from({ length: frame.days }, (_, i) => i + 1);
  const weekend = (d: number) => (frame.firstWeekday + d - 1) % 7 >= 5;
  const dayName = (d: number) => dayLabel.format(new Date(Date.UTC(frame.year, frame.month - 1, d)));
  return (
    <>
      <div className="mb-4 flex items-center justify-between gap-3">
        <Link href={monthHref(frame.prev)} className={buttonClass("secondary", "sm")} rel="prev">
          <span aria-hidden>←</span> <span className="sr-only sm:not-sr-only">{texts.prev}</span>
        </Link>
        <h2 className="text-center text-lg font-semibold capitalize text-slate-900" data-testid="calendar-month">
          {monthName}
        </h2>
        <Link href={monthHref(frame.next)} className={buttonClass("secondary", "sm")} rel="next">
          <span className="sr-only sm:not-sr-only">{texts.next}</span> <span aria-hidden>→</span>
        </Link>
      </div>
      {rows.length === 0 ? (
        <EmptyState title={texts.empty} />
      ) : (
        // relative: the bars' screen-reader texts are placed absolutely and must stay inside this scroller (not widen the page).
        <div className="relative overflow-x-auto rounded-2xl bg-white shadow-sm ring-1 ring-slate-200">
          <table className="w-full min-w-[56rem] table-fixed border-collapse text-xs">
            <caption className="sr-only">{texts.caption(monthName)}</caption>
            <colgroup>
              <col className="w-48" />
              {days.map((d) => (
                <col key={d} />
              ))}
            </colgroup>
            <thead>
              <tr className="border-b border-slate-200">
                <th scope="col" className="px-3 py-2 text-left font-semibold text-slate-600">
                  {texts.nameColumn}
                </th>
                {days.map((d) => (
                  <th key={d} scope="col" className={`py-1 text-center font-medium ${weekend(d) ? "bg-slate-50 text-slate-500" : "text-slate-600"} ${frame.today === d ? "text-brand-700" : ""}`}>
                    <abbr title={dayName(d)} className="no-underline">
                      <span className="block text-[10px] uppercase">{weekday.format(new Date(Date.UTC(frame.year, frame.month - 1, d)))}</span>
                      <span className={`mx-auto grid size-5 place-items-center rounded-full ${frame.today === d ? "bg-brand-600 text-white" : ""}`}>{d}</span>
                    </abbr>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((b) => (
                <tr key={b.key} data-testid="calendar-row" className="border-b border-slate-100 last:border-0">
                  <th scope="row" className="truncate px-3 py-2 text-left font-medium text-slate-800">
                    <span className="block truncate">{b.name}</span>
                    {b.badge}
                  </th>
                  {b.startDay > 1 && <td colSpan={b.startDay - 1} />}
                  <td colSpan={b.endDay - b.startDay + 1} className="px-0.5 py-2">
                    <Link
                      href={b.href}
                      className={`block truncate px-2 py-1.5 font-medium ${b.barClass} ${b.before ? "rounded-l-none" : "rounded-l-md"} ${b.after ? "rounded-r-none" : "rounded-r-md"}`}
                    >
                      {b.before && <span aria-hidden>← </span>}
                      {b.name}
                      <span className="sr-only">: {texts.range(dayName(b.startDay), dayName(b.endDay))}</span>
                      {b.after && <span aria-hidden> →</span>}
                    </Link>
                  </td>
                  {b.endDay < frame.days && <td colSpan={frame.days - b.endDay} />}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

// The statement as a document to print or save as PDF: the parties, the month, the figures, the
// lines by store. Print CSS hides the portal's frame and the buttons (print: variants).
import Link from "next/link";
import { notFound } from "next/navigation";
import { formats } from "@/components/partner/analytics/format";
import { monthName } from "@/components/partner/month-picker";
import { PrintButton } from "@/components/partner/print-button";
import { StatementFigures } from "@/components/partner/statement-figures";
import { StatementLines } from "@/components/partner/statement-lines";
import { param, type SearchParams } from "@/lib/admin/table-params";
import { analyticsDb } from "@/lib/db/client";
import { getT, pageTitle } from "@/lib/i18n/server";
import { formatDate } from "@/lib/i18n/translate";
import { loadPartnerStatement } from "@/lib/partner/statement";
import { requirePartner } from "@/lib/partner/session";

export const generateMetadata = pageTitle("title.partner.statement");

export default async function PrintableStatementPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const me = await requirePartner();
  const s = await loadPartnerStatement(analyticsDb(), { partnerId: me.partnerId, month: param(await searchParams, "month") });
  if (!s) notFound();
  const { t, locale } = await getT(s.info.program.defaultLocale === "en" ? "en" : "ru");
  const f = formats(locale, s.info.program.currency);
  const now = new Date();
  return (
    <article className="mx-auto max-w-3xl rounded-2xl bg-white p-6 shadow-sm ring-1 ring-slate-200 sm:p-10 print:max-w-none print:p-0 print:shadow-none print:ring-0" data-testid="printable-statement">
      <div className="mb-6 flex items-center justify-between gap-3 print:hidden">
        <Link href={`/partner/statements?month=${s.month.month}`} className="text-sm text-slate-600 hover:text-slate-900">
          ← {t("stmt.doc.back")}
        </Link>
        <PrintButton label={t("stmt.printNow")} />
      </div>
      <header className="mb-6 border-b border-slate-200 pb-4">
        <h1 className="text-2xl font-bold text-slate-900">{t("stmt.doc.title", { month: monthName(locale, s.month.month) })}</h1>
        <p className="mt-1 text-slate-700">{t("stmt.doc.parties", { partner: s.info.name, program: s.info.program.name })}</p>
      </header>
      <StatementFigures x={s.totals} partner={s.info.name} f={f} t={t} />
      <h2 className="mb-2 mt-8 text-lg font-semibold text-slate-900">{t("stmt.byStore")}</h2>
      <StatementLines lines={s.lines} f={f} t={t} />
      <p className="mt-8 text-xs text-slate-500">
        {t("stmt.doc.generated", { date: formatDate(locale, now, s.info.program.timezone, { dateStyle: "long", timeStyle: "short" }), value: f.money(s.pointValue) })}
      </p>
    </article>
  );
}

// The partner's monthly settlement statement: month picker, the figures and the balance, lines by
// store, the CSV download and the printable page. The partner is the session's, never the request's.
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/admin/page-header";
import { ReplicaLag } from "@/components/admin/replica-lag";
import { formats } from "@/components/partner/analytics/format";
import { Stat } from "@/components/partner/analytics/stat";
import { StatementFigures } from "@/components/partner/statement-figures";
import { StatementLines } from "@/components/partner/statement-lines";
import { MonthPicker } from "@/components/partner/month-picker";
import { ButtonLink } from "@/components/ui/button";
import { Panel } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/states";
import { param, type SearchParams } from "@/lib/admin/table-params";
import { analyticsDb } from "@/lib/db/client";
import { getT, pageTitle } from "@/lib/i18n/server";
import { loadPartnerStatement } from "@/lib/partner/statement";
import { requirePartner } from "@/lib/partner/session";

export const generateMetadata = pageTitle("title.partner.statements");

export default async function PartnerStatementsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const me = await requirePartner();
  const s = await loadPartnerStatement(analyticsDb(), { partnerId: me.partnerId, month: param(await searchParams, "month") });
  if (!s) notFound();
  const { t, locale } = await getT(s.info.program.defaultLocale === "en" ? "en" : "ru");
  const f = formats(locale, s.info.program.currency);
  const m = s.month.month;
  const moved = s.totals.issued + s.totals.reclaimed + s.totals.redeemed + s.totals.refunded > 0;
  return (
    <>
      <PageHeader
        title={t("stmt.title")}
        description={t("stmt.lead", { partner: s.info.name, value: f.money(s.pointValue) })}
        actions={
          <>
            <ButtonLink href={`/partner/statements/csv?month=${m}`} prefetch={false} data-testid="statement-csv">
              {t("stmt.csv")}
            </ButtonLink>
            <ButtonLink href={`/partner/statements/print?month=${m}`} data-testid="statement-print">
              {t("stmt.print")}
            </ButtonLink>
          </>
        }
      />
      <ReplicaLag />
      <MonthPicker action="/partner/statements" month={m} months={s.months} locale={locale} t={t} />
      <div className="mt-4 grid grid-cols-2 gap-3 sm:gap-4 xl:grid-cols-4">
        <Stat testId="stmt-issued" label={t("stmt.netIssued")} value={f.num(s.totals.netIssued)} hint={t("stmt.owed")} />
        <Stat testId="stmt-owed" label={t("stmt.owed")} value={f.money(s.totals.owed)} />
        <Stat testId="stmt-redeemed" label={t("stmt.netRedeemed")} value={f.num(s.totals.netRedeemed)} hint={t("stmt.reimbursed")} />
        <Stat testId="stmt-reimbursed" label={t("stmt.reimbursed")} value={f.money(s.totals.reimbursed)} />
      </div>
      <div className="mt-6 grid gap-6 xl:grid-cols-2">
        <Panel title={t("stmt.balance")} id="statement" className="min-w-0">
          {!moved && <EmptyState title={t("stmt.empty")} />}
          <StatementFigures x={s.totals} partner={s.info.name} f={f} t={t} />
        </Panel>
        <Panel title={t("stmt.byStore")} id="statement-stores" className="min-w-0">
          <StatementLines lines={s.lines} f={f} t={t} />
        </Panel>
      </div>
    </>
  );
}

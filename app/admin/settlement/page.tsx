// Settlement: every partner's statement for a month and the program's own stores, their total,
// and whether it equals the program's ledger for the month. Owner and analyst.
import { DataTable } from "@/components/admin/data-table";
import { PageHeader } from "@/components/admin/page-header";
import { ReplicaLag } from "@/components/admin/replica-lag";
import { formats } from "@/components/partner/analytics/format";
import { MonthPicker } from "@/components/partner/month-picker";
import { MainPromo } from "@/components/partner/statement-lines";
import { ButtonLink } from "@/components/ui/button";
import { param, type SearchParams } from "@/lib/admin/table-params";
import { requirePermission } from "@/lib/auth/permissions";
import { analyticsDb } from "@/lib/db/client";
import { getT, pageTitle } from "@/lib/i18n/server";
import { loadSettlement } from "@/lib/settlement/console";
import type { SettlementFigures } from "@/lib/settlement/statement";

export const generateMetadata = pageTitle("title.console.settlement");

export default async function SettlementPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const staff = await requirePermission("settlement.view");
  const { t, locale } = await getT();
  const s = await loadSettlement(analyticsDb(), { programId: staff.programId, month: param(await searchParams, "month") });
  const f = formats(locale, s.program.currency);
  const cells = (x: SettlementFigures) => ({
    receipts: <span className="tabular-nums">{f.num(x.receipts)}</span>,
    issued: <span className="tabular-nums">{f.num(x.netIssued)}</span>,
    issuedSplit: <MainPromo main={x.issuedMain} promo={x.issuedPromo} f={f} />,
    redeemedSplit: <MainPromo main={x.redeemedMain} promo={x.redeemedPromo} f={f} />,
    owed: <span className="whitespace-nowrap tabular-nums">{f.money(x.owed)}</span>,
    redeemed: <span className="tabular-nums">{f.num(x.netRedeemed)}</span>,
    reimbursed: <span className="whitespace-nowrap tabular-nums">{f.money(x.reimbursed)}</span>,
    balance: <span className="whitespace-nowrap font-medium tabular-nums">{f.money(x.balance)}</span>,
  });
  const ledgerNet = { issued: f.num(s.ledger.issued - s.ledger.reclaimed), redeemed: f.num(s.ledger.redeemed - s.ledger.refunded) };
  return (
    <>
      <PageHeader
        title={t("settle.title")}
        description={t("settle.lead")}
        actions={
          <ButtonLink href={`/api/admin/settlement?month=${s.month.month}`} prefetch={false} data-testid="settlement-csv">
            {t("stmt.csv")}
          </ButtonLink>
        }
      />
      <ReplicaLag />
      <MonthPicker action="/admin/settlement" month={s.month.month} months={s.months} locale={locale} t={t} />
      <p
        role="status"
        data-testid="settlement-check"
        className={`my-4 rounded-lg px-4 py-3 text-sm ring-1 ${s.matches ? "bg-emerald-50 text-emerald-900 ring-emerald-200" : "bg-red-50 text-red-900 ring-red-200"}`}
      >
        {t(s.matches ? "settle.check.ok" : "settle.check.bad", ledgerNet)}
      </p>
      <DataTable
        caption={t("settle.title")}
        columns={[
          { id: "partner", header: t("stmt.col.partner") },
          { id: "receipts", header: t("stmt.col.receipts"), align: "right", hideBelow: "lg" },
          { id: "issued", header: t("stmt.col.issued"), align: "right", hideBelow: "md" },
          { id: "issuedSplit", header: t("stmt.col.issuedSplit"), align: "right", hideBelow: "lg" },
          { id: "owed", header: t("stmt.col.owed"), align: "right" },
          { id: "redeemed", header: t("stmt.col.redeemed"), align: "right", hideBelow: "md" },
          { id: "redeemedSplit", header: t("stmt.col.redeemedSplit"), align: "right", hideBelow: "lg" },
          { id: "reimbursed", header: t("stmt.col.reimbursed"), align: "right" },
          { id: "balance", header: t("stmt.col.balance"), align: "right" },
        ]}
        rows={[
          ...s.rows.map((r) => ({
            id: r.partnerId ?? "own",
            cells: {
              partner: (
                <span className="font-medium text-slate-900" data-testid="settlement-row">
                  {r.name ?? t("stmt.own")}
                  {r.code && <span className="block text-xs font-normal text-slate-500">{r.code}</span>}
                </span>
              ),
              ...cells(r),
            },
          })),
          { id: "total", cells: { partner: <span className="font-bold text-slate-900">{t("stmt.total")}</span>, ...cells(s.totals) } },
        ]}
      />
    </>
  );
}

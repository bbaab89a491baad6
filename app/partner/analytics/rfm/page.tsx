// One cell of the RFM grid: its customers as the partner may see them (first name, masked phone),
// with their last receipt, receipts and revenue at the partner's stores, each opening its customer
// card (/partner/customers/[ref]). Scores outside 1–5 are a 404.
import Link from "next/link";
import { notFound } from "next/navigation";
import { DataTable } from "@/components/admin/data-table";
import { PageHeader } from "@/components/admin/page-header";
import { ReplicaLag } from "@/components/admin/replica-lag";
import { formats } from "@/components/partner/analytics/format";
import { EmptyState } from "@/components/ui/states";
import { param, parseTableParams, type SearchParams } from "@/lib/admin/table-params";
import { analyticsDb, db } from "@/lib/db/client";
import { getT, pageTitle } from "@/lib/i18n/server";
import { formatDate } from "@/lib/i18n/translate";
import { listRfmCell } from "@/lib/partner/analytics/rfm";
import { partnerInfo } from "@/lib/partner/partner-info";
import { requirePartner } from "@/lib/partner/session";

export const generateMetadata = pageTitle("title.partner.rfmCell");

const score = (v: string | undefined) => (v && /^[1-5]$/.test(v) ? Number(v) : null);

export default async function RfmCellPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const me = await requirePartner();
  const info = await partnerInfo(db(), me.partnerId);
  if (!info) notFound();
  const sp = await searchParams;
  const r = score(param(sp, "r"));
  const f = score(param(sp, "f"));
  if (r === null || f === null) notFound();
  const { t, locale } = await getT(info.program.defaultLocale === "en" ? "en" : "ru");
  const tp = parseTableParams(sp, { sortable: ["revenue"] as const, defaultSort: { id: "revenue", desc: true } });
  const list = await listRfmCell(analyticsDb(), { partnerId: me.partnerId, r, f, offset: tp.offset, limit: tp.pageSize });
  const fmt = formats(locale, info.program.currency);
  return (
    <>
      <PageHeader title={t("pan.rfmCell.title", { r, f })} description={t("pan.rfmCell.lead", { r, f })} back={{ href: "/partner/analytics?tab=rfm", label: t("pan.title") }} />
      <ReplicaLag />
      <DataTable
        caption={t("pan.rfmCell.title", { r, f })}
        page={tp.page}
        pageSize={tp.pageSize}
        total={list.total}
        empty={<EmptyState title={t("pan.rfmCell.empty")} text={t("pan.rfmCell.emptyHint")} />}
        columns={[
          { id: "member", header: t("pan.col.member") },
          { id: "last", header: t("pan.col.last"), hideBelow: "sm" },
          { id: "receipts", header: t("pan.col.receipts"), align: "right" },
          { id: "revenue", header: t("pan.col.revenue"), align: "right" },
        ]}
        rows={list.rows.map((m, i) => ({
          id: m.ref,
          href: `/partner/customers/${m.ref}`,
          cells: {
            member: (
              <Link href={`/partner/customers/${m.ref}`} data-testid="rfm-member" className="hover:underline">
                <span className="font-medium text-slate-900">{m.member.firstName ?? "—"}</span>
                <span className="block whitespace-nowrap text-xs text-slate-600">{m.member.phone}</span>
              </Link>
            ),
            last: <span className="whitespace-nowrap">{formatDate(locale, m.last, info.program.timezone, { dateStyle: "medium" })}</span>,
            receipts: <span className="tabular-nums">{fmt.num(m.receipts)}</span>,
            revenue: <span className="whitespace-nowrap tabular-nums">{fmt.money(m.revenue)}</span>,
          },
        }))}
      />
    </>
  );
}

// The partner's receipts: server-side paging, filters by store and dates, search by number.
import Link from "next/link";
import { notFound } from "next/navigation";
import { DataTable } from "@/components/admin/data-table";
import { FilterBar } from "@/components/admin/filter-bar";
import { SelectField, TextField } from "@/components/admin/form-field";
import { PageHeader } from "@/components/admin/page-header";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/states";
import { param, parseTableParams, type SearchParams } from "@/lib/admin/table-params";
import { db } from "@/lib/db/client";
import { getT, pageTitle } from "@/lib/i18n/server";
import { formatDate, formatMoney, formatNumber } from "@/lib/i18n/translate";
import { partnerInfo } from "@/lib/partner/partner-info";
import { dayStart } from "@/lib/time";
import { listPartnerReceipts, RECEIPT_SORTS } from "@/lib/partner/receipts";
import { requirePartner } from "@/lib/partner/session";
import { partnerStoreOptions } from "@/lib/partner/stores";
import { ReceiptStatus } from "@/components/partner/receipt-status";

export const generateMetadata = pageTitle("title.partner.receipts");

export default async function PartnerReceiptsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const me = await requirePartner();
  const info = await partnerInfo(db(), me.partnerId);
  if (!info) notFound();
  const { t, locale } = await getT(info.program.defaultLocale === "en" ? "en" : "ru");
  const sp = await searchParams;
  const tp = parseTableParams(sp, { sortable: RECEIPT_SORTS, defaultSort: { id: "at", desc: true } });
  const tz = info.program.timezone;
  const filters = { store: param(sp, "store"), from: param(sp, "from"), to: param(sp, "to"), q: param(sp, "q")?.slice(0, 64) };
  const [stores, list] = await Promise.all([
    partnerStoreOptions(db(), me.partnerId),
    listPartnerReceipts(db(), {
      partnerId: me.partnerId,
      storeId: filters.store ?? null,
      from: dayStart(tz, filters.from),
      to: dayStart(tz, filters.to, 1),
      number: filters.q ?? null,
      offset: tp.offset,
      limit: tp.pageSize,
      sort: tp.sort,
    }),
  ]);
  const money = (minor: number) => formatMoney(locale, minor, info.program.currency);
  const signed = (x: number, sign: string) => (x ? `${sign}${formatNumber(locale, x)}` : "0");

  return (
    <>
      <PageHeader title={t("partner.receipts.title")} description={t("partner.receipts.lead")} />
      <FilterBar action="/partner/receipts" applyLabel={t("partner.receipts.apply")} resetLabel={t("partner.receipts.reset")} keep={{ sort: param(sp, "sort"), size: param(sp, "size") }}>
        <TextField label={t("partner.receipts.number")} name="q" type="search" defaultValue={filters.q ?? ""} placeholder={t("partner.receipts.numberPlaceholder")} maxLength={64} />
        <SelectField
          label={t("partner.receipts.store")}
          name="store"
          defaultValue={filters.store ?? ""}
          placeholder={t("partner.receipts.allStores")}
          options={stores.map((s) => ({ value: s.id, label: s.name }))}
        />
        <TextField label={t("partner.receipts.from")} name="from" type="date" defaultValue={filters.from ?? ""} />
        <TextField label={t("partner.receipts.to")} name="to" type="date" defaultValue={filters.to ?? ""} />
      </FilterBar>
      <DataTable
        caption={t("partner.receipts.title")}
        sort={tp.sort}
        page={tp.page}
        pageSize={tp.pageSize}
        total={list.total}
        empty={<EmptyState title={t("partner.receipts.empty")} text={t("partner.receipts.emptyHint")} />}
        columns={[
          { id: "number", header: t("partner.col.number"), sortable: true },
          { id: "at", header: t("partner.col.date"), sortable: true, hideBelow: "sm" },
          { id: "store", header: t("partner.col.store"), hideBelow: "lg" },
          { id: "member", header: t("partner.col.member"), hideBelow: "md" },
          { id: "amount", header: t("partner.col.amount"), sortable: true, align: "right" },
          { id: "points", header: `${t("partner.col.issued")} / ${t("partner.col.redeemed")}`, align: "right", hideBelow: "md" },
          { id: "status", header: t("partner.col.status"), hideBelow: "sm" },
        ]}
        rows={list.rows.map((r) => ({
          id: r.id,
          href: `/partner/receipts/${r.id}`,
          cells: {
            number: (
              <Link href={`/partner/receipts/${r.id}`} className="font-medium text-slate-900 hover:underline" data-testid="receipt-link">
                {r.number}
                <span className="block text-xs font-normal text-slate-500 sm:hidden">{formatDate(locale, r.at, r.store.timezone, { dateStyle: "short", timeStyle: "short" })}</span>
                <span className="block text-xs font-normal text-slate-500 md:hidden">{r.member ? `${r.member.firstName ?? "—"} · ${r.member.phone ?? ""}` : t("partner.receipts.anonymous")}</span>
              </Link>
            ),
            at: <span className="whitespace-nowrap">{formatDate(locale, r.at, r.store.timezone, { dateStyle: "medium", timeStyle: "short" })}</span>,
            store: r.store.name,
            member: r.member ? (
              <span>
                {r.member.firstName ?? "—"}
                <span className="block whitespace-nowrap text-xs text-slate-500">{r.member.phone}</span>
              </span>
            ) : (
              <span className="text-slate-500">{t("partner.receipts.anonymous")}</span>
            ),
            amount: (
              <span className="whitespace-nowrap tabular-nums">
                {money(r.amount - r.discount)}
                <span className="mt-1 flex justify-end sm:hidden">
                  <ReceiptStatus status={r.status} t={t} />
                </span>
              </span>
            ),
            points: (
              <span className="whitespace-nowrap tabular-nums">
                <span className="text-emerald-700">{signed(r.pointsEarned, "+")}</span> / <span className="text-amber-700">{signed(r.pointsRedeemed, "−")}</span>
              </span>
            ),
            status: (
              <span className="flex flex-wrap gap-1">
                <ReceiptStatus status={r.status} t={t} />
                {r.returns > 0 && <Badge tone="amber">{t("partner.receipts.returnsBadge", { count: r.returns })}</Badge>}
                {r.offline && <Badge>{t("partner.receipts.offline")}</Badge>}
              </span>
            ),
          },
        }))}
      />
    </>
  );
}

// The partner's customers: members who bought at its stores, searchable and paged on the server,
// narrowed by one of its saved groups; the groups themselves; CSV of what is shown.
import Link from "next/link";
import { notFound } from "next/navigation";
import { DataTable } from "@/components/admin/data-table";
import { FilterBar } from "@/components/admin/filter-bar";
import { TextField } from "@/components/admin/form-field";
import { PageHeader } from "@/components/admin/page-header";
import { FlashToast } from "@/components/admin/toast";
import { ButtonLink, buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/states";
import { param, parseTableParams, type SearchParams } from "@/lib/admin/table-params";
import { analyticsDb, db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { getT, pageTitle } from "@/lib/i18n/server";
import { formatDate, formatMoney, formatNumber } from "@/lib/i18n/translate";
import { CUSTOMER_SORTS, listPartnerCustomers } from "@/lib/partner/customers";
import { partnerInfo } from "@/lib/partner/partner-info";
import { getPartnerGroup, listPartnerGroups, partnerSegmentContext } from "@/lib/partner/segments";
import { requirePartner } from "@/lib/partner/session";

export const generateMetadata = pageTitle("title.partner.customers");

export default async function PartnerCustomersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const me = await requirePartner();
  const info = await partnerInfo(db(), me.partnerId);
  if (!info) notFound();
  const { t, locale } = await getT(info.program.defaultLocale === "en" ? "en" : "ru");
  const sp = await searchParams;
  const tp = parseTableParams(sp, { sortable: CUSTOMER_SORTS, defaultSort: { id: "last", desc: true } });
  const groupId = param(sp, "group");
  const q = param(sp, "q")?.slice(0, 64);
  const [groups, group, ctx] = await Promise.all([
    listPartnerGroups(db(), me.partnerId, locale),
    // Another partner's group id is a 404, like an unknown one.
    groupId
      ? getPartnerGroup(db(), me.partnerId, groupId, locale).catch((e) => {
          if (e instanceof AppError && e.code === "not_found") notFound();
          throw e;
        })
      : null,
    partnerSegmentContext(db(), me),
  ]);
  const list = await listPartnerCustomers(analyticsDb(), { partnerId: me.partnerId, ctx, definition: group?.definition, q, offset: tp.offset, limit: tp.pageSize, sort: tp.sort });
  const tz = info.program.timezone;
  const money = (minor: number) => formatMoney(locale, minor, info.program.currency);
  const day = (d: Date) => formatDate(locale, d, tz, { dateStyle: "medium" });
  const exportQuery = new URLSearchParams({ ...(group ? { group: group.id } : {}), ...(q ? { q } : {}) }).toString();
  const chip = (active: boolean) =>
    `inline-flex items-center rounded-full px-3 py-1.5 text-sm font-medium ring-1 ring-inset ${active ? "bg-brand-600 text-white ring-brand-600" : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50"}`;

  return (
    <>
      {param(sp, "created") && <FlashToast message={t("partner.groups.created")} />}
      <PageHeader
        title={t("partner.customers.title")}
        description={t("partner.customers.lead")}
        actions={
          <>
            <ButtonLink href="/partner/customers/groups/new">{t("partner.groups.new")}</ButtonLink>
            <a href={`/api/partner/customers/export${exportQuery ? `?${exportQuery}` : ""}`} download className={buttonClass("primary", "md")} data-testid="customers-export">
              {t("partner.customers.export")}
            </a>
          </>
        }
      />
      <nav aria-label={t("partner.groups.title")} className="mb-4 flex flex-wrap items-center gap-2">
        <span className="mr-1 text-sm font-medium text-slate-600">{t("partner.groups.title")}:</span>
        <Link href="/partner/customers" className={chip(!group)} aria-current={!group ? "page" : undefined}>
          {t("partner.groups.all")}
        </Link>
        {groups.map((g) => (
          <Link key={g.id} href={`/partner/customers?group=${g.id}`} className={chip(group?.id === g.id)} aria-current={group?.id === g.id ? "page" : undefined} data-testid="group-chip">
            {g.name}
          </Link>
        ))}
        {group && (
          <Link href={`/partner/customers/groups/${group.id}`} className="ml-1 text-sm font-medium text-brand-700 hover:underline">
            {t("partner.groups.edit")}
          </Link>
        )}
      </nav>
      <FilterBar
        action="/partner/customers"
        applyLabel={t("partner.customers.apply")}
        resetLabel={t("partner.customers.reset")}
        keep={{ group: group?.id, sort: param(sp, "sort"), size: param(sp, "size") }}
      >
        <TextField label={t("partner.customers.search")} name="q" type="search" defaultValue={q ?? ""} placeholder={t("partner.customers.searchPlaceholder")} maxLength={64} />
      </FilterBar>
      <p className="mb-2 text-sm text-slate-600" data-testid="customers-count">
        {t("partner.customers.count", { count: formatNumber(locale, list.total) })}
      </p>
      <DataTable
        caption={t("partner.customers.title")}
        sort={tp.sort}
        page={tp.page}
        pageSize={tp.pageSize}
        total={list.total}
        empty={<EmptyState title={t("partner.customers.empty")} text={t("partner.customers.emptyHint")} />}
        columns={[
          { id: "name", header: t("partner.customers.col.member"), sortable: true },
          { id: "receipts", header: t("partner.customers.col.receipts"), sortable: true, align: "right", hideBelow: "sm" },
          { id: "spend", header: t("partner.customers.col.spend"), sortable: true, align: "right" },
          { id: "points", header: t("partner.customers.col.points"), align: "right", hideBelow: "md" },
          { id: "last", header: t("partner.customers.col.last"), sortable: true, hideBelow: "sm" },
          { id: "first", header: t("partner.customers.col.first"), hideBelow: "lg" },
        ]}
        rows={list.rows.map((r) => ({
          id: r.ref,
          href: `/partner/customers/${r.ref}`,
          cells: {
            name: (
              <Link href={`/partner/customers/${r.ref}`} className="font-medium text-slate-900 hover:underline" data-testid="customer-link">
                {r.firstName ?? t("partner.customers.noName")}
                <span className="block whitespace-nowrap text-xs font-normal text-slate-500">{r.phone ?? "—"}</span>
                <span className="block text-xs font-normal text-slate-500 sm:hidden">{day(r.lastAt)}</span>
              </Link>
            ),
            receipts: <span className="tabular-nums">{formatNumber(locale, r.receipts)}</span>,
            spend: <span className="whitespace-nowrap tabular-nums">{money(r.spend)}</span>,
            points: (
              <span className="whitespace-nowrap tabular-nums">
                <span className="text-emerald-700">+{formatNumber(locale, r.pointsEarned)}</span> / <span className="text-amber-700">−{formatNumber(locale, r.pointsRedeemed)}</span>
              </span>
            ),
            last: <span className="whitespace-nowrap">{day(r.lastAt)}</span>,
            first: <span className="whitespace-nowrap">{day(r.firstAt)}</span>,
          },
        }))}
      />
    </>
  );
}

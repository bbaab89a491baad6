// Customers: one search box (phone, email, card, name), filters, server-side sort and paging.
import Link from "next/link";
import { ContactsCell } from "@/components/admin/contacts-cell";
import { DataTable } from "@/components/admin/data-table";
import { FilterBar } from "@/components/admin/filter-bar";
import { SelectField, TextField } from "@/components/admin/form-field";
import { PageHeader } from "@/components/admin/page-header";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/states";
import { requirePermission } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { getT, pageTitle } from "@/lib/i18n/server";
import { formatDate, formatNumber } from "@/lib/i18n/translate";
import { CUSTOMER_SORTS, REGISTRATION_CHANNELS, searchCustomers, type Channel } from "@/lib/admin/customer-search";
import { programInfo } from "@/lib/admin/program-info";
import { dayStart } from "@/lib/time";
import { param, parseTableParams, type SearchParams } from "@/lib/admin/table-params";
import { countOpenDeletionRequests } from "@/lib/admin/deletion-requests";

export const generateMetadata = pageTitle("title.console.customers");

export default async function CustomersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const staff = await requirePermission("customers.view");
  const { t, locale } = await getT();
  const sp = await searchParams;
  const program = await programInfo(db(), staff.programId, locale);
  const table = parseTableParams(sp, { sortable: CUSTOMER_SORTS, defaultSort: { id: "createdAt", desc: true }, pageSize: 25, maxPage: 400 });
  const q = param(sp, "q");
  const statusRaw = param(sp, "status");
  const status = statusRaw === "active" || statusRaw === "blocked" ? statusRaw : undefined;
  const tierRaw = param(sp, "tier");
  const tier = program.tiers.some((x) => x.code === tierRaw) ? tierRaw : undefined;
  const channelRaw = param(sp, "channel");
  const channel = (REGISTRATION_CHANNELS as readonly string[]).includes(channelRaw ?? "") ? (channelRaw as Channel) : undefined;
  const from = param(sp, "from");
  const to = param(sp, "to");
  const result = await searchCustomers(
    db(),
    staff.programId,
    { q, status, tier, entryTier: program.tiers[0]?.code, channel, createdFrom: dayStart(program.timezone, from), createdTo: dayStart(program.timezone, to, 1) },
    { sort: table.sort, limit: table.pageSize, offset: table.offset },
  );
  const deletionRequests = await countOpenDeletionRequests(db(), staff.programId);
  const tierName = new Map(program.tiers.map((x) => [x.code, x.name]));
  const filtered = !!(q || status || tier || channel || from || to);

  return (
    <>
      <PageHeader
        title={t("console.customers.title")}
        description={t("console.customers.lead")}
        actions={
          <Link href="/admin/customers/deletion-requests" className="text-sm font-medium text-brand-700 hover:underline">
            {t("console.customers.deletionRequests", { count: formatNumber(locale, deletionRequests) })}
          </Link>
        }
      />
      <FilterBar action="/admin/customers" applyLabel={t("console.common.apply")} resetLabel={t("console.common.reset")} keep={{ sort: param(sp, "sort") }}>
        <TextField className="sm:col-span-2" label={t("console.customers.search")} name="q" type="search" defaultValue={q} placeholder={t("console.customers.searchPlaceholder")} autoComplete="off" />
        <SelectField
          label={t("console.customers.status")}
          name="status"
          defaultValue={status ?? ""}
          placeholder={t("console.common.any")}
          options={[
            { value: "active", label: t("console.customers.status.active") },
            { value: "blocked", label: t("console.customers.status.blocked") },
          ]}
        />
        <SelectField
          label={t("console.customers.tier")}
          name="tier"
          defaultValue={tier ?? ""}
          placeholder={t("console.common.any")}
          options={program.tiers.map((x) => ({ value: x.code, label: x.name }))}
        />
        <SelectField
          label={t("console.customers.channel")}
          name="channel"
          defaultValue={channel ?? ""}
          placeholder={t("console.common.any")}
          options={REGISTRATION_CHANNELS.map((c) => ({ value: c, label: t(`console.channel.${c}`) }))}
        />
        <div className="grid grid-cols-2 gap-2 sm:col-span-2">
          <TextField label={t("console.customers.from")} name="from" type="date" defaultValue={from} />
          <TextField label={t("console.customers.to")} name="to" type="date" defaultValue={to} />
        </div>
      </FilterBar>
      <DataTable
        caption={t("console.customers.title")}
        sort={table.sort}
        page={table.page}
        pageSize={table.pageSize}
        total={result.total}
        totalCapped={result.totalCapped}
        hasNext={result.hasNext}
        columns={[
          { id: "name", header: t("console.customers.col.name"), sortable: true },
          { id: "phone", header: t("console.customers.col.contacts") },
          { id: "card", header: t("console.customers.col.card"), hideBelow: "lg" },
          { id: "tier", header: t("console.customers.col.tier"), hideBelow: "md" },
          { id: "balance", header: t("console.customers.col.balance"), align: "right" },
          { id: "createdAt", header: t("console.customers.col.created"), sortable: true, hideBelow: "sm" },
        ]}
        rows={result.rows.map((r) => ({
          id: r.id,
          href: `/admin/customers/${r.id}`,
          cells: {
            name: (
              <div className="min-w-0">
                <Link href={`/admin/customers/${r.id}`} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
                  {[r.lastName, r.firstName].filter(Boolean).join(" ") || t("console.customers.noName")}
                </Link>
                <div className="mt-0.5 flex flex-wrap gap-1">
                  {r.status === "blocked" && <Badge tone="red">{t("console.customers.status.blocked")}</Badge>}
                  <span className="text-xs text-slate-500">{t(`console.channel.${r.registrationChannel}`)}</span>
                </div>
              </div>
            ),
            phone: <ContactsCell phone={r.phone} email={r.email} />,
            card: <span className="font-mono text-xs">{r.cardNumber ?? "—"}</span>,
            tier: r.tierCode ? <Badge tone="brand">{tierName.get(r.tierCode) ?? r.tierCode}</Badge> : <span className="text-xs text-slate-500">{program.tiers[0]?.name ?? "—"}</span>,
            balance: <span className="tabular-nums font-medium">{formatNumber(locale, r.available)}</span>,
            createdAt: <span className="whitespace-nowrap text-slate-600">{formatDate(locale, r.createdAt, program.timezone, { dateStyle: "medium" })}</span>,
          },
        }))}
        empty={<EmptyState title={filtered ? t("console.customers.emptyFiltered") : t("console.customers.empty")} text={filtered ? t("console.customers.emptyFilteredHint") : undefined} />}
      />
    </>
  );
}

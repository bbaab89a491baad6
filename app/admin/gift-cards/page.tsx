// Gift certificates: the liability, issuing printed batches, and every certificate with filters.
import Link from "next/link";
import { DataTable } from "@/components/admin/data-table";
import { FilterBar } from "@/components/admin/filter-bar";
import { SelectField, TextField } from "@/components/admin/form-field";
import { Facts, PageHeader } from "@/components/admin/page-header";
import { Panel } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/states";
import { programInfo } from "@/lib/admin/program-info";
import { param, parseTableParams, type SearchParams } from "@/lib/admin/table-params";
import { requirePermission } from "@/lib/auth/permissions";
import { now } from "@/lib/clock";
import { db } from "@/lib/db/client";
import { giftCardLiability, listBatches, listGiftCards } from "@/lib/giftcards/console";
import type { GiftCardViewStatus } from "@/lib/giftcards/pos";
import { getT, pageTitle } from "@/lib/i18n/server";
import { formatDate, formatMoney, formatNumber } from "@/lib/i18n/translate";
import { IssueBatchForm } from "./issue-batch-form";
import { StatusBadge } from "./status";

export const generateMetadata = pageTitle("title.console.giftCards");

const STATUSES: GiftCardViewStatus[] = ["active", "used", "printed", "expired", "blocked"];

export default async function GiftCardsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const staff = await requirePermission("giftcards.manage");
  const { t, locale } = await getT();
  const sp = await searchParams;
  const program = await programInfo(db(), staff.programId, locale);
  const table = parseTableParams(sp, { sortable: ["created"] as const, defaultSort: { id: "created", desc: true }, pageSize: 50, maxPage: 1000 });
  const statusParam = param(sp, "status");
  const filters = {
    status: STATUSES.includes(statusParam as GiftCardViewStatus) ? (statusParam as GiftCardViewStatus) : undefined,
    q: param(sp, "q")?.slice(0, 32),
    batchId: param(sp, "batch"),
  };
  const [list, liability, batches] = await Promise.all([
    listGiftCards(db(), staff.programId, filters, { limit: table.pageSize, offset: table.offset }),
    giftCardLiability(db(), staff.programId),
    listBatches(db(), staff.programId),
  ]);
  const money = (minor: number) => formatMoney(locale, minor, program.currency);
  const date = (d: Date) => formatDate(locale, d, program.timezone, { dateStyle: "medium" });
  const filtered = Object.values(filters).some(Boolean);
  const nextYear = new Date(now().getTime() + 365 * 86_400_000).toISOString().slice(0, 10);

  return (
    <>
      <PageHeader title={t("console.giftCards.title")} description={t("console.giftCards.lead")} />
      <div className="grid gap-6 xl:grid-cols-3">
        <Panel title={t("console.giftCards.liability")}>
          <p data-testid="giftcards-liability" className="text-2xl font-bold tabular-nums text-slate-900">
            {money(liability.amount)}
          </p>
          <p className="mt-1 text-sm text-slate-600">{t("console.giftCards.liabilityHint", { count: formatNumber(locale, liability.cards) })}</p>
        </Panel>
        <Panel title={t("console.giftCards.issue")} className="xl:col-span-2">
          <p className="mb-3 text-sm text-slate-600">{t("console.giftCards.issueLead")}</p>
          <IssueBatchForm defaultExpiry={nextYear} />
        </Panel>
      </div>

      {batches.length > 0 && (
        <Panel title={t("console.giftCards.batches")} className="mt-6">
          <Facts
            items={batches.slice(0, 6).map((b) => ({
              label: <Link className="text-brand-700 underline" href={`/admin/gift-cards?batch=${b.id}`}>{`${date(b.createdAt)} · ${money(b.amount)}`}</Link>,
              value: t("console.giftCards.batchSold", { sold: formatNumber(locale, b.sold), count: formatNumber(locale, b.count) }),
            }))}
          />
        </Panel>
      )}

      <div className="mt-6">
        <FilterBar action="/admin/gift-cards" applyLabel={t("console.common.apply")} resetLabel={t("console.common.reset")}>
          <SelectField
            label={t("console.giftCards.status")}
            name="status"
            defaultValue={filters.status ?? ""}
            placeholder={t("console.common.any")}
            options={STATUSES.map((s) => ({ value: s, label: t(`console.giftCards.status.${s}`) }))}
          />
          <TextField label={t("console.giftCards.search")} name="q" defaultValue={filters.q} inputMode="numeric" placeholder="77…" />
          {filters.batchId && <input type="hidden" name="batch" value={filters.batchId} />}
        </FilterBar>
        <DataTable
          caption={t("console.giftCards.title")}
          sort={table.sort}
          page={table.page}
          pageSize={table.pageSize}
          total={list.total}
          columns={[
            { id: "number", header: t("console.giftCards.number") },
            { id: "status", header: t("console.giftCards.status") },
            { id: "amount", header: t("console.giftCards.faceValue"), align: "right", hideBelow: "sm" },
            { id: "balance", header: t("console.giftCards.balance"), align: "right" },
            { id: "store", header: t("console.giftCards.store"), hideBelow: "lg" },
            { id: "expires", header: t("console.giftCards.expiresAt"), hideBelow: "md" },
          ]}
          rows={list.rows.map((r) => ({
            id: r.id,
            href: `/admin/gift-cards/${r.id}`,
            cells: {
              number: (
                <Link href={`/admin/gift-cards/${r.id}`} className="font-mono text-sm font-medium text-brand-700 underline">
                  {r.number}
                </Link>
              ),
              status: <StatusBadge status={r.status} pinLocked={r.pinLocked} t={t} />,
              amount: <span className="tabular-nums">{money(r.amount)}</span>,
              balance: <span className="tabular-nums">{money(r.balance)}</span>,
              store: r.storeName ? `${r.storeName}${r.soldAt ? ` · ${date(r.soldAt)}` : ""}` : "—",
              expires: date(r.expiresAt),
            },
          }))}
          empty={<EmptyState title={filtered ? t("console.giftCards.emptyFiltered") : t("console.giftCards.empty")} />}
        />
      </div>
    </>
  );
}

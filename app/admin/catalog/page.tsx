// Experience catalog: the items (price, stock, minimum status, window, vouchers issued/used)
// and the latest redemptions with "mark used" and "cancel".
import Link from "next/link";
import { RefreshingActionButton as ActionButton } from "@/components/admin/catalog/refresh-button";
import { ButtonLink } from "@/components/ui/button";
import { DataTable } from "@/components/admin/data-table";
import { FilterBar } from "@/components/admin/filter-bar";
import { SelectField, TextField } from "@/components/admin/form-field";
import { PageHeader } from "@/components/admin/page-header";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/states";
import { programInfo } from "@/lib/admin/program-info";
import { can, requirePermission } from "@/lib/auth/permissions";
import { itemTitle, listCatalogItems, listRedemptions } from "@/lib/catalog";
import { db } from "@/lib/db/client";
import { getT, pageTitle } from "@/lib/i18n/server";
import { formatDate, formatNumber } from "@/lib/i18n/translate";
import { cancelVoucher, markVoucherUsed } from "./actions";

export const generateMetadata = pageTitle("title.console.catalog");
const STATUSES = ["issued", "used", "cancelled"] as const;

export default async function CatalogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const staff = await requirePermission("catalog.view");
  const { t, locale } = await getT();
  const sp = await searchParams;
  const status = STATUSES.find((s) => s === sp.status);
  const voucher = typeof sp.voucher === "string" ? sp.voucher.slice(0, 40) : undefined;
  const page = Math.min(200, Math.max(1, Number(sp.page) || 1));
  const [program, items, redemptions] = await Promise.all([
    programInfo(db(), staff.programId, locale),
    listCatalogItems(db(), staff.programId),
    listRedemptions(db(), staff.programId, { status, voucher, page, pageSize: 25 }),
  ]);
  const tierName = new Map(program.tiers.map((x) => [x.code, x.name]));
  const date = (d: Date) => formatDate(locale, d, program.timezone, { dateStyle: "medium" });
  const title = (i: { title: string; titleRu: string | null }) => itemTitle(i, locale);
  const canEdit = can(staff.role, "catalog.edit");
  const canManage = can(staff.role, "redemptions.manage");

  return (
    <>
      <PageHeader
        title={t("cat.title")}
        description={t("cat.lead")}
        actions={
          canEdit ? (
            <ButtonLink href="/admin/catalog/new" variant="primary">
              + {t("cat.new")}
            </ButtonLink>
          ) : undefined
        }
      />
      {items.length === 0 ? (
        <EmptyState
          title={t("cat.empty")}
          text={t("cat.emptyText")}
          action={
            canEdit ? (
              <ButtonLink href="/admin/catalog/new" variant="primary">
                {t("cat.new")}
              </ButtonLink>
            ) : undefined
          }
        />
      ) : (
        <DataTable
          caption={t("cat.title")}
          columns={[
            { id: "item", header: t("cat.col.item") },
            { id: "price", header: t("cat.col.price"), align: "right" },
            { id: "stock", header: t("cat.col.stock"), align: "right", hideBelow: "sm" },
            { id: "tier", header: t("cat.col.tier"), hideBelow: "md" },
            { id: "window", header: t("cat.col.window"), hideBelow: "lg" },
            { id: "vouchers", header: t("cat.col.vouchers"), align: "right", hideBelow: "md" },
            { id: "state", header: t("cat.col.state") },
          ]}
          rows={items.map((i) => ({
            id: i.id,
            href: `/admin/catalog/${i.id}`,
            cells: {
              item: (
                <Link href={`/admin/catalog/${i.id}`} className="font-medium text-slate-900 hover:underline">
                  {title(i)}
                  <span className="block text-xs font-normal text-slate-500">{i.code}</span>
                </Link>
              ),
              price: formatNumber(locale, i.pointsPrice),
              stock: i.stock === null ? t("cat.unlimited") : formatNumber(locale, i.stock),
              tier: i.minTierCode ? (tierName.get(i.minTierCode) ?? i.minTierCode) : "—",
              window: i.availableFrom || i.availableUntil ? `${i.availableFrom ? date(i.availableFrom) : "…"} – ${i.availableUntil ? date(i.availableUntil) : "…"}` : t("cat.always"),
              vouchers: `${formatNumber(locale, i.redemptions.issued + i.redemptions.used)} / ${formatNumber(locale, i.redemptions.used)}`,
              state: i.active ? <Badge tone="green">{t("cat.active")}</Badge> : <Badge>{t("cat.inactive")}</Badge>,
            },
          }))}
        />
      )}

      <h2 className="mb-3 mt-10 text-lg font-semibold text-slate-900">{t("cat.redemptions")}</h2>
      <FilterBar action="/admin/catalog" applyLabel={t("console.common.apply")} resetLabel={t("console.common.reset")}>
        <SelectField
          label={t("cat.r.filter")}
          name="status"
          defaultValue={status ?? ""}
          placeholder={t("console.common.any")}
          options={STATUSES.map((s) => ({ value: s, label: t(`cat.r.status.${s}`) }))}
        />
        <TextField label={t("cat.r.search")} name="voucher" defaultValue={voucher} autoComplete="off" />
      </FilterBar>
      <DataTable
        caption={t("cat.redemptions")}
        page={redemptions.page}
        pageSize={redemptions.pageSize}
        total={redemptions.total}
        empty={<p className="text-center text-sm text-slate-500">{t("cat.r.empty")}</p>}
        columns={[
          { id: "voucher", header: t("cat.r.voucher") },
          { id: "customer", header: t("cat.r.customer") },
          { id: "item", header: t("cat.r.item"), hideBelow: "md" },
          { id: "points", header: t("cat.r.points"), align: "right", hideBelow: "sm" },
          { id: "date", header: t("cat.r.date"), hideBelow: "lg" },
          { id: "status", header: t("cat.r.status") },
          { id: "actions", header: "", align: "right" },
        ]}
        rows={redemptions.items.map((r) => ({
          id: r.id,
          cells: {
            voucher: <code className="text-xs font-semibold">{r.voucherCode}</code>,
            customer: r.customer ? (
              <Link href={`/admin/customers/${r.customer.id}`} className="hover:underline">
                {[r.customer.firstName, r.customer.lastName].filter(Boolean).join(" ") || r.customer.phone}
              </Link>
            ) : (
              "—"
            ),
            item: title(r.item),
            points: formatNumber(locale, r.pointsSpent),
            date: formatDate(locale, r.createdAt, program.timezone, { dateStyle: "medium", timeStyle: "short" }),
            status: <Badge tone={r.status === "issued" ? "blue" : r.status === "used" ? "green" : "neutral"}>{t(`cat.r.status.${r.status}`)}</Badge>,
            actions:
              canManage && r.status === "issued" ? (
                <span className="flex justify-end gap-2">
                  <ActionButton
                    action={markVoucherUsed}
                    fields={{ id: r.id }}
                    confirm={{ title: t("cat.r.markUsedTitle"), text: t("cat.r.markUsedText"), confirmLabel: t("cat.r.markUsed"), danger: false }}
                  >
                    {t("cat.r.markUsed")}
                  </ActionButton>
                  <ActionButton action={cancelVoucher} fields={{ id: r.id }} variant="ghost" confirm={{ title: t("cat.r.cancelTitle"), text: t("cat.r.cancelText"), confirmLabel: t("cat.r.cancel") }}>
                    {t("cat.r.cancel")}
                  </ActionButton>
                </span>
              ) : null,
          },
        }))}
      />
    </>
  );
}

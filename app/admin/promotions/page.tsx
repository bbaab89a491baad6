// Promotions: every promotion with its status (read against its dates), mode, dates, what it
// gives, budgets used and uses; filtered by status. Marketers and the owner create new ones.
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { DataTable } from "@/components/admin/data-table";
import { FilterBar } from "@/components/admin/filter-bar";
import { SelectField } from "@/components/admin/form-field";
import { PageHeader } from "@/components/admin/page-header";
import { BudgetBar, PromotionStatusBadge, PromotionTabs } from "@/components/admin/promotions/parts";
import { EmptyState } from "@/components/ui/states";
import { programZone } from "@/lib/admin/program-info";
import { param, type SearchParams } from "@/lib/admin/table-params";
import { can, requirePermission } from "@/lib/auth/permissions";
import { now } from "@/lib/clock";
import { db } from "@/lib/db/client";
import { getT, pageTitle } from "@/lib/i18n/server";
import { formatDate, formatMoney, formatNumber } from "@/lib/i18n/translate";
import { budgetShare, listPromotions, VIEW_STATUSES, type PromotionViewStatus } from "@/lib/promotions/console";
import { promoText } from "@/lib/promotions/definition";
import { effectSummary } from "@/lib/promotions/offers";

export const generateMetadata = pageTitle("title.console.promotions");

export default async function PromotionsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const staff = await requirePermission("promotions.view");
  const { t, locale } = await getT();
  const sp = await searchParams;
  const statusParam = param(sp, "status");
  const status = VIEW_STATUSES.includes(statusParam as PromotionViewStatus) ? (statusParam as PromotionViewStatus) : undefined;
  const at = now();
  const [program, rows] = await Promise.all([programZone(db(), staff.programId), listPromotions(db(), staff.programId, at, { status })]);
  const money = (minor: number) => formatMoney(locale, minor, program.currency);
  const date = (d: Date) => formatDate(locale, d, program.timezone, { dateStyle: "medium" });
  const canEdit = can(staff.role, "promotions.edit");

  return (
    <>
      <PageHeader
        title={t("console.promo.title")}
        description={t("console.promo.lead")}
        actions={
          canEdit && (
            <Link href="/admin/promotions/new" className={buttonClass("primary")}>
              + {t("console.promo.new")}
            </Link>
          )
        }
      />
      <PromotionTabs current="list" t={t} />
      <FilterBar action="/admin/promotions" applyLabel={t("console.common.apply")} resetLabel={t("console.common.reset")}>
        <SelectField
          label={t("console.promo.col.status")}
          name="status"
          defaultValue={status ?? ""}
          placeholder={t("console.common.any")}
          options={VIEW_STATUSES.map((s) => ({ value: s, label: t(`console.promo.status.${s}`) }))}
        />
      </FilterBar>
      <DataTable
        caption={t("console.promo.title")}
        total={rows.length}
        pageSize={Math.max(rows.length, 1)}
        columns={[
          { id: "name", header: t("console.promo.col.name") },
          { id: "status", header: t("console.promo.col.status") },
          { id: "mode", header: t("console.promo.col.mode"), hideBelow: "md" },
          { id: "dates", header: t("console.promo.col.dates"), hideBelow: "lg" },
          { id: "budget", header: t("console.promo.col.budget"), hideBelow: "sm" },
          { id: "uses", header: t("console.promo.col.uses"), align: "right" },
        ]}
        rows={rows.map((r) => {
          const budget = r.def.limits?.budget;
          const moneyShare = budgetShare(r.moneyUsed, budget?.money);
          const pointsShare = budgetShare(r.pointsUsed, budget?.points);
          return {
            id: r.id,
            href: `/admin/promotions/${r.code}`,
            cells: {
              name: (
                <div className="min-w-40">
                  <Link href={`/admin/promotions/${r.code}`} className="font-medium text-brand-700 underline">
                    {promoText(r.def.name, locale)}
                  </Link>
                  <p className="text-xs text-slate-500">
                    <code>{r.code}</code> · {effectSummary(r.def.effect, locale, program.currency)}
                  </p>
                </div>
              ),
              status: <PromotionStatusBadge status={r.status} t={t} />,
              mode: r.def.trigger === "code" ? t("console.promo.trigger.code") : t("console.promo.trigger.auto"),
              dates: (
                <span className="whitespace-nowrap">
                  {r.from ? date(r.from) : t("console.promo.noStart")} – {r.to ? date(r.to) : t("console.promo.noEnd")}
                </span>
              ),
              budget:
                moneyShare === null && pointsShare === null ? (
                  <span className="text-slate-500">{t("console.promo.noBudget")}</span>
                ) : (
                  <div className="space-y-2">
                    {moneyShare !== null && (
                      <BudgetBar label={t("console.promo.budget.money")} share={moneyShare} text={t("console.promo.budget.of", { used: money(r.moneyUsed), total: money(budget!.money!) })} />
                    )}
                    {pointsShare !== null && (
                      <BudgetBar
                        label={t("console.promo.budget.points")}
                        share={pointsShare}
                        text={t("console.promo.budget.ofPoints", { used: formatNumber(locale, r.pointsUsed), total: formatNumber(locale, budget!.points!) })}
                      />
                    )}
                  </div>
                ),
              uses: (
                <span className="tabular-nums">
                  {formatNumber(locale, r.uses)}
                  {r.def.limits?.total !== undefined && <span className="text-slate-500"> / {formatNumber(locale, r.def.limits.total)}</span>}
                </span>
              ),
            },
          };
        })}
        empty={
          <EmptyState
            title={status ? t("console.promo.emptyFiltered") : t("console.promo.empty")}
            text={status ? undefined : t("console.promo.emptyText")}
            action={
              canEdit && !status ? (
                <Link href="/admin/promotions/new" className={buttonClass("primary")}>
                  + {t("console.promo.new")}
                </Link>
              ) : undefined
            }
          />
        }
      />
    </>
  );
}

// One promotion: what it is, pause / resume / end, what it gave (uses, receipts, discount, points,
// budgets left, per day), its uplift against the holdout with 95 % intervals, its codes, and every
// version with a diff against the one before.
import Link from "next/link";
import { notFound } from "next/navigation";
import { buttonClass } from "@/components/ui/button";
import { TrendChart } from "@/components/admin/charts/trend-chart";
import { DiffList } from "@/components/admin/definition-diff";
import { Facts, PageHeader } from "@/components/admin/page-header";
import { Badge } from "@/components/ui/badge";
import { Panel } from "@/components/ui/card";
import { BudgetBar, PromotionStatusBadge } from "@/components/admin/promotions/parts";
import { staffNames } from "@/lib/admin/customer-360";
import { programZone } from "@/lib/admin/program-info";
import { can, requirePermission } from "@/lib/auth/permissions";
import { now } from "@/lib/clock";
import { analyticsDb, db } from "@/lib/db/client";
import { getT, pageTitle } from "@/lib/i18n/server";
import { formatDate, formatMoney, formatNumber } from "@/lib/i18n/translate";
import { budgetShare, codeCounts, CONSOLE_CODE_BATCH, viewStatus } from "@/lib/promotions/console";
import { diffPromotions, PROMOTION_CODE, promoText } from "@/lib/promotions/definition";
import { effectSummary } from "@/lib/promotions/offers";
import { promotionDays, promotionTotals, promotionUplift, UPLIFT_METRICS } from "@/lib/promotions/stats";
import { promotionVersions } from "@/lib/promotions/store";
import { CodesForm } from "./codes-form";
import { StatusActions } from "./status-actions";

export const generateMetadata = pageTitle("title.console.promotion");

export default async function PromotionPage({ params }: { params: Promise<{ code: string }> }) {
  const staff = await requirePermission("promotions.view");
  const { t, locale } = await getT();
  const { code } = await params;
  if (!PROMOTION_CODE.test(code)) notFound();
  const versions = await promotionVersions(db(), staff.programId, code).catch(() => null);
  if (!versions?.length) notFound();
  const at = now();
  const current = versions.find((v) => v.current) ?? versions[0];
  const def = current.def;
  const program = await programZone(db(), staff.programId);
  const [totals, days, lift, codes, authors] = await Promise.all([
    promotionTotals(analyticsDb(), staff.programId, code),
    promotionDays(analyticsDb(), staff.programId, code, program.timezone),
    promotionUplift(analyticsDb(), staff.programId, code, at),
    codeCounts(db(), staff.programId, code),
    staffNames(
      db(),
      versions.map((v) => v.createdById),
    ),
  ]);
  const status = viewStatus(def, at);
  const name = promoText(def.name, locale);
  const canEdit = can(staff.role, "promotions.edit");
  const money = (minor: number) => formatMoney(locale, minor, program.currency);
  const n = (x: number) => formatNumber(locale, x);
  const date = (d: Date) => formatDate(locale, d, program.timezone, { dateStyle: "medium" });
  const dateTime = (d: Date) => formatDate(locale, d, program.timezone, { dateStyle: "medium", timeStyle: "short" });
  const dec = (x: number, digits = 2) => new Intl.NumberFormat(locale === "en" ? "en-GB" : "ru-RU", { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(x);
  const metricValue = (metric: (typeof UPLIFT_METRICS)[number], x: number) => (metric === "spend" ? money(Math.round(x)) : dec(x));
  const signed = (metric: (typeof UPLIFT_METRICS)[number], x: number) => `${x > 0 ? "+" : x < 0 ? "−" : ""}${metricValue(metric, Math.abs(x))}`;
  const budget = def.limits?.budget;
  const tile = (label: string, value: string, testId: string) => (
    <div className="rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <p className="text-sm text-slate-600">{label}</p>
      <p data-testid={testId} className="mt-1 text-2xl font-bold tabular-nums text-slate-900">
        {value}
      </p>
    </div>
  );

  return (
    <>
      <PageHeader
        back={{ href: "/admin/promotions", label: t("console.promo.title") }}
        title={
          <span className="flex flex-wrap items-center gap-3">
            {name} <PromotionStatusBadge status={status} t={t} />
          </span>
        }
        description={`${code} · ${t("console.promo.version", { version: current.version })} · ${effectSummary(def.effect, locale, program.currency)}`}
        actions={
          canEdit && (
            <>
              <StatusActions code={code} name={name} status={status} />
              <Link href={`/admin/promotions/${code}/edit`} className={buttonClass("secondary")}>
                {t("console.promo.edit")}
              </Link>
              <Link href={`/admin/promotions/new?from=${code}`} className={buttonClass("ghost")}>
                {t("console.promo.duplicate")}
              </Link>
            </>
          )
        }
      />

      <section aria-label={t("console.promo.stats.title")} className="grid gap-4 sm:grid-cols-2 xl:grid-cols-5">
        {tile(t("console.promo.stats.uses"), n(totals.uses), "stat-uses")}
        {tile(t("console.promo.stats.receipts"), n(totals.receipts), "stat-receipts")}
        {tile(t("console.promo.stats.discount"), money(totals.discount), "stat-discount")}
        {tile(t("console.promo.stats.points"), n(totals.points), "stat-points")}
        {tile(t("console.promo.stats.customers"), n(totals.customers), "stat-customers")}
      </section>

      <div className="mt-6 grid gap-6 xl:grid-cols-3">
        <Panel title={t("console.promo.stats.perDay")} className="xl:col-span-2">
          {days.length === 0 ? (
            <p className="text-sm text-slate-500">{t("console.promo.stats.noUses")}</p>
          ) : (
            <TrendChart
              kind="bar"
              locale={locale}
              title={t("console.promo.stats.perDay")}
              data={days.map((d) => ({ day: d.day, uses: d.uses }))}
              series={[{ key: "uses", label: t("console.promo.stats.uses"), color: "#0f766e" }]}
            />
          )}
          {days.some((d) => d.discount > 0) && (
            <div className="mt-6">
              <h3 className="mb-2 text-sm font-semibold text-slate-900">{t("console.promo.stats.discountPerDay")}</h3>
              <TrendChart
                kind="bar"
                locale={locale}
                title={t("console.promo.stats.discountPerDay")}
                scale={100}
                unit={program.currency}
                data={days.map((d) => ({ day: d.day, discount: d.discount }))}
                series={[{ key: "discount", label: t("console.promo.stats.discount"), color: "#b45309" }]}
              />
            </div>
          )}
        </Panel>
        <Panel title={t("console.promo.stats.budgets")}>
          <div className="space-y-4 text-sm">
            {budget?.money !== undefined && (
              <BudgetBar
                label={t("console.promo.budget.money")}
                share={budgetShare(totals.budget.moneyUsed, budget.money) ?? 0}
                text={t("console.promo.budget.left", { used: money(totals.budget.moneyUsed), total: money(budget.money), left: money(totals.budget.moneyLeft ?? 0) })}
              />
            )}
            {budget?.points !== undefined && (
              <BudgetBar
                label={t("console.promo.budget.points")}
                share={budgetShare(totals.budget.pointsUsed, budget.points) ?? 0}
                text={t("console.promo.budget.leftPoints", { used: n(totals.budget.pointsUsed), total: n(budget.points), left: n(totals.budget.pointsLeft ?? 0) })}
              />
            )}
            {totals.total.limit !== null && (
              <BudgetBar
                label={t("console.promo.budget.total")}
                share={budgetShare(totals.uses, totals.total.limit) ?? 0}
                text={t("console.promo.budget.usesLeft", { used: n(totals.uses), total: n(totals.total.limit), left: n(totals.total.left ?? 0) })}
              />
            )}
            {budget?.money === undefined && budget?.points === undefined && totals.total.limit === null && <p className="text-slate-500">{t("console.promo.noBudget")}</p>}
            {totals.held > 0 && <p className="text-slate-600">{t("console.promo.stats.held", { count: totals.held })}</p>}
          </div>
        </Panel>
      </div>

      <Panel title={t("console.promo.uplift.title")} className="mt-6" id="uplift">
        {!lift ? (
          <p className="text-sm text-slate-500">{def.audience?.holdoutPercent ? t("console.promo.uplift.notYet") : t("console.promo.uplift.none")}</p>
        ) : (
          <>
            <p className="mb-3 text-sm text-slate-600">
              {t("console.promo.uplift.lead", { percent: lift.holdoutPercent, exposed: n(lift.exposed), holdout: n(lift.holdout), from: date(lift.from), to: date(lift.to) })}
            </p>
            <p className="mb-3 text-sm text-slate-600" data-testid="uplift-audience">
              {lift.audience
                ? t("console.promo.uplift.audience", {
                    who: [
                      lift.audience.tiers.length ? t("console.promo.uplift.audienceTiers", { tiers: lift.audience.tiers.join(", ") }) : null,
                      lift.audience.segments.length ? t("console.promo.uplift.audienceSegments", { segments: lift.audience.segments.join(", ") }) : null,
                      lift.audience.newMemberDays ? t("console.promo.uplift.audienceNew", { days: lift.audience.newMemberDays }) : null,
                    ]
                      .filter(Boolean)
                      .join("; "),
                  })
                : t("console.promo.uplift.everyone")}
            </p>
            {lift.audience?.missingSegments.length ? (
              <p role="alert" className="mb-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
                {t("console.promo.uplift.missingSegments", { segments: lift.audience.missingSegments.join(", ") })}
              </p>
            ) : null}
            <div className="overflow-x-auto">
              <table className="min-w-full text-sm">
                <caption className="sr-only">{t("console.promo.uplift.title")}</caption>
                <thead>
                  <tr className="border-b border-slate-200 text-left text-xs uppercase tracking-wide text-slate-500">
                    <th scope="col" className="py-2 pr-4 font-semibold">
                      {t("console.promo.uplift.metric")}
                    </th>
                    <th scope="col" className="py-2 pr-4 text-right font-semibold">
                      {t("console.promo.uplift.exposed")}
                    </th>
                    <th scope="col" className="py-2 pr-4 text-right font-semibold">
                      {t("console.promo.uplift.holdout")}
                    </th>
                    <th scope="col" className="py-2 pr-4 text-right font-semibold">
                      {t("console.promo.uplift.difference")}
                    </th>
                    <th scope="col" className="py-2 pr-4 text-right font-semibold">
                      {t("console.promo.uplift.ci")}
                    </th>
                    <th scope="col" className="py-2 font-semibold">
                      {t("console.promo.uplift.verdict")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {UPLIFT_METRICS.map((m) => {
                    const u = lift.metrics[m];
                    return (
                      <tr key={m} data-testid={`uplift-${m}`} className="border-b border-slate-100 last:border-0">
                        <th scope="row" className="py-2 pr-4 text-left font-medium text-slate-800">
                          {t(`console.promo.uplift.${m}`)}
                        </th>
                        <td className="py-2 pr-4 text-right tabular-nums">{metricValue(m, u.exposedMean)}</td>
                        <td className="py-2 pr-4 text-right tabular-nums">{metricValue(m, u.holdoutMean)}</td>
                        <td className="py-2 pr-4 text-right tabular-nums">
                          {signed(m, u.difference)}
                          {u.relative !== null && <span className="text-slate-500"> ({`${u.relative >= 0 ? "+" : "−"}${dec(Math.abs(u.relative) * 100, 1)} %`})</span>}
                        </td>
                        <td className="py-2 pr-4 text-right tabular-nums">{u.low === null || u.high === null ? "—" : `${signed(m, u.low)} … ${signed(m, u.high)}`}</td>
                        <td className="py-2">
                          {u.low === null ? (
                            <Badge>{t("console.promo.uplift.tooFew")}</Badge>
                          ) : u.significant ? (
                            <Badge tone={u.difference > 0 ? "green" : "red"}>{u.difference > 0 ? t("console.promo.uplift.up") : t("console.promo.uplift.down")}</Badge>
                          ) : (
                            <Badge>{t("console.promo.uplift.unclear")}</Badge>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            <p className="mt-3 text-xs text-slate-500">{t("console.promo.uplift.method")}</p>
          </>
        )}
      </Panel>

      <div className="mt-6 grid gap-6 xl:grid-cols-3">
        <Panel title={t("console.promo.about")}>
          <Facts
            items={[
              { label: t("console.promo.col.mode"), value: def.trigger === "code" ? t("console.promo.trigger.code") : t("console.promo.trigger.auto") },
              {
                label: t("console.promo.col.dates"),
                value: `${def.validity?.from ? dateTime(new Date(def.validity.from)) : t("console.promo.noStart")} – ${def.validity?.to ? dateTime(new Date(def.validity.to)) : t("console.promo.noEnd")}`,
              },
              { label: t("console.promo.f.priority"), value: n(def.stacking?.priority ?? 0) },
              { label: t("console.promo.f.group"), value: def.stacking?.group ?? "—" },
              { label: t("console.promo.f.holdoutPercent"), value: def.audience?.holdoutPercent ? `${def.audience.holdoutPercent} %` : "—" },
              { label: t("console.promo.f.sharedCode"), value: def.codes?.shared ?? "—" },
            ]}
          />
        </Panel>
        <Panel title={t("console.promo.codes.title")} className="xl:col-span-2" id="codes">
          <dl className="mb-4 grid grid-cols-3 gap-3 text-sm">
            <div>
              <dt className="text-slate-500">{t("console.promo.codes.total")}</dt>
              <dd data-testid="codes-total" className="text-xl font-semibold tabular-nums text-slate-900">
                {n(codes.total)}
              </dd>
            </div>
            <div>
              <dt className="text-slate-500">{t("console.promo.codes.used")}</dt>
              <dd data-testid="codes-used" className="text-xl font-semibold tabular-nums text-slate-900">
                {n(codes.used)}
              </dd>
            </div>
            <div>
              <dt className="text-slate-500">{t("console.promo.codes.unused")}</dt>
              <dd data-testid="codes-unused" className="text-xl font-semibold tabular-nums text-slate-900">
                {n(codes.unused)}
              </dd>
            </div>
          </dl>
          {canEdit && def.trigger === "code" && def.codes?.unique ? (
            <CodesForm code={code} max={CONSOLE_CODE_BATCH} />
          ) : (
            <p className="text-sm text-slate-500">{def.trigger === "code" && def.codes?.unique ? t("console.promo.codes.readOnly") : t("console.promo.codes.noUnique")}</p>
          )}
          {canEdit && codes.total > 0 && (
            <div className="mt-3 flex flex-wrap gap-2">
              <Link href={`/admin/promotions/${code}/codes`} className={buttonClass("secondary", "sm")} data-testid="codes-list">
                {t("console.promo.codes.open")}
              </Link>
              <a href={`/api/admin/promotions/${code}/codes`} className={buttonClass("secondary", "sm")} data-testid="codes-csv" download>
                {t("console.promo.codes.download")}
              </a>
            </div>
          )}
        </Panel>
      </div>

      <Panel title={t("console.promo.versions")} className="mt-6" id="versions">
        <ol className="space-y-5">
          {versions.map((v, i) => {
            const prev = versions[i + 1];
            const changes = prev ? diffPromotions(prev.def, v.def) : null;
            return (
              <li key={v.id} data-testid="promotion-version" className="border-l-2 border-slate-200 pl-4">
                <p className="flex flex-wrap items-center gap-2 text-sm">
                  <span className="font-semibold text-slate-900">{t("console.promo.version", { version: v.version })}</span>
                  {v.current && <Badge tone="green">{t("console.promo.currentVersion")}</Badge>}
                  <span className="text-slate-500">{dateTime(v.createdAt)}</span>
                  <span className="text-slate-500">· {v.createdById ? (authors.get(v.createdById) ?? "?") : t("console.promo.system")}</span>
                </p>
                {v.note && <p className="mt-1 text-sm text-slate-700">“{v.note}”</p>}
                {!prev && <p className="mt-1 text-xs text-slate-500">{t("console.promo.firstVersion")}</p>}
                {changes && changes.length === 0 && <p className="mt-1 text-xs text-slate-500">{t("console.promo.noChanges")}</p>}
                {changes && changes.length > 0 && (
                  <DiffList
                    changes={changes}
                    max={20}
                    labels={{ added: t("console.promo.diff.added"), removed: t("console.promo.diff.removed"), more: (count) => t("console.promo.diff.more", { count }) }}
                  />
                )}
              </li>
            );
          })}
        </ol>
      </Panel>
    </>
  );
}

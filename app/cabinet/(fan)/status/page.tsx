// Status: the whole ladder with benefits and what each step needs, this season's progress, the
// fan's status history and achievements (including those carried over from the old program).
import { pageTitle } from "@/lib/i18n/server";
import { localized } from "@/lib/i18n/localized";
import { formatDate, formatMoney, formatNumber } from "@/lib/i18n/translate";
import { customerTierView } from "@/lib/tiers/progress";
import { statusHistory } from "@/lib/customers/history";
import { definitionInForce } from "@/lib/program/in-force";
import { PageTitle, ProgressBar, TierChip } from "@/components/cabinet/ui";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/states";
import { Panel } from "@/components/ui/card";
import { Icon } from "@/components/cabinet/icons";
import { criterionLabel, criterionText, lastDay } from "@/components/cabinet/format";
import { loadCabinet } from "../../_lib/context";

export const generateMetadata = pageTitle("title.cabinet.status");

export default async function StatusPage() {
  const { customer, program, t, locale, db } = await loadCabinet();
  const tz = program.timezone;
  const [view, def, { changes, achievements }] = await Promise.all([
    customerTierView(db, customer.id, undefined, locale),
    definitionInForce(db, program.id).then((v) => v?.definition ?? null),
    statusHistory(db, customer.id),
  ]);
  const nameOf = (code: string | null) => (code ? localized(def?.tiers.find((x) => x.code === code)?.name ?? code, locale, def?.defaultLocale) : "—");
  const alt = view.next ? view.next.alternatives[view.next.closest] : null;
  const money = (n: number) => formatMoney(locale, n, program.currency);
  return (
    <div className="space-y-5">
      <PageTitle title={t("cabinet.status.title")} />
      <section className="relative overflow-hidden rounded-3xl bg-brand-900 p-5 text-white shadow-lg sm:p-7">
        <div aria-hidden className="pointer-events-none absolute inset-0 opacity-60 [background:radial-gradient(30rem_16rem_at_100%_0%,var(--brand),transparent)]" />
        <div className="relative grid gap-6 md:grid-cols-2">
          <div>
            <p className="text-sm font-semibold uppercase tracking-widest text-white/70">{t("cabinet.home.status")}</p>
            <p className="mt-2 text-4xl font-black">{view.tier.name}</p>
            <p className="mt-1 text-white/80">{t("cabinet.home.cashback", { rate: view.tier.earnRate })}</p>
            {view.manual && (
              <p className="mt-2 text-sm text-white/80">{view.manual.until ? t("cabinet.status.manual", { date: formatDate(locale, view.manual.until, tz) }) : t("cabinet.status.manualForever")}</p>
            )}
            {view.period.end && (
              <p className="mt-4 text-sm text-white/80">
                {t("cabinet.status.season", { key: view.period.key })} · {t("cabinet.home.seasonEnds", { date: formatDate(locale, lastDay(view.period.end), tz) })}
              </p>
            )}
            {view.securedForNextPeriod && <p className="mt-1 text-sm font-semibold">{t("cabinet.home.secured", { tier: view.securedForNextPeriod.name })}</p>}
          </div>
          <div>
            {view.next && alt ? (
              <>
                <p className="font-semibold">{t("cabinet.home.progress", { tier: view.next.tier.name })}</p>
                <ul className="mt-3 space-y-3">
                  {alt.criteria.map((c) => (
                    <li key={c.metric}>
                      <div className="flex flex-wrap justify-between gap-x-3 text-sm">
                        <span className="text-white/75">{criterionLabel(t, c)}</span>
                        <span className="font-semibold tabular-nums">{criterionText(t, locale, c, program.currency)}</span>
                      </div>
                      <div className="mt-1.5 [&>div]:bg-white/20">
                        <ProgressBar value={c.current} max={c.target} label={criterionText(t, locale, c, program.currency)} color="#fff" />
                      </div>
                    </li>
                  ))}
                </ul>
              </>
            ) : (
              <p className="font-semibold">{t("cabinet.home.top")}</p>
            )}
          </div>
        </div>
      </section>

      <Panel density="roomy" title={t("cabinet.status.ladder")}>
        <ol className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {view.ladder.map(({ tier, reached, current }, i) => {
            const q = def?.tiers.find((x) => x.code === tier.code)?.qualify;
            const groups = q ? (q.any ?? [q]) : [];
            return (
              <li
                key={tier.code}
                aria-current={current ? "step" : undefined}
                className={`relative rounded-2xl p-4 ring-1 ${current ? "bg-brand-50 ring-2 ring-brand-500" : "bg-white ring-slate-200"}`}
              >
                <div className="flex items-center justify-between gap-2">
                  <TierChip name={tier.name} color={tier.color} large />
                  <span className="text-xs font-semibold tabular-nums text-slate-600">
                    {i + 1}/{view.ladder.length}
                  </span>
                </div>
                <p className="mt-2 text-lg font-black text-brand-700">{t("cabinet.home.cashback", { rate: tier.earnRate })}</p>
                <div className="mt-1 flex flex-wrap gap-1">
                  {current && <Badge tone="brand">{t("cabinet.status.current")}</Badge>}
                  {!current && reached && <Badge tone="green">{t("cabinet.status.reached")}</Badge>}
                </div>
                <p className="mt-3 text-xs font-semibold uppercase tracking-wide text-slate-600">{groups.length ? t("cabinet.status.requires") : t("cabinet.status.entry")}</p>
                {groups.length > 0 && (
                  <p className="mt-1 text-sm text-slate-700">
                    {groups.map((g, gi) => (
                      <span key={gi}>
                        {gi > 0 && <strong> {t("cabinet.home.or")} </strong>}
                        {[
                          g.visits ? t("criteria.visits", { value: formatNumber(locale, g.visits) }) : null,
                          g.spend ? t("criteria.spend", { value: money(g.spend) }) : null,
                          g.purchases ? t("criteria.purchases", { value: formatNumber(locale, g.purchases) }) : null,
                        ]
                          .filter(Boolean)
                          .join(" + ")}
                      </span>
                    ))}
                  </p>
                )}
                {tier.benefits.length > 0 && (
                  <ul className="mt-3 space-y-1 text-sm text-slate-700">
                    {tier.benefits.map((b) => (
                      <li key={b} className="flex gap-2">
                        <Icon name="check" className="mt-0.5 size-4 shrink-0 text-brand-600" />
                        {b}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            );
          })}
        </ol>
      </Panel>

      <div className="grid gap-5 lg:grid-cols-2">
        <Panel density="roomy" title={t("cabinet.status.history")}>
          {changes.length === 0 ? (
            <p className="text-sm text-slate-500">{t("cabinet.status.noHistory")}</p>
          ) : (
            <ol className="relative space-y-4 border-l-2 border-slate-200 pl-5">
              {changes.map((c) => (
                <li key={c.id} className="relative">
                  <span aria-hidden className="absolute -left-[27px] top-1 size-3 rounded-full bg-brand-500 ring-4 ring-white" />
                  <p className="font-semibold">{t("cabinet.status.change", { from: nameOf(c.fromTier), to: nameOf(c.toTier) })}</p>
                  <p className="text-xs text-slate-500">
                    {formatDate(locale, c.at, tz)} · {t(`cabinet.status.reason.${c.reason}`)}
                  </p>
                </li>
              ))}
            </ol>
          )}
        </Panel>
        <Panel density="roomy" title={t("cabinet.status.achievements")}>
          {achievements.length === 0 ? (
            <EmptyState icon={<Icon name="trophy" className="size-6" />} text={t("cabinet.status.noAchievements")} />
          ) : (
            <ul className="grid gap-3 sm:grid-cols-2">
              {achievements.map((a) => (
                <li key={a.id} className="flex items-start gap-3 rounded-2xl bg-slate-50 p-3 ring-1 ring-slate-200">
                  <span aria-hidden className="grid size-10 shrink-0 place-items-center rounded-full bg-amber-100 text-amber-700">
                    <Icon name="trophy" className="size-5" />
                  </span>
                  <div className="min-w-0">
                    <p className="font-semibold leading-snug">{a.title}</p>
                    <p className="text-xs text-slate-500">{formatDate(locale, a.earnedAt, tz)}</p>
                    <p className="text-xs text-slate-500">{sourceText(a.source)}</p>
                  </div>
                </li>
              ))}
            </ul>
          )}
        </Panel>
      </div>
    </div>
  );

  function sourceText(source: string) {
    if (source === "legacy-import" || source === "program" || source === "manual") return t(`cabinet.status.source.${source}`);
    return source;
  }
}

import Link from "next/link";
import { connection } from "next/server";
import { SiteFooter } from "@/components/shell/site-footer";
import { SiteHeader } from "@/components/shell/site-header";
import { db } from "@/lib/db/client";
import { getT } from "@/lib/i18n/server";
import { formatMoney, formatNumber, type Translate } from "@/lib/i18n/translate";
import type { Locale } from "@/lib/i18n/locales";
import { landingIn, loadLanding, type LandingPeriod, type LandingThresholds, type LandingTier } from "@/lib/program/landing";

export default async function LandingPage() {
  await connection();
  const data = await loadLanding(db());
  const { locale, t } = await getT((data?.program.defaultLocale as Locale) ?? "ru");
  const landing = data && landingIn(data, locale);
  const brand = landing?.program.brandColor ?? "#0f766e";
  return (
    <div style={{ ["--brand" as string]: brand }} className="flex min-h-dvh flex-col">
      <SiteHeader program={landing?.program ?? null} locale={locale} t={t} />
      <main id="main" className="flex-1">
        {landing ? <Landing landing={landing} locale={locale} t={t} /> : <NoProgram t={t} />}
      </main>
      <SiteFooter programName={landing?.program.name ?? "Tribune"} t={t} />
    </div>
  );
}

function NoProgram({ t }: { t: Translate }) {
  return (
    <section className="mx-auto max-w-xl px-4 py-24 text-center">
      <h1 className="text-2xl font-bold">{t("landing.noProgram")}</h1>
      <p className="mt-3 text-slate-600">{t("landing.noProgramHint")}</p>
    </section>
  );
}

function Landing({ landing, locale, t }: { landing: ReturnType<typeof landingIn>; locale: Locale; t: Translate }) {
  const { program, tagline, tiers, stats, period } = landing;
  const top = tiers.at(-1);
  return (
    <>
      <section className="relative overflow-hidden bg-brand-900 text-white">
        <div
          aria-hidden
          className="pointer-events-none absolute inset-0 opacity-40 [background:radial-gradient(60rem_30rem_at_80%_-10%,var(--brand),transparent),radial-gradient(30rem_20rem_at_0%_110%,var(--brand),transparent)]"
        />
        <div className="relative mx-auto grid max-w-6xl gap-10 px-4 pb-16 pt-12 md:grid-cols-[1.2fr_1fr] md:items-center md:pb-24 md:pt-20">
          <div>
            <h1 className="text-4xl font-black leading-tight tracking-tight sm:text-5xl md:text-6xl">{program.name}</h1>
            {tagline && <p className="mt-4 max-w-xl text-lg text-white/85 sm:text-xl">{tagline}</p>}
            <div className="mt-8 flex flex-col gap-3 sm:flex-row">
              <Link href="/cabinet" className="rounded-xl bg-white px-6 py-3.5 text-center text-base font-semibold text-brand-900 shadow-lg shadow-black/20 hover:bg-brand-50">
                {t("landing.join")}
              </Link>
              <Link href="/cabinet" className="rounded-xl px-6 py-3.5 text-center text-base font-semibold text-white ring-1 ring-white/40 hover:bg-white/10">
                {t("landing.signIn")}
              </Link>
            </div>
            <dl className="mt-10 grid max-w-md grid-cols-3 gap-4">
              <Stat value={formatNumber(locale, stats.members)} label={t("landing.stats.members")} />
              <Stat value={formatNumber(locale, stats.partners)} label={t("landing.stats.partners")} />
              <Stat value={formatNumber(locale, stats.stores)} label={t("landing.stats.stores")} />
            </dl>
          </div>
          {top && <CardPreview name={program.name} tier={top} t={t} />}
        </div>
      </section>

      <section aria-labelledby="how" className="mx-auto max-w-6xl px-4 py-16">
        <h2 id="how" className="text-2xl font-bold tracking-tight sm:text-3xl">
          {t("landing.howTitle")}
        </h2>
        <ol className="mt-8 grid gap-4 md:grid-cols-3">
          {([1, 2, 3] as const).map((n) => (
            <li key={n} className="rounded-2xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
              <span className="grid size-10 place-items-center rounded-full bg-brand-100 text-lg font-bold text-brand-700">{n}</span>
              <h3 className="mt-4 text-lg font-semibold">{t(`landing.how${n}.title`)}</h3>
              <p className="mt-2 text-slate-600">{t(`landing.how${n}.text`)}</p>
            </li>
          ))}
        </ol>
      </section>

      {tiers.length > 0 && (
        <section aria-labelledby="statuses" className="bg-white py-16">
          <div className="mx-auto max-w-6xl px-4">
            <h2 id="statuses" className="text-2xl font-bold tracking-tight sm:text-3xl">
              {t("landing.statusesTitle")}
            </h2>
            <p className="mt-2 max-w-2xl text-slate-600">{t("landing.statusesLead")}</p>
            <p className="mt-1 text-sm text-slate-500">{periodText(period, locale, t)}</p>
            <ol className="mt-8 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
              {tiers.map((tier, i) => (
                <TierCard key={tier.code} tier={tier} index={i} count={tiers.length} currency={program.currency} locale={locale} t={t} />
              ))}
            </ol>
          </div>
        </section>
      )}

      <section className="mx-auto max-w-6xl px-4 pt-16">
        <div className="flex flex-col items-start gap-6 rounded-3xl bg-brand-700 p-8 text-white sm:flex-row sm:items-center sm:justify-between sm:p-10">
          <div>
            <h2 className="text-2xl font-bold">{t("landing.ctaTitle")}</h2>
            <p className="mt-2 max-w-xl text-white/85">{t("landing.ctaText")}</p>
          </div>
          <Link href="/cabinet" className="shrink-0 rounded-xl bg-white px-6 py-3.5 font-semibold text-brand-900 hover:bg-brand-50">
            {t("landing.signIn")}
          </Link>
        </div>
      </section>
    </>
  );
}

function Stat({ value, label }: { value: string; label: string }) {
  return (
    <div>
      <dt className="sr-only">{label}</dt>
      <dd className="text-2xl font-bold tabular-nums sm:text-3xl">{value}</dd>
      <dd className="text-xs uppercase tracking-wide text-white/70">{label}</dd>
    </div>
  );
}

function CardPreview({ name, tier, t }: { name: string; tier: LandingTier; t: Translate }) {
  return (
    <div aria-hidden className="mx-auto w-full max-w-sm rotate-[-4deg] rounded-3xl bg-gradient-to-br from-white/25 to-white/5 p-6 shadow-2xl ring-1 ring-white/30 backdrop-blur md:rotate-[-6deg]">
      <div className="flex items-start justify-between">
        <span className="text-sm font-semibold uppercase tracking-widest text-white/80">{name}</span>
        <span className="rounded-full bg-white/90 px-3 py-1 text-xs font-bold text-brand-900">{tier.name}</span>
      </div>
      <p className="mt-10 text-4xl font-black tabular-nums">12 480</p>
      <p className="text-sm text-white/70">{t("landing.cashback", { rate: tier.earnRate })}</p>
      <div className="mt-8 flex items-end justify-between">
        <span className="font-mono text-sm tracking-[0.3em] text-white/80">2000 0000 0001 5</span>
        <div className="grid grid-cols-5 gap-0.5">
          {Array.from({ length: 25 }, (_, i) => (
            <span key={i} className={`size-2 ${[0, 2, 4, 6, 8, 11, 13, 16, 18, 20, 22, 24].includes(i) ? "bg-white" : "bg-white/20"}`} />
          ))}
        </div>
      </div>
    </div>
  );
}

function TierCard({ tier, index, count, currency, locale, t }: { tier: LandingTier; index: number; count: number; currency: string; locale: Locale; t: Translate }) {
  const strength = Math.round(((index + 1) / count) * 100);
  return (
    <li className="flex flex-col rounded-2xl p-6 ring-1 ring-slate-200" style={{ background: `color-mix(in oklab, ${tier.color ?? "var(--brand)"} ${6 + index * 3}%, white)` }}>
      <div className="flex items-center justify-between gap-3">
        <h3 className="text-lg font-bold">{tier.name}</h3>
        <span className="text-xs font-semibold tabular-nums text-slate-600">
          {index + 1}/{count}
        </span>
      </div>
      <p className="mt-1 text-2xl font-black text-brand-700">{t("landing.cashback", { rate: tier.earnRate })}</p>
      <div className="mt-3 h-1.5 rounded-full bg-slate-200" aria-hidden>
        <div className="h-1.5 rounded-full bg-brand-500" style={{ width: `${strength}%` }} />
      </div>
      <p className="mt-4 text-xs font-semibold uppercase tracking-wide text-slate-600">{tier.qualify.length ? t("landing.requires") : t("landing.entry")}</p>
      {tier.qualify.length > 0 && (
        <p className="mt-1 text-sm text-slate-700">
          {tier.qualify.map((g, i) => (
            <span key={i}>
              {i > 0 && <span className="font-semibold"> {t("criteria.or")} </span>}
              {criteriaText(g, currency, locale, t)}
            </span>
          ))}
        </p>
      )}
      {tier.benefits.length > 0 && (
        <ul className="mt-4 space-y-1.5 text-sm text-slate-700">
          {tier.benefits.map((b) => (
            <li key={b} className="flex gap-2">
              <svg aria-hidden viewBox="0 0 20 20" className="mt-0.5 size-4 shrink-0 text-brand-600" fill="currentColor">
                <path d="M7.7 13.3 4.4 10l-1.1 1.1 4.4 4.4 9-9-1.1-1.1z" />
              </svg>
              {b}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

function criteriaText(g: LandingThresholds, currency: string, locale: Locale, t: Translate) {
  const parts: string[] = [];
  if (g.visits) parts.push(t("criteria.visits", { value: formatNumber(locale, g.visits) }));
  if (g.spend) parts.push(t("criteria.spend", { value: formatMoney(locale, g.spend, currency) }));
  if (g.purchases) parts.push(t("criteria.purchases", { value: formatNumber(locale, g.purchases) }));
  return parts.join(" + ");
}

function periodText(period: LandingPeriod, locale: Locale, t: Translate) {
  switch (period.kind) {
    case "season": {
      const d = new Date(Date.UTC(2000, period.startMonth - 1, period.startDay));
      return t("landing.period.season", { date: new Intl.DateTimeFormat(locale, { day: "numeric", month: "long", timeZone: "UTC" }).format(d) });
    }
    case "calendar-year":
      return t("landing.period.calendar-year");
    case "rolling":
      return t("landing.period.rolling", { months: period.months });
    default:
      return t("landing.period.lifetime");
  }
}

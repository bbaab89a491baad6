// The program's single sign-in page for every online service of the club: phone + SMS code, or
// a magic link by email. Branded with the program, not the framework.
import Link from "next/link";
import { redirect } from "next/navigation";
import { getPrincipal } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { getT, pageTitle } from "@/lib/i18n/server";
import type { Locale } from "@/lib/i18n/locales";
import { currentProgram } from "@/lib/program/current";
import { LanguageSwitcher } from "@/components/shell/language-switcher";
import { Crest } from "@/components/cabinet/shell";
import { SignInPanel } from "@/components/cabinet/sign-in-panel";
import { requestCodeAction, requestLinkAction } from "./actions";

export const generateMetadata = pageTitle("title.signIn");

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string; signedOut?: string; error?: string }> }) {
  const sp = await searchParams;
  const next = typeof sp.next === "string" && sp.next.startsWith("/cabinet") && !sp.next.startsWith("//") ? sp.next : "/cabinet";
  const principal = await getPrincipal("cabinet");
  if (principal?.kind === "customer") redirect(next);
  const program = await currentProgram(db());
  const { t, locale } = await getT((program?.defaultLocale as Locale) ?? "ru");
  const name = program?.name ?? "Tribune";
  return (
    <div className="grid min-h-dvh lg:grid-cols-[1.1fr_1fr]">
      <section className="relative overflow-hidden bg-brand-900 px-5 pb-10 pt-5 text-white lg:flex lg:flex-col lg:justify-between lg:p-12">
        <div
          aria-hidden
          className="pointer-events-none absolute inset-0 opacity-50 [background:radial-gradient(40rem_24rem_at_90%_0%,var(--brand),transparent),radial-gradient(30rem_20rem_at_0%_100%,var(--brand),transparent)]"
        />
        <Pitch />
        <div className="relative flex items-center justify-between gap-3">
          <Link href="/" className="flex min-w-0 items-center gap-3 text-base font-bold sm:text-lg">
            <Crest className="size-10 shrink-0" />
            <span className="truncate">{name}</span>
          </Link>
          <LanguageSwitcher locale={locale} t={t} />
        </div>
        <div className="relative mt-8 lg:mt-0">
          <p className="text-3xl font-black leading-tight tracking-tight sm:text-4xl lg:text-5xl">{t("cabinet.signIn.hero")}</p>
          <p className="mt-3 max-w-lg text-sm text-white/80 sm:text-base">{t("cabinet.signIn.heroText")}</p>
        </div>
        <p className="relative mt-6 hidden text-sm text-white/60 lg:block">{t("footer.poweredBy")}</p>
      </section>
      <main id="main" className="flex items-start justify-center px-4 py-8 lg:items-center lg:py-10">
        <div className="w-full max-w-sm">
          <h1 className="text-2xl font-black tracking-tight">{t("cabinet.signIn.title")}</h1>
          <p className="mt-1 text-sm text-slate-600">{t("cabinet.signIn.lead")}</p>
          {sp.error && !sp.signedOut && (
            <p role="alert" className="mt-4 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200">
              {t("errors.generic")}
            </p>
          )}
          {sp.signedOut && (
            <p role="status" className="mt-4 rounded-lg bg-emerald-50 px-3 py-2 text-sm text-emerald-800 ring-1 ring-emerald-200">
              {t("cabinet.signIn.signedOut")}
            </p>
          )}
          <div className="mt-6 rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200 sm:p-6">
            <SignInPanel next={next} requestCode={requestCodeAction} requestLink={requestLinkAction} />
          </div>
          <p className="mt-4 text-center text-xs text-slate-500">{t("cabinet.signIn.terms")}</p>
        </div>
      </main>
    </div>
  );
}

/** Pitch markings behind the hero text. */
function Pitch() {
  return (
    <svg aria-hidden viewBox="0 0 400 260" className="pointer-events-none absolute -bottom-10 -right-16 w-[28rem] text-white/10 lg:w-[40rem]" fill="none" stroke="currentColor" strokeWidth="2">
      <rect x="10" y="10" width="380" height="240" rx="4" />
      <path d="M200 10v240" />
      <circle cx="200" cy="130" r="40" />
      <rect x="10" y="70" width="60" height="120" />
      <rect x="330" y="70" width="60" height="120" />
      <circle cx="200" cy="130" r="3" fill="currentColor" />
    </svg>
  );
}

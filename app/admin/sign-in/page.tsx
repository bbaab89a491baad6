// Staff sign-in: branded with the program, clear errors, the 15-minute lockout explained.
import Link from "next/link";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { getPrincipal } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { getT, pageTitle } from "@/lib/i18n/server";
import { LanguageSwitcher } from "@/components/shell/language-switcher";
import { brandStyle } from "@/components/admin/brand";
import { SignInForm } from "./sign-in-form";
import { firstProgramBrand } from "@/lib/admin/program-info";

export const generateMetadata = pageTitle("title.signIn");

export default async function StaffSignInPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  await connection();
  const principal = await getPrincipal("staff");
  const sp = await searchParams;
  const next = typeof sp.next === "string" && sp.next.startsWith("/admin") && !sp.next.startsWith("//") ? sp.next : "/admin";
  if (principal?.kind === "staff" && can(principal.role, "console.access")) redirect(next);
  const program = await firstProgramBrand(db());
  const { t, locale } = await getT(program?.defaultLocale === "en" ? "en" : "ru");
  const name = program?.name ?? "Tribune";
  return (
    <div style={brandStyle(program?.brandColor)} className="grid min-h-dvh lg:grid-cols-2">
      <section className="relative hidden overflow-hidden bg-brand-900 p-12 text-white lg:flex lg:flex-col lg:justify-between">
        <div
          aria-hidden
          className="pointer-events-none absolute inset-0 opacity-40 [background:radial-gradient(40rem_24rem_at_90%_0%,var(--brand),transparent),radial-gradient(30rem_20rem_at_0%_100%,var(--brand),transparent)]"
        />
        <Link href="/" className="relative flex items-center gap-3 text-lg font-bold">
          <span aria-hidden className="grid size-10 place-items-center rounded-xl bg-white text-xl font-black text-brand-700">
            {name.slice(0, 1)}
          </span>
          {name}
        </Link>
        <div className="relative">
          <p className="text-4xl font-black leading-tight tracking-tight">{t("console.title")}</p>
          <p className="mt-3 max-w-md text-white/80">{t("console.signIn.lead")}</p>
        </div>
        <p className="relative text-sm text-white/60">{t("footer.poweredBy")}</p>
      </section>
      <section className="flex flex-col bg-slate-50">
        <div className="flex items-center justify-between bg-brand-900 px-4 py-3 text-white lg:justify-end lg:bg-transparent lg:text-slate-900">
          <span className="font-bold lg:hidden">{name}</span>
          <LanguageSwitcher locale={locale} t={t} className="[&_button]:text-current" />
        </div>
        <main id="main" className="flex flex-1 items-center justify-center px-4 py-10">
          <div className="w-full max-w-sm">
            <h1 className="text-2xl font-bold tracking-tight">{t("console.signIn.title")}</h1>
            <p className="mt-1 text-sm text-slate-600 lg:hidden">{t("console.signIn.lead")}</p>
            <div className="mt-6 rounded-2xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
              <SignInForm next={next} />
            </div>
            <p className="mt-6 text-center text-sm text-slate-600">
              {t("console.signIn.fans")}{" "}
              <Link href="/cabinet" className="font-medium text-brand-700 hover:underline">
                {t("console.signIn.fansLink")}
              </Link>
            </p>
          </div>
        </main>
      </section>
    </div>
  );
}

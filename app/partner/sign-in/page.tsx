// Partner sign-in: branded with the program, clear errors, the lockout explained. Fans and
// console staff who land here are told this portal is not theirs.
import Link from "next/link";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { getPrincipal } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { getT, pageTitle } from "@/lib/i18n/server";
import { asPartner } from "@/lib/partner/session";
import { LanguageSwitcher } from "@/components/shell/language-switcher";
import { brandStyle } from "@/components/admin/brand";
import { SignInForm } from "@/app/admin/sign-in/sign-in-form";
import { PartnerSignOutButton } from "@/components/partner/partner-nav";
import { firstProgramBrand } from "@/lib/admin/program-info";

export const generateMetadata = pageTitle("title.signIn");

export default async function PartnerSignInPage() {
  await connection();
  const principal = await getPrincipal("staff");
  if (asPartner(principal)) redirect("/partner");
  const program = await firstProgramBrand(db());
  const { t, locale } = await getT(program?.defaultLocale === "en" ? "en" : "ru");
  const name = program?.name ?? "Tribune";
  const refusedAs = principal ? t(principal.kind === "customer" ? "partner.signIn.refusedCustomer" : "partner.signIn.refusedStaff") : null;
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
          <p className="text-4xl font-black leading-tight tracking-tight">{t("partner.title")}</p>
          <p className="mt-3 max-w-md text-white/80">{t("partner.signIn.lead")}</p>
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
            <h1 className="text-2xl font-bold tracking-tight">{t("partner.signIn.title")}</h1>
            <p className="mt-1 text-sm text-slate-600 lg:hidden">{t("partner.signIn.lead")}</p>
            {refusedAs && (
              <div role="alert" data-testid="partner-refused" className="mt-6 rounded-xl bg-amber-50 p-4 text-sm text-amber-900 ring-1 ring-amber-200">
                <p>{t("partner.signIn.refused", { who: refusedAs })}</p>
                <PartnerSignOutButton className="mt-3 rounded-lg bg-white px-3 py-1.5 font-medium ring-1 ring-amber-300 hover:bg-amber-100" />
              </div>
            )}
            <div className="mt-6 rounded-2xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
              <SignInForm next="/partner" requireRole="partner_manager" />
            </div>
            <p className="mt-6 text-center text-sm text-slate-600">
              {t("partner.signIn.staff")}{" "}
              <Link href="/admin/sign-in" className="font-medium text-brand-700 hover:underline">
                {t("partner.signIn.staffLink")}
              </Link>
            </p>
          </div>
        </main>
      </section>
    </div>
  );
}

// The sign-in page of the console and of the partner portal (one layout for both): the program's
// brand with the area's name and lead on the left (wide screens), the form on the right.
import Link from "next/link";
import type { Locale } from "@/lib/i18n/locales";
import type { Translate } from "@/lib/i18n/translate";
import { LanguageSwitcher } from "@/components/shell/language-switcher";
import { brandStyle } from "@/components/admin/brand";

export function StaffSignInFrame({
  programName,
  brandColor,
  area,
  lead,
  heading,
  footer,
  locale,
  t,
  children,
}: {
  programName: string;
  brandColor: string | null | undefined;
  /** The area's name ("Console", "Partner portal") and what it is for. */
  area: string;
  lead: string;
  heading: string;
  /** The line under the form (where others sign in). */
  footer: React.ReactNode;
  locale: Locale;
  t: Translate;
  children: React.ReactNode;
}) {
  return (
    <div style={brandStyle(brandColor)} className="grid min-h-dvh lg:grid-cols-2">
      <section className="relative hidden overflow-hidden bg-brand-900 p-12 text-white lg:flex lg:flex-col lg:justify-between">
        <div
          aria-hidden
          className="pointer-events-none absolute inset-0 opacity-40 [background:radial-gradient(40rem_24rem_at_90%_0%,var(--brand),transparent),radial-gradient(30rem_20rem_at_0%_100%,var(--brand),transparent)]"
        />
        <Link href="/" className="relative flex items-center gap-3 text-lg font-bold">
          <span aria-hidden className="grid size-10 place-items-center rounded-xl bg-white text-xl font-black text-brand-700">
            {programName.slice(0, 1)}
          </span>
          {programName}
        </Link>
        <div className="relative">
          <p className="text-4xl font-black leading-tight tracking-tight">{area}</p>
          <p className="mt-3 max-w-md text-white/80">{lead}</p>
        </div>
        <p className="relative text-sm text-white/60">{t("footer.poweredBy")}</p>
      </section>
      <section className="flex flex-col bg-slate-50">
        <div className="flex items-center justify-between bg-brand-900 px-4 py-3 text-white lg:justify-end lg:bg-transparent lg:text-slate-900">
          <span className="font-bold lg:hidden">{programName}</span>
          <LanguageSwitcher locale={locale} t={t} className="[&_button]:text-current" />
        </div>
        <main id="main" className="flex flex-1 items-center justify-center px-4 py-10">
          <div className="w-full max-w-sm">
            <h1 className="text-2xl font-bold tracking-tight">{heading}</h1>
            <p className="mt-1 text-sm text-slate-600 lg:hidden">{lead}</p>
            {children}
            <p className="mt-6 text-center text-sm text-slate-600">{footer}</p>
          </div>
        </main>
      </section>
    </div>
  );
}

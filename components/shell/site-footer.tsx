import Link from "next/link";
import type { Translate } from "@/lib/i18n/translate";

export function SiteFooter({ programName, t }: { programName: string; t: Translate }) {
  const year = new Date().getFullYear();
  return (
    <footer className="mt-16 border-t border-slate-200 bg-white">
      <div className="mx-auto grid max-w-6xl gap-6 px-4 py-10 text-sm text-slate-600 sm:grid-cols-3">
        <div>
          <p className="font-semibold text-slate-900">{programName}</p>
          <p className="mt-1">
            © {year}. {t("footer.rights")}
          </p>
        </div>
        <nav aria-label="Footer" className="flex flex-col gap-2">
          <Link className="hover:text-slate-900" href="/cabinet">
            {t("nav.cabinet")}
          </Link>
          <Link className="hover:text-slate-900" href="/admin">
            {t("footer.forStaff")}
          </Link>
          <Link className="hover:text-slate-900" href="/partner">
            {t("footer.forPartners")}
          </Link>
          <Link className="hover:text-slate-900" href="/docs/api">
            {t("nav.apiDocs")}
          </Link>
        </nav>
        <p className="sm:text-right">{t("footer.poweredBy")}</p>
      </div>
    </footer>
  );
}

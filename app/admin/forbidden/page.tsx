// Shown when a signed-in staff user opens a page their role may not see.
import Link from "next/link";
import { getPrincipal } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { getT, pageTitle } from "@/lib/i18n/server";
import { buttonClass } from "@/components/ui/button";
import { StaffSignOutButton } from "@/components/shell/staff-nav";

export const generateMetadata = pageTitle("title.console.forbidden");

export default async function ForbiddenPage() {
  const { t } = await getT();
  const p = await getPrincipal("staff");
  const consoleUser = p?.kind === "staff" && can(p.role, "console.access");
  return (
    <div className={consoleUser ? "py-10" : "grid min-h-dvh place-items-center bg-slate-50 px-4"}>
      <div className="mx-auto max-w-md rounded-2xl bg-white p-8 text-center shadow-sm ring-1 ring-slate-200">
        <span aria-hidden className="mx-auto grid size-12 place-items-center rounded-full bg-amber-100 text-xl text-amber-700">
          ⛔
        </span>
        <h1 className="mt-4 text-xl font-bold">{t("console.forbidden.title")}</h1>
        <p className="mt-2 text-sm text-slate-600">{t("console.forbidden.text")}</p>
        {p?.kind === "staff" && p.role === "partner_manager" && <p className="mt-2 text-sm text-slate-600">{t("console.forbidden.partner")}</p>}
        <div className="mt-6 flex justify-center gap-2">
          {consoleUser ? (
            <Link href="/admin" className={buttonClass("primary")}>
              {t("console.forbidden.home")}
            </Link>
          ) : (
            <StaffSignOutButton area="console" className={buttonClass("secondary")} />
          )}
        </div>
      </div>
    </div>
  );
}

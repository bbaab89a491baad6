// Partner sign-in: branded with the program, clear errors, the lockout explained. Fans and
// console staff who land here are told this portal is not theirs.
import Link from "next/link";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { getPrincipal } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { getT, pageTitle } from "@/lib/i18n/server";
import { asPartner } from "@/lib/partner/session";
import { StaffSignInFrame } from "@/components/shell/staff-sign-in";
import { SignInForm } from "@/app/admin/sign-in/sign-in-form";
import { StaffSignOutButton } from "@/components/shell/staff-nav";
import { firstProgramBrand } from "@/lib/admin/program-info";

export const generateMetadata = pageTitle("title.signIn");

export default async function PartnerSignInPage() {
  await connection();
  const principal = await getPrincipal("staff");
  if (asPartner(principal)) redirect("/partner");
  const program = await firstProgramBrand(db());
  const { t, locale } = await getT(program?.defaultLocale === "en" ? "en" : "ru");
  const refusedAs = principal ? t(principal.kind === "customer" ? "partner.signIn.refusedCustomer" : "partner.signIn.refusedStaff") : null;
  return (
    <StaffSignInFrame
      programName={program?.name ?? "Tribune"}
      brandColor={program?.brandColor}
      area={t("partner.title")}
      lead={t("partner.signIn.lead")}
      heading={t("partner.signIn.title")}
      footer={
        <>
          {t("partner.signIn.staff")}{" "}
          <Link href="/admin/sign-in" className="font-medium text-brand-700 hover:underline">
            {t("partner.signIn.staffLink")}
          </Link>
        </>
      }
      locale={locale}
      t={t}
    >
      {refusedAs && (
        <div role="alert" data-testid="partner-refused" className="mt-6 rounded-xl bg-amber-50 p-4 text-sm text-amber-900 ring-1 ring-amber-200">
          <p>{t("partner.signIn.refused", { who: refusedAs })}</p>
          <StaffSignOutButton area="portal" className="mt-3 rounded-lg bg-white px-3 py-1.5 font-medium ring-1 ring-amber-300 hover:bg-amber-100" />
        </div>
      )}
      <div className="mt-6 rounded-2xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
        <SignInForm next="/partner" requireRole="partner_manager" />
      </div>
    </StaffSignInFrame>
  );
}

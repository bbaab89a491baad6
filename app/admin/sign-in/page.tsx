// Staff sign-in: branded with the program, clear errors, the 15-minute lockout explained.
import Link from "next/link";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { getPrincipal } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { getT, pageTitle } from "@/lib/i18n/server";
import { StaffSignInFrame } from "@/components/shell/staff-sign-in";
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
  return (
    <StaffSignInFrame
      programName={program?.name ?? "Tribune"}
      brandColor={program?.brandColor}
      area={t("console.title")}
      lead={t("console.signIn.lead")}
      heading={t("console.signIn.title")}
      footer={
        <>
          {t("console.signIn.fans")}{" "}
          <Link href="/cabinet" className="font-medium text-brand-700 hover:underline">
            {t("console.signIn.fansLink")}
          </Link>
        </>
      }
      locale={locale}
      t={t}
    >
      <div className="mt-6 rounded-2xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
        <SignInForm next={next} />
      </div>
    </StaffSignInFrame>
  );
}

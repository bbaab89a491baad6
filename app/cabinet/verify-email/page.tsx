// Email verification: the link from the email lands here; one press confirms the address.
import Link from "next/link";
import { getT, pageTitle } from "@/lib/i18n/server";
import { Crest } from "@/components/cabinet/shell";
import { verifyEmailAction } from "./actions";

export const generateMetadata = pageTitle("title.cabinet.verifyEmail", { robots: { index: false } });

export default async function VerifyEmailPage({ searchParams }: { searchParams: Promise<{ token?: string; done?: string; failed?: string }> }) {
  const sp = await searchParams;
  const { t } = await getT();
  const link = "inline-flex h-11 items-center justify-center rounded-xl bg-brand-600 px-5 text-sm font-semibold text-white hover:bg-brand-700";
  return (
    <main id="main" className="mx-auto flex min-h-dvh max-w-md flex-col items-center justify-center gap-5 px-6 text-center">
      <Crest className="size-16" />
      <h1 className="text-2xl font-black">{t("cabinet.verify.title")}</h1>
      {sp.done ? (
        <>
          <p role="status" className="text-slate-700">
            {t("cabinet.verify.ok", { email: sp.done })}
          </p>
          <Link href="/cabinet/profile" className={link}>
            {t("cabinet.verify.toProfile")}
          </Link>
        </>
      ) : sp.failed || !sp.token ? (
        <>
          <p role="alert" className="text-red-800">
            {t("cabinet.verify.failed")}
          </p>
          <Link href="/cabinet/profile" className={link}>
            {t("cabinet.verify.toProfile")}
          </Link>
        </>
      ) : (
        <form action={verifyEmailAction}>
          <input type="hidden" name="token" value={sp.token} />
          <button type="submit" className={link}>
            {t("cabinet.email.verify.cta")}
          </button>
        </form>
      )}
    </main>
  );
}

// Email preferences from an email's unsubscribe link: who is subscribed, one button to unsubscribe
// (a GET never changes anything), and the way to the cabinet's full preferences.
import Link from "next/link";
import { Crest } from "@/components/cabinet/shell";
import { unsubscribeView } from "@/lib/communications/unsubscribe";
import { db } from "@/lib/db/client";
import { getT, pageTitle } from "@/lib/i18n/server";
import { unsubscribeAction } from "./actions";

export const generateMetadata = pageTitle("title.unsubscribe", { robots: { index: false } });

export default async function EmailPreferencesPage({ params, searchParams }: { params: Promise<{ token: string }>; searchParams: Promise<{ done?: string }> }) {
  const { token } = await params;
  const sp = await searchParams;
  const { t } = await getT();
  const view = await unsubscribeView(db(), decodeURIComponent(token));
  const button = "inline-flex h-11 items-center justify-center rounded-xl bg-brand-600 px-5 text-sm font-semibold text-white hover:bg-brand-700";
  return (
    <main id="main" className="mx-auto flex min-h-dvh max-w-md flex-col items-center justify-center gap-5 px-6 text-center">
      <Crest className="size-16" />
      <h1 className="text-2xl font-black">{t("comms.unsub.title")}</h1>
      {!view ? (
        <p role="alert" className="text-red-800">
          {t("comms.unsub.invalid")}
        </p>
      ) : view.subscribed ? (
        <>
          <p className="text-slate-700">{t("comms.unsub.lead", { email: view.address ?? "—", program: view.programName })}</p>
          <form action={unsubscribeAction}>
            <input type="hidden" name="token" value={decodeURIComponent(token)} />
            <button type="submit" className={button}>
              {t("comms.unsub.button")}
            </button>
          </form>
        </>
      ) : (
        <>
          {sp.done ? (
            <p role="status" className="font-semibold text-emerald-800">
              {t("comms.unsub.done")}
            </p>
          ) : null}
          <p className="text-slate-700">{t("comms.unsub.leadOff", { email: view.address ?? "—", program: view.programName })}</p>
        </>
      )}
      <Link href="/cabinet/profile" className="text-sm font-semibold text-brand-700 underline underline-offset-4">
        {t("comms.unsub.cabinet")}
      </Link>
    </main>
  );
}

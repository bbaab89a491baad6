// A site asks to sign the member in (OpenID Connect). The cabinet's session is the login; the
// member agrees once per site, and later sign-ins continue without this page.
import Link from "next/link";
import { redirect } from "next/navigation";
import { getPrincipal } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { finishSignIn, memberDisplayName, pendingSignIn } from "@/lib/identity/interactions";
import { getT, pageTitle } from "@/lib/i18n/server";
import type { Locale } from "@/lib/i18n/locales";
import type { MessageKey } from "@/lib/i18n/messages/en";
import { currentProgram } from "@/lib/program/current";
import { Crest } from "@/components/cabinet/shell";
import { decideAction } from "./actions";

export const generateMetadata = pageTitle("title.signIn");

export default async function ConnectPage({ params }: { params: Promise<{ uid: string }> }) {
  const { uid } = await params;
  const here = `/cabinet/connect/${encodeURIComponent(uid)}`;
  const p = await getPrincipal("cabinet");
  if (!p || p.kind !== "customer") redirect(`/cabinet/sign-in?next=${encodeURIComponent(here)}`);
  const program = await currentProgram(db());
  const { t } = await getT((program?.defaultLocale as Locale) ?? "ru");
  const pending = /^[A-Za-z0-9_-]{8,64}$/.test(uid) ? await pendingSignIn(db(), uid, p.id) : null;
  if (pending && pending.consented && pending.programId === p.programId) {
    const next = await finishSignIn(db(), uid, { id: p.id, programId: p.programId }, "allow");
    if (next) redirect(next);
  }
  const memberName = await memberDisplayName(db(), p.id);
  return (
    <main id="main" className="flex min-h-dvh items-start justify-center px-4 py-10 sm:items-center">
      <div className="w-full max-w-md rounded-2xl bg-white p-6 shadow-sm ring-1 ring-slate-200 sm:p-8">
        <div className="flex items-center gap-3 text-slate-900">
          <Crest className="size-10 shrink-0" />
          <span className="font-bold">{program?.name ?? "Tribune"}</span>
        </div>
        {!pending ? (
          <>
            <h1 className="mt-6 text-xl font-black tracking-tight">{t("identity.error.title")}</h1>
            <p role="alert" className="mt-2 text-sm text-slate-700">
              {t("identity.consent.expired")}
            </p>
            <Link href="/cabinet" className="mt-6 inline-block rounded-lg px-4 py-2 text-sm font-semibold text-brand-800 underline ring-1 ring-slate-300">
              {t("identity.toCabinet")}
            </Link>
          </>
        ) : pending.programId !== p.programId ? (
          <>
            <h1 className="mt-6 text-xl font-black tracking-tight">{t("identity.consent.title", { site: pending.siteName })}</h1>
            <p role="alert" className="mt-2 text-sm text-slate-700">
              {t("identity.consent.wrongProgram")}
            </p>
            <form action={decideAction} className="mt-6">
              <input type="hidden" name="uid" value={uid} />
              <button name="decision" value="deny" className="rounded-lg px-4 py-2 text-sm font-semibold text-slate-900 ring-1 ring-slate-300">
                {t("identity.consent.deny")}
              </button>
            </form>
          </>
        ) : (
          <>
            <h1 className="mt-6 text-xl font-black tracking-tight">{t("identity.consent.title", { site: pending.siteName })}</h1>
            <p className="mt-2 text-sm text-slate-700">{t("identity.consent.lead", { site: pending.siteName, program: program?.name ?? "Tribune" })}</p>
            <ul className="mt-4 space-y-2" aria-label={t("console.sites.scopes")}>
              {pending.scopes.map((s) => (
                <li key={s} className="flex items-center gap-2 text-sm text-slate-800">
                  <span aria-hidden className="size-2 rounded-full bg-brand-600" />
                  {t(`identity.scope.${s}` as MessageKey)}
                </li>
              ))}
            </ul>
            <p className="mt-5 text-sm text-slate-600">{t("identity.consent.as", { name: memberName })}</p>
            <form action={decideAction} className="mt-6 flex flex-wrap gap-3">
              <input type="hidden" name="uid" value={uid} />
              <button
                name="decision"
                value="allow"
                className="rounded-lg bg-brand-700 px-5 py-2.5 text-sm font-semibold text-white hover:bg-brand-800 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700"
              >
                {t("identity.consent.allow")}
              </button>
              <button name="decision" value="deny" className="rounded-lg px-5 py-2.5 text-sm font-semibold text-slate-900 ring-1 ring-slate-300 hover:bg-slate-50">
                {t("identity.consent.deny")}
              </button>
            </form>
            <p className="mt-4 text-xs text-slate-600">{t("identity.consent.note")}</p>
          </>
        )}
      </div>
    </main>
  );
}

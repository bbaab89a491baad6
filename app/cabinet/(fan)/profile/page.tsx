// Profile: names, birth date (once), phone (SMS re-verification), email (verified link),
// consents, cards, data export, deletion request, sign out (here and everywhere).
import { pageTitle } from "@/lib/i18n/server";
import Link from "next/link";
import { getProfile } from "@/lib/customers/profile";
import { pendingEmail } from "@/lib/customers/email-link";
import { formatDate } from "@/lib/i18n/translate";
import { PageTitle } from "@/components/cabinet/ui";
import { Badge } from "@/components/ui/badge";
import { Panel } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/button";
import { CabinetForm, Submit, TextInput } from "@/components/cabinet/form";
import { TextArea } from "@/components/cabinet/textarea";
import { PhoneChange } from "@/components/cabinet/phone-change";
import { ConsentsForm } from "@/components/cabinet/consents-form";
import { SignOutButton } from "@/components/cabinet/sign-out-button";
import { SignOutEverywhere } from "@/components/cabinet/sign-out-everywhere";
import { Icon } from "@/components/cabinet/icons";
import { loadCabinet } from "../../_lib/context";
import { ConnectedSites } from "./connected-sites";
import {
  confirmPhoneChangeAction,
  requestDeletionAction,
  requestEmailAction,
  requestPhoneChangeAction,
  saveConsentsAction,
  saveNamesAction,
  setBirthDateAction,
  signOutEverywhereAction,
  withdrawDeletionAction,
} from "./actions";

export const generateMetadata = pageTitle("title.cabinet.profile");

export default async function ProfilePage() {
  const { customer: c, program, t, locale, db } = await loadCabinet();
  const [{ cards, deletionRequestedAt }, pending] = await Promise.all([getProfile(db, c.id), pendingEmail(db, c.id)]);
  const tz = program.timezone;
  const today = new Date().toISOString().slice(0, 10);
  return (
    <div>
      <PageTitle title={t("cabinet.profile.title")} />
      <div className="grid gap-5 lg:grid-cols-2">
        <Panel density="roomy" title={t("cabinet.profile.personal")} id="personal">
          <CabinetForm action={saveNamesAction} className="space-y-4">
            <div className="grid gap-4 sm:grid-cols-2">
              <TextInput name="firstName" label={t("cabinet.profile.firstName")} defaultValue={c.firstName ?? ""} autoComplete="given-name" maxLength={60} />
              <TextInput name="lastName" label={t("cabinet.profile.lastName")} defaultValue={c.lastName ?? ""} autoComplete="family-name" maxLength={60} />
            </div>
            <Submit variant="secondary">{t("cabinet.profile.save")}</Submit>
          </CabinetForm>
          <div className="mt-5 border-t border-slate-100 pt-4">
            {c.birthDate ? (
              <div>
                <p className="text-sm font-medium text-slate-800">{t("cabinet.profile.birthDate")}</p>
                <p className="mt-1 text-lg font-semibold">{formatDate(locale, c.birthDate, "UTC")}</p>
                <p className="mt-1 text-xs text-slate-500">{t("cabinet.profile.birthDateLocked")}</p>
              </div>
            ) : (
              <CabinetForm action={setBirthDateAction} className="space-y-3">
                <TextInput name="birthDate" type="date" max={today} min="1900-01-01" label={t("cabinet.profile.birthDate")} hint={t("cabinet.profile.birthDateOnce")} required />
                <Submit variant="secondary">{t("cabinet.profile.save")}</Submit>
              </CabinetForm>
            )}
          </div>
        </Panel>

        <Panel density="roomy" title={t("cabinet.profile.contacts")} id="contacts">
          <div className="space-y-5">
            <div>
              <p className="text-sm font-medium text-slate-500">{t("cabinet.profile.phone")}</p>
              <p className="mt-0.5 flex flex-wrap items-center gap-2 text-lg font-semibold" data-testid="profile-phone">
                {c.phone ?? "—"}
                {c.phoneVerifiedAt && <Badge tone="green">{t("cabinet.profile.phoneVerified")}</Badge>}
              </p>
              <div className="mt-2">
                <PhoneChange request={requestPhoneChangeAction} confirm={confirmPhoneChangeAction} />
              </div>
            </div>
            <div className="border-t border-slate-100 pt-4">
              <p className="text-sm font-medium text-slate-500">{t("cabinet.profile.email")}</p>
              <p className="mt-0.5 flex flex-wrap items-center gap-2 break-all text-lg font-semibold">
                {c.email ?? <span className="text-base font-normal text-slate-500">{t("cabinet.profile.noEmail")}</span>}
                {c.email && (c.emailVerifiedAt ? <Badge tone="green">{t("cabinet.profile.verified")}</Badge> : <Badge tone="amber">{t("cabinet.profile.unverified")}</Badge>)}
              </p>
              {pending && <p className="mt-1 text-sm text-amber-800">{t("cabinet.profile.pendingEmail", { email: pending })}</p>}
              <CabinetForm action={requestEmailAction} className="mt-3 space-y-3" resetOnSuccess>
                <TextInput name="email" type="email" autoComplete="email" label={c.email ? t("cabinet.profile.changeEmail") : t("cabinet.profile.addEmail")} required />
                <Submit variant="secondary">{t("cabinet.profile.sendLink")}</Submit>
              </CabinetForm>
            </div>
          </div>
        </Panel>

        <Panel density="roomy" title={t("cabinet.profile.consents")} id="consents">
          <ConsentsForm action={saveConsentsAction} email={c.emailConsent} sms={c.smsConsent} />
        </Panel>

        <Panel density="roomy" title={t("cabinet.profile.cards")} id="cards">
          <ul className="space-y-2">
            {cards.map((card) => (
              <li key={card.id} className="flex items-center justify-between gap-3 rounded-xl bg-slate-50 px-3 py-2.5 ring-1 ring-slate-200">
                <span className="flex items-center gap-2 font-mono text-sm font-semibold tracking-wider">
                  <Icon name="card" className="size-5 text-slate-500" />
                  {card.number}
                </span>
                <Badge tone={card.status === "active" ? "green" : "neutral"}>{t(`cabinet.profile.cardStatus.${card.status}`)}</Badge>
              </li>
            ))}
          </ul>
          <Link href="/cabinet/card" className="mt-3 inline-flex text-sm font-semibold text-brand-700 hover:underline">
            {t("cabinet.home.showCard")} →
          </Link>
        </Panel>

        <ConnectedSites db={db} customerId={c.id} t={t} locale={locale} timezone={tz} />

        <Panel density="roomy" title={t("cabinet.profile.data")} id="data">
          <p className="text-sm text-slate-600">{t("cabinet.profile.exportHint")}</p>
          <a href="/cabinet/profile/export" download className={`${buttonClass("secondary", "lg")} mt-3`}>
            <Icon name="download" />
            {t("cabinet.profile.export")}
          </a>
          <div className="mt-5 border-t border-slate-100 pt-4">
            {deletionRequestedAt ? (
              <div className="space-y-3">
                <p className="text-sm font-medium text-red-800">{t("cabinet.profile.deleteRequested", { date: formatDate(locale, deletionRequestedAt, tz) })}</p>
                <CabinetForm action={withdrawDeletionAction}>
                  <Submit variant="secondary">{t("cabinet.profile.withdraw")}</Submit>
                </CabinetForm>
              </div>
            ) : (
              <details className="group">
                <summary className="cursor-pointer list-none text-sm font-semibold text-red-700 hover:underline [&::-webkit-details-marker]:hidden">{t("cabinet.profile.delete")}</summary>
                <p className="mt-2 text-sm text-slate-600">{t("cabinet.profile.deleteHint")}</p>
                <CabinetForm action={requestDeletionAction} className="mt-3 space-y-3">
                  <TextArea name="reason" label={t("cabinet.profile.deleteReason")} rows={2} maxLength={1000} />
                  <p className="text-sm font-medium text-slate-800">{t("cabinet.profile.deleteConfirm")}</p>
                  <Submit variant="danger">{t("cabinet.profile.delete")}</Submit>
                </CabinetForm>
              </details>
            )}
          </div>
        </Panel>

        <Panel density="roomy" title={t("cabinet.profile.sessions")} id="sessions">
          <p className="text-sm text-slate-600">{t("cabinet.profile.sessionsHint")}</p>
          <div className="mt-3 flex flex-wrap gap-2">
            <SignOutButton className={buttonClass("secondary", "lg")} />
            <SignOutEverywhere action={signOutEverywhereAction} className={buttonClass("dangerSoft", "lg")} />
          </div>
          <Link href="/cabinet/feedback" className="mt-4 inline-flex items-center gap-2 text-sm font-semibold text-brand-700 hover:underline">
            <Icon name="feedback" className="size-4" />
            {t("cabinet.nav.feedback")} →
          </Link>
        </Panel>
      </div>
    </div>
  );
}

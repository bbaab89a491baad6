// The profile's "Connected sites": sites the member signed in to with this account, each revocable.
import type { Db } from "@/lib/db/client";
import { connectedSites } from "@/lib/identity/clients";
import type { Locale } from "@/lib/i18n/locales";
import type { MessageKey } from "@/lib/i18n/messages/en";
import { formatDate, type Translate } from "@/lib/i18n/translate";
import { Panel } from "@/components/ui/card";
import { ConfirmAction } from "@/components/cabinet/confirm-action";
import { revokeSiteAction } from "./sites-actions";

export async function ConnectedSites({ db, customerId, t, locale, timezone }: { db: Db; customerId: string; t: Translate; locale: Locale; timezone: string }) {
  const sites = await connectedSites(db, customerId);
  return (
    <Panel density="roomy" title={t("identity.profile.title")} id="sites">
      <p className="text-sm text-slate-600">{t("identity.profile.lead")}</p>
      {sites.length === 0 ? (
        <p className="mt-3 rounded-xl bg-slate-50 px-3 py-3 text-sm text-slate-600 ring-1 ring-slate-200">{t("identity.profile.empty")}</p>
      ) : (
        <ul className="mt-3 space-y-2" data-testid="connected-sites">
          {sites.map((s) => (
            <li key={s.clientId} className="flex flex-wrap items-center justify-between gap-3 rounded-xl bg-slate-50 px-3 py-2.5 ring-1 ring-slate-200">
              <div className="min-w-0">
                <p className="font-semibold text-slate-900">{s.name}</p>
                <p className="text-xs text-slate-600">
                  {t("identity.profile.since", { date: formatDate(locale, s.since, timezone) })} ·{" "}
                  {s.scopes
                    .filter((x) => x !== "openid")
                    .map((x) => t(`identity.scope.${x}` as MessageKey))
                    .join(", ")}
                </p>
              </div>
              <ConfirmAction
                action={revokeSiteAction}
                fields={{ clientId: s.clientId, name: s.name }}
                label={t("identity.profile.revoke")}
                question={`${t("identity.profile.revoke")}: ${s.name}?`}
                confirmLabel={t("identity.profile.revoke")}
                variant="secondary"
              />
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}

// The partner's stores and their tills: issue a POS key (shown once), revoke a key.
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/admin/page-header";
import { Badge } from "@/components/ui/badge";
import { Panel } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/states";
import { IssueKeyForm, RevokeKeyButton } from "@/components/shell/terminal-keys";
import { db } from "@/lib/db/client";
import { getT, pageTitle } from "@/lib/i18n/server";
import { formatDate } from "@/lib/i18n/translate";
import { partnerInfo } from "@/lib/partner/partner-info";
import { requirePartner } from "@/lib/partner/session";
import { listPartnerStores } from "@/lib/partner/stores";
import { issuePartnerKeyAction, revokePartnerKeyAction } from "./actions";

export const generateMetadata = pageTitle("title.partner.stores");

export default async function PartnerStoresPage() {
  const me = await requirePartner();
  const [info, stores] = await Promise.all([partnerInfo(db(), me.partnerId), listPartnerStores(db(), me.partnerId)]);
  if (!info) notFound();
  const { t, locale } = await getT(info.program.defaultLocale === "en" ? "en" : "ru");
  const day = (d: Date, tz: string) => formatDate(locale, d, tz, { dateStyle: "medium" });

  return (
    <>
      <PageHeader title={t("partner.stores.title")} description={t("partner.stores.lead")} />
      {stores.length === 0 ? (
        <EmptyState title={t("partner.stores.empty")} text={t("partner.stores.emptyHint")} />
      ) : (
        <div className="space-y-6">
          {stores.map((s) => (
            <Panel
              key={s.id}
              id={`store-${s.code}`}
              title={
                <span>
                  {s.name}{" "}
                  <span className="text-sm font-normal text-slate-500">
                    · {s.code} · {s.timezone}
                  </span>
                </span>
              }
            >
              {s.tags.length > 0 && (
                <p className="-mt-1 mb-3 flex flex-wrap gap-1">
                  {s.tags.map((tag) => (
                    <Badge key={tag} tone="brand">
                      {tag}
                    </Badge>
                  ))}
                </p>
              )}
              <h3 className="text-sm font-semibold text-slate-900">{t("partner.stores.terminals")}</h3>
              {s.terminals.length === 0 ? (
                <p className="mt-2 text-sm text-slate-500">{t("partner.stores.noTerminals")}</p>
              ) : (
                <ul className="mt-2 divide-y divide-slate-100 rounded-xl ring-1 ring-slate-200">
                  {s.terminals.map((term) => (
                    <li key={term.id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3 text-sm" data-testid="terminal-row">
                      <div className="min-w-0">
                        <p className="flex flex-wrap items-center gap-2 font-medium text-slate-900">
                          {term.name}
                          {term.revoked ? (
                            <Badge tone="red">{t("partner.stores.revoked")}</Badge>
                          ) : term.pendingApproval ? (
                            <Badge tone="amber">{t("partner.stores.pending")}</Badge>
                          ) : (
                            <Badge tone="green">{t("partner.stores.active")}</Badge>
                          )}
                        </p>
                        <p className="text-xs text-slate-500">
                          <code className="font-mono">{term.keyPrefix}…</code> · {t("partner.stores.created", { date: day(term.createdAt, s.timezone) })} ·{" "}
                          {term.lastUsedAt ? t("partner.stores.lastUsed", { date: day(term.lastUsedAt, s.timezone) }) : t("partner.stores.neverUsed")}
                        </p>
                      </div>
                      {!term.revoked && <RevokeKeyButton action={revokePartnerKeyAction} fields={{ terminalId: term.id }} label={term.name} />}
                    </li>
                  ))}
                </ul>
              )}
              <div className="mt-4 border-t border-slate-100 pt-4">
                <IssueKeyForm action={issuePartnerKeyAction} fields={{ storeId: s.id }} />
              </div>
            </Panel>
          ))}
        </div>
      )}
    </>
  );
}

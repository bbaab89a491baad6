// One store: its settings and its POS keys (issue: shown once; revoke).
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/admin/page-header";
import { Badge } from "@/components/ui/badge";
import { Panel } from "@/components/ui/card";
import { FlashToast } from "@/components/admin/toast";
import { can, requirePermission } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { getT, pageTitle } from "@/lib/i18n/server";
import { formatDate } from "@/lib/i18n/translate";
import { listPartners, storeWithTerminals } from "@/lib/admin/stores";
import { updateStoreAction } from "../actions";
import { StoreForm } from "../store-form";
import { IssueKeyForm, RevokeKeyButton } from "@/components/shell/terminal-keys";
import { ApproveKeyButton } from "../terminal-keys";
import { issueKeyAction, revokeKeyAction } from "../actions";

export const generateMetadata = pageTitle("title.console.store");

export default async function StorePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ created?: string }> }) {
  const staff = await requirePermission("stores.view");
  const { id } = await params;
  const sp = await searchParams;
  const { t, locale } = await getT();
  const store = await storeWithTerminals(db(), staff.programId, id);
  if (!store) notFound();
  const partners = await listPartners(db(), staff.programId);
  const canEdit = can(staff.role, "stores.edit");
  const canKeys = can(staff.role, "terminals.manage");
  const when = (d: Date | null) => (d ? formatDate(locale, d, store.timezone, { dateStyle: "medium", timeStyle: "short" }) : t("console.common.never"));
  return (
    <>
      {sp.created && <FlashToast message={t("console.stores.created")} />}
      <PageHeader title={store.name} description={<span className="font-mono text-xs">{store.code}</span>} back={{ href: "/admin/stores", label: t("console.stores.title") }} />
      <div className="grid gap-6 xl:grid-cols-2">
        <Panel title={t("console.stores.settings")}>
          <StoreForm action={updateStoreAction} partners={partners} store={store} readOnly={!canEdit} />
        </Panel>
        <Panel title={t("console.stores.keys")}>
          <p className="mb-4 text-sm text-slate-600">{t("console.stores.keysLead")}</p>
          {canKeys && <IssueKeyForm action={issueKeyAction} fields={{ storeId: store.id }} />}
          <ul className="mt-5 divide-y divide-slate-100" data-testid="terminals">
            {store.terminals.map((k) => (
              <li key={k.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
                <div className="min-w-0">
                  <p className="font-medium">
                    {k.name}{" "}
                    {k.revoked ? (
                      <Badge tone="red">{t("console.stores.revoked")}</Badge>
                    ) : k.pendingApproval ? (
                      <Badge tone="amber">{t("console.stores.pending")}</Badge>
                    ) : (
                      <Badge tone="green">{t("console.stores.active")}</Badge>
                    )}
                  </p>
                  {!k.revoked && k.pendingApproval && <p className="text-xs text-amber-800">{t("console.stores.pendingLead")}</p>}
                  <p className="font-mono text-xs text-slate-500">{k.keyPrefix}…</p>
                  <p className="text-xs text-slate-500">
                    {t("console.stores.issuedAt", { date: when(k.createdAt) })} · {t("console.stores.lastUsed", { date: when(k.lastUsedAt) })}
                    {k.revokedAt && <> · {t("console.stores.revokedAt", { date: when(k.revokedAt) })}</>}
                  </p>
                </div>
                {canKeys && !k.revoked && (
                  <div className="flex gap-2">
                    {k.pendingApproval && <ApproveKeyButton terminalId={k.id} storeId={store.id} />}
                    <RevokeKeyButton action={revokeKeyAction} fields={{ terminalId: k.id, storeId: store.id }} label={k.name} />
                  </div>
                )}
              </li>
            ))}
            {store.terminals.length === 0 && <li className="py-3 text-sm text-slate-500">{t("console.stores.noKeys")}</li>}
          </ul>
        </Panel>
      </div>
    </>
  );
}

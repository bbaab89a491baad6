// Sites of the identity centre (owner only): the club's other sites that sign members in through
// Tribune with OpenID Connect — register one, see its members, disable it, issue a new secret.
import { DataTable } from "@/components/admin/data-table";
import { ActionButton } from "@/components/admin/action-form";
import { PageHeader } from "@/components/admin/page-header";
import { Badge } from "@/components/ui/badge";
import { Panel } from "@/components/ui/card";
import { requirePermission } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { appUrl } from "@/lib/env";
import { getT, pageTitle } from "@/lib/i18n/server";
import { formatDate, formatNumber } from "@/lib/i18n/translate";
import { listClients, OIDC_SCOPES } from "@/lib/identity/clients";
import { programInfo } from "@/lib/admin/program-info";
import { registerSiteAction, rotateSecretAction, setSiteActiveAction } from "./actions";
import { RegisterSiteForm, RotateSecret } from "./site-forms";

export const generateMetadata = pageTitle("title.console.sites");

export default async function SitesPage() {
  const staff = await requirePermission("sites.manage");
  const { t, locale } = await getT();
  const [sites, program] = await Promise.all([listClients(db(), staff.programId), programInfo(db(), staff.programId, locale)]);
  return (
    <>
      <PageHeader title={t("console.sites.title")} description={t("console.sites.lead", { issuer: appUrl() })} />
      <div className="grid gap-6 2xl:grid-cols-[minmax(0,1fr)_26rem]">
        <DataTable
          caption={t("console.sites.title")}
          page={1}
          pageSize={Math.max(sites.length, 1)}
          total={sites.length}
          empty={t("console.sites.empty")}
          columns={[
            { id: "name", header: t("console.sites.name") },
            { id: "type", header: t("console.sites.type"), hideBelow: "md" },
            { id: "members", header: t("console.sites.members") },
            { id: "status", header: t("console.sites.status") },
            { id: "actions", header: "" },
          ]}
          rows={sites.map((s) => ({
            id: s.id,
            cells: {
              name: (
                <div className="min-w-0">
                  <div className="font-medium text-slate-900">{s.name}</div>
                  <code className="block truncate text-xs text-slate-600">{s.id}</code>
                  <div className="truncate text-xs text-slate-600">{s.redirectUris.join(", ")}</div>
                  <div className="text-xs text-slate-600">
                    {formatDate(locale, s.createdAt, program.timezone, { dateStyle: "medium" })} · {s.scopes.join(" ")}
                  </div>
                </div>
              ),
              type: <span className="text-sm">{s.confidential ? t("console.sites.confidential") : t("console.sites.public")}</span>,
              members: <span className="tabular-nums">{formatNumber(locale, s.members)}</span>,
              status: s.active ? <Badge tone="green">{t("console.sites.active")}</Badge> : <Badge tone="neutral">{t("console.sites.disabled")}</Badge>,
              actions: (
                <div className="flex flex-wrap justify-end gap-2">
                  {s.confidential && s.active && <RotateSecret action={rotateSecretAction} clientId={s.id} />}
                  <ActionButton action={setSiteActiveAction} fields={{ clientId: s.id, active: s.active ? "0" : "1" }}>
                    {s.active ? t("console.sites.disable") : t("console.sites.enable")}
                  </ActionButton>
                </div>
              ),
            },
          }))}
        />
        <Panel title={t("console.sites.new")} className="self-start">
          <RegisterSiteForm action={registerSiteAction} scopes={OIDC_SCOPES} />
        </Panel>
      </div>
    </>
  );
}

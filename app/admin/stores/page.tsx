// Stores & keys: every point of sale with its partner, time zone, tags and live POS keys.
import Link from "next/link";
import { ButtonLink } from "@/components/ui/button";
import { DataTable } from "@/components/admin/data-table";
import { PageHeader } from "@/components/admin/page-header";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/states";
import { can, requirePermission } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { getT, pageTitle } from "@/lib/i18n/server";
import { listStores } from "@/lib/admin/stores";

export const generateMetadata = pageTitle("title.console.stores");

export default async function StoresPage() {
  const staff = await requirePermission("stores.view");
  const { t } = await getT();
  const stores = await listStores(db(), staff.programId);
  const canEdit = can(staff.role, "stores.edit");
  return (
    <>
      <PageHeader
        title={t("console.stores.title")}
        description={t("console.stores.lead")}
        actions={
          canEdit ? (
            <ButtonLink href="/admin/stores/new" variant="primary">
              {t("console.stores.new")}
            </ButtonLink>
          ) : undefined
        }
      />
      <DataTable
        caption={t("console.stores.title")}
        page={1}
        pageSize={stores.length}
        total={stores.length}
        columns={[
          { id: "name", header: t("console.stores.name") },
          { id: "partner", header: t("console.stores.partner"), hideBelow: "md" },
          { id: "timezone", header: t("console.stores.timezone"), hideBelow: "lg" },
          { id: "tags", header: t("console.stores.tags"), hideBelow: "sm" },
          { id: "keys", header: t("console.stores.keys"), align: "right" },
        ]}
        rows={stores.map((s) => ({
          id: s.id,
          href: `/admin/stores/${s.id}`,
          cells: {
            name: (
              <div>
                <Link href={`/admin/stores/${s.id}`} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
                  {s.name}
                </Link>
                <div className="font-mono text-xs text-slate-500">{s.code}</div>
              </div>
            ),
            partner: s.partner?.name ?? "—",
            timezone: <span className="text-xs">{s.timezone}</span>,
            tags: (
              <span className="flex flex-wrap gap-1">
                {s.tags.map((tag) => (
                  <Badge key={tag}>{tag}</Badge>
                ))}
              </span>
            ),
            keys: (
              <span className="flex items-center gap-2 tabular-nums">
                {s.terminals.filter((k) => !k.revoked && !k.pendingApproval).length}
                {s.terminals.some((k) => !k.revoked && k.pendingApproval) && (
                  <Badge tone="amber">{t("console.stores.pendingCount", { count: s.terminals.filter((k) => !k.revoked && k.pendingApproval).length })}</Badge>
                )}
              </span>
            ),
          },
        }))}
        empty={<EmptyState title={t("console.stores.empty")} />}
      />
    </>
  );
}

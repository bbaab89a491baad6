// A new store.
import { PageHeader } from "@/components/admin/page-header";
import { Panel } from "@/components/ui/card";
import { requirePermission } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { getT, pageTitle } from "@/lib/i18n/server";
import { listPartners } from "@/lib/admin/stores";
import { createStoreAction } from "../actions";
import { StoreForm } from "../store-form";

export const generateMetadata = pageTitle("title.console.newStore");

export default async function NewStorePage() {
  const staff = await requirePermission("stores.edit");
  const { t } = await getT();
  const partners = await listPartners(db(), staff.programId);
  return (
    <>
      <PageHeader title={t("console.stores.new")} back={{ href: "/admin/stores", label: t("console.stores.title") }} />
      <Panel className="max-w-3xl">
        <StoreForm action={createStoreAction} partners={partners} />
      </Panel>
    </>
  );
}

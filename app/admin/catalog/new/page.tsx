// A new catalog item.
import { CatalogItemForm } from "@/components/admin/catalog/item-form";
import { PageHeader } from "@/components/admin/page-header";
import { programInfo } from "@/lib/admin/program-info";
import { requirePermission } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { getT, pageTitle } from "@/lib/i18n/server";
import { saveCatalogItem } from "../actions";
import { itemValues } from "../item-values";

export const generateMetadata = pageTitle("title.console.newCatalogItem");

export default async function NewCatalogItemPage() {
  const staff = await requirePermission("catalog.edit");
  const { t, locale } = await getT();
  const program = await programInfo(db(), staff.programId, locale);
  return (
    <>
      <PageHeader title={t("cat.new")} back={{ href: "/admin/catalog", label: t("cat.title") }} />
      <CatalogItemForm values={itemValues(null, program.timezone)} tiers={program.tiers.map((x) => ({ value: x.code, label: x.name }))} action={saveCatalogItem} />
    </>
  );
}

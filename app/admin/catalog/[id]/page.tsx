// One catalog item: its form (marketers and owners edit; others read) and a preview of the picture.
import { notFound } from "next/navigation";
import { CatalogItemForm } from "@/components/admin/catalog/item-form";
import { PageHeader } from "@/components/admin/page-header";
import { FlashToast } from "@/components/admin/toast";
import { programInfo } from "@/lib/admin/program-info";
import { can, requirePermission } from "@/lib/auth/permissions";
import { getCatalogItem, itemTitle } from "@/lib/catalog";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { getT, pageTitle } from "@/lib/i18n/server";
import { saveCatalogItem } from "../actions";
import { itemValues } from "../item-values";

export const generateMetadata = pageTitle("title.console.catalogItem");

export default async function CatalogItemPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const staff = await requirePermission("catalog.view");
  const { id } = await params;
  const sp = await searchParams;
  const { t, locale } = await getT();
  const item = await getCatalogItem(db(), staff.programId, id).catch((e) => {
    if (e instanceof AppError && e.code === "not_found") notFound();
    throw e;
  });
  const program = await programInfo(db(), staff.programId, locale);
  return (
    <>
      {sp.created && <FlashToast message={t("cat.created")} />}
      <PageHeader title={itemTitle(item, locale)} description={item.code} back={{ href: "/admin/catalog", label: t("cat.title") }} />
      <CatalogItemForm
        values={itemValues(item, program.timezone)}
        tiers={program.tiers.map((x) => ({ value: x.code, label: x.name }))}
        action={saveCatalogItem}
        disabled={!can(staff.role, "catalog.edit")}
      />
    </>
  );
}

// A new promotion: the editor on a draft, with the live preview.
import { PageHeader } from "@/components/admin/page-header";
import { PromotionEditor } from "@/components/admin/promotions/promotion-editor";
import { programInfo } from "@/lib/admin/program-info";
import { requirePermission } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { getT, pageTitle } from "@/lib/i18n/server";
import { editorOptions } from "@/lib/promotions/console";
import { newPromotion } from "@/lib/promotions/editor-form";
import { previewAction, savePromotionAction } from "../actions";

export const generateMetadata = pageTitle("title.console.newPromotion");

export default async function NewPromotionPage() {
  const staff = await requirePermission("promotions.edit");
  const { t, locale } = await getT();
  const program = await programInfo(db(), staff.programId, locale);
  const options = await editorOptions(db(), staff.programId, locale, program.tiers);
  return (
    <>
      <PageHeader title={t("console.promo.newTitle")} description={t("console.promo.newLead")} back={{ href: "/admin/promotions", label: t("console.promo.title") }} />
      <PromotionEditor initial={newPromotion()} editing={null} options={options} canEdit save={savePromotionAction} preview={previewAction} />
    </>
  );
}

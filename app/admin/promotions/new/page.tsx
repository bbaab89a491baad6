// A new promotion: the editor on a draft (or on a copy of another promotion, `?from=code`), with the live preview.
import { PageHeader } from "@/components/admin/page-header";
import { PromotionEditor } from "@/components/admin/promotions/promotion-editor";
import { programInfo } from "@/lib/admin/program-info";
import { requirePermission } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { getT, pageTitle } from "@/lib/i18n/server";
import { editorOptions } from "@/lib/promotions/console";
import { copyOfPromotion, newPromotion } from "@/lib/promotions/editor-form";
import { promoText } from "@/lib/promotions/definition";
import { currentDefinitions } from "@/lib/promotions/store";
import { param, type SearchParams } from "@/lib/admin/table-params";
import { previewAction, savePromotionAction } from "../actions";

export const generateMetadata = pageTitle("title.console.newPromotion");

export default async function NewPromotionPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const staff = await requirePermission("promotions.edit");
  const { t, locale } = await getT();
  const from = param(await searchParams, "from");
  const source = from ? (await currentDefinitions(db(), staff.programId)).find((p) => p.def.code === from) : undefined;
  const program = await programInfo(db(), staff.programId, locale);
  const options = await editorOptions(db(), staff.programId, locale, program.tiers);
  return (
    <>
      <PageHeader
        title={t("console.promo.newTitle")}
        description={source ? t("console.promo.duplicateLead", { name: promoText(source.def.name, locale) }) : t("console.promo.newLead")}
        back={{ href: "/admin/promotions", label: t("console.promo.title") }}
      />
      <PromotionEditor
        initial={source ? copyOfPromotion(source.def as unknown as Record<string, unknown>) : newPromotion()}
        editing={null}
        options={options}
        canEdit
        save={savePromotionAction}
        preview={previewAction}
      />
    </>
  );
}

// Edit a promotion: the editor on the version in force (analysts see it read-only, with the
// preview); saving a change makes a new version and goes to the promotion's page. No remount key on
// the version: the save's answer must reach the editor that sent it.
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/admin/page-header";
import { PromotionEditor } from "@/components/admin/promotions/promotion-editor";
import { programInfo } from "@/lib/admin/program-info";
import { can, requirePermission } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { getT, pageTitle } from "@/lib/i18n/server";
import { editorOptions } from "@/lib/promotions/console";
import { PROMOTION_CODE, promoText } from "@/lib/promotions/definition";
import { currentDefinitions } from "@/lib/promotions/store";
import { previewAction, savePromotionAction } from "../../actions";

export const generateMetadata = pageTitle("title.console.editPromotion");

export default async function EditPromotionPage({ params }: { params: Promise<{ code: string }> }) {
  const staff = await requirePermission("promotions.view");
  const { t, locale } = await getT();
  const { code } = await params;
  if (!PROMOTION_CODE.test(code)) notFound();
  const current = (await currentDefinitions(db(), staff.programId)).find((p) => p.def.code === code);
  if (!current) notFound();
  const program = await programInfo(db(), staff.programId, locale);
  const options = await editorOptions(db(), staff.programId, locale, program.tiers);
  return (
    <>
      <PageHeader
        title={t("console.promo.editTitle", { name: promoText(current.def.name, locale) })}
        description={t("console.promo.version", { version: current.version })}
        back={{ href: `/admin/promotions/${code}`, label: promoText(current.def.name, locale) }}
      />
      <PromotionEditor
        initial={current.def as unknown as Record<string, unknown>}
        editing={code}
        options={options}
        canEdit={can(staff.role, "promotions.edit")}
        save={savePromotionAction}
        preview={previewAction}
      />
    </>
  );
}

// One of the partner's groups in the builder: change and save, or delete. Another partner's group is a 404.
import { notFound } from "next/navigation";
import { ActionButton } from "@/components/admin/action-form";
import { PageHeader } from "@/components/admin/page-header";
import { PartnerGroupBuilder } from "@/components/partner/group-builder";
import { ButtonLink } from "@/components/ui/button";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { getT, pageTitle } from "@/lib/i18n/server";
import { partnerGroupOptions } from "@/lib/partner/group-options";
import { partnerInfo } from "@/lib/partner/partner-info";
import { getPartnerGroup, PARTNER_CONDITION_KINDS } from "@/lib/partner/segments";
import { requirePartner } from "@/lib/partner/session";
import { previewPartnerGroup, removePartnerGroup, savePartnerGroup } from "../../actions";

export const generateMetadata = pageTitle("title.partner.group");

export default async function PartnerGroupPage({ params }: { params: Promise<{ id: string }> }) {
  const me = await requirePartner();
  const { id } = await params;
  const info = await partnerInfo(db(), me.partnerId);
  if (!info) notFound();
  const { t, locale } = await getT(info.program.defaultLocale === "en" ? "en" : "ru");
  const group = await getPartnerGroup(db(), me.partnerId, id, locale).catch((e) => {
    if (e instanceof AppError && e.code === "not_found") return null;
    throw e;
  });
  if (!group) notFound();
  const options = await partnerGroupOptions(db(), me, locale);
  return (
    <>
      <PageHeader
        title={group.name}
        description={t("partner.groups.lead")}
        back={{ href: "/partner/customers", label: t("partner.groups.back") }}
        actions={
          <>
            <ButtonLink href={`/partner/customers?group=${group.id}`}>{t("partner.nav.customers")}</ButtonLink>
            <ActionButton
              action={removePartnerGroup}
              fields={{ id: group.id }}
              variant="danger"
              size="md"
              confirm={{ title: t("partner.groups.deleteTitle"), text: t("partner.groups.deleteText"), confirmLabel: t("partner.groups.delete") }}
            >
              {t("partner.groups.delete")}
            </ActionButton>
          </>
        }
      />
      <PartnerGroupBuilder
        key={group.updatedAt.toISOString()}
        id={group.id}
        name={group.name}
        initial={group.definition}
        canEdit
        options={options}
        kinds={PARTNER_CONDITION_KINDS}
        preview={previewPartnerGroup}
        save={savePartnerGroup}
      />
    </>
  );
}

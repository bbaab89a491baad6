"use client";
// The console's segment builder in the partner's scope: only the conditions a partner may use,
// sample members linking to the partner's own customer cards (by the partner's reference).
import { SegmentBuilder, type SegmentBuilderProps } from "@/components/admin/segments/segment-builder";
import { useT } from "@/lib/i18n/client";
import type { SegmentCondition } from "@/lib/segments/definition";

const cardHref = (ref: string) => `/partner/customers/${ref}`;

export function PartnerGroupBuilder(props: Omit<SegmentBuilderProps, "memberHref" | "kinds"> & { kinds: SegmentCondition["kind"][] }) {
  const t = useT();
  const wording = { count: t("partner.groups.count"), name: t("partner.groups.name"), namePlaceholder: t("partner.groups.namePlaceholder"), save: t("partner.groups.save") };
  return <SegmentBuilder {...props} memberHref={cardHref} wording={wording} />;
}

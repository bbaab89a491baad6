// Triggered messages: each kind with when it goes, its category's rules, how many went out in 30
// days, and its form (marketers edit; analysts and support read).
import { PageHeader } from "@/components/admin/page-header";
import { Badge } from "@/components/ui/badge";
import { Panel } from "@/components/ui/card";
import { can, requirePermission } from "@/lib/auth/permissions";
import { now } from "@/lib/clock";
import { codePromotions, listTriggers, previewTrigger } from "@/lib/communications/console";
import { programInfo } from "@/lib/admin/program-info";
import { definitionInForce } from "@/lib/program/in-force";
import { TRIGGER_CATEGORY, TRIGGER_PLACEHOLDERS } from "@/lib/communications/trigger-kinds";
import { db } from "@/lib/db/client";
import { localized, type LocalizedText } from "@/lib/i18n/localized";
import { getT, pageTitle } from "@/lib/i18n/server";
import { formatDate, formatNumber } from "@/lib/i18n/translate";
import { TriggerForm } from "./trigger-form";

export const generateMetadata = pageTitle("title.console.messageTriggers");

export default async function TriggersPage() {
  const staff = await requirePermission("messages.view");
  const { t, locale } = await getT();
  const [triggers, promotions] = await Promise.all([listTriggers(db(), staff.programId, now()), codePromotions(db(), staff.programId)]);
  const canEdit = can(staff.role, "messages.edit");
  const program = await programInfo(db(), staff.programId, locale);
  const tiers = (await definitionInForce(db(), staff.programId, now()))?.definition.tiers ?? [];
  const sample = {
    tier: localized(tiers[1]?.name ?? "Silver", locale),
    previousTier: localized(tiers[0]?.name ?? "Bronze", locale),
    date: formatDate(locale, new Date(now().getTime() + 14 * 86_400_000), program.timezone),
  };
  const previews = await Promise.all(triggers.map((tr) => previewTrigger(db(), staff.programId, tr, locale, sample)));
  const options = promotions.map((p) => ({ code: p.code, label: `${localized(p.name as LocalizedText, locale) || p.code} (${p.code})` }));
  return (
    <>
      <PageHeader title={t("console.msg.tr.title")} description={t("console.msg.tr.lead")} back={{ href: "/admin/messages", label: t("console.msg.tr.back") }} />
      {!canEdit && (
        <p role="note" className="mb-4 rounded-lg bg-slate-100 px-4 py-2 text-sm text-slate-700">
          {t("console.msg.tr.readOnly")}
        </p>
      )}
      <div className="space-y-6">
        {triggers.map((tr, i) => (
          <Panel
            key={tr.kind}
            id={`trigger-${tr.kind}`}
            title={
              <span className="flex flex-wrap items-center gap-2">
                {t(`console.msg.kind.${tr.kind}`)}
                <Badge tone={tr.enabled ? "green" : "neutral"}>{tr.enabled ? t("console.msg.tr.enabled") : t("console.msg.tr.disabled")}</Badge>
                <Badge tone="blue">{t(`console.msg.category.${TRIGGER_CATEGORY[tr.kind]}`)}</Badge>
                <span className="text-sm font-normal text-slate-600">{t("console.msg.tr.sent30d", { n: formatNumber(locale, tr.sent30d) })}</span>
              </span>
            }
          >
            <p className="text-sm text-slate-700">{t(`console.msg.tr.when.${tr.kind}`)}</p>
            <p className="mb-4 text-xs text-slate-600">{t(`console.msg.tr.category.${TRIGGER_CATEGORY[tr.kind] === "transactional" ? "transactional" : "marketing"}`)}</p>
            <TriggerForm trigger={tr} placeholders={TRIGGER_PLACEHOLDERS[tr.kind]} promotions={options} canEdit={canEdit} />
            <details className="mt-4">
              <summary className="cursor-pointer text-sm font-semibold text-brand-700">{t("console.msg.tr.preview", { subject: previews[i].subject })}</summary>
              <iframe
                title={t("console.msg.tr.previewTitle", { kind: t(`console.msg.kind.${tr.kind}`) })}
                srcDoc={previews[i].html}
                sandbox=""
                className="mt-2 h-[28rem] w-full rounded-lg border border-slate-200 bg-slate-100"
              />
            </details>
          </Panel>
        ))}
      </div>
    </>
  );
}

"use client";
// The partner's controls on one campaign: pause / resume / end (immediate, a new version with only
// the status changed), and generating unique codes once it is approved.
import { useState } from "react";
import { ActionButton, ActionForm, SubmitButton } from "@/components/admin/action-form";
import { TextField } from "@/components/admin/form-field";
import { useT } from "@/lib/i18n/client";
import type { CampaignState } from "@/lib/partner/campaigns/campaigns";
import { generatePartnerCodesAction, setPartnerCampaignStatusAction } from "@/app/partner/campaigns/actions";

export function CampaignStatusActions({ code, name, state }: { code: string; name: string; state: CampaignState }) {
  const t = useT();
  const live = state === "active" || state === "scheduled" || state === "paused";
  return (
    <>
      {/* All stay mounted (hidden when not applicable) so the toast of the one just used still shows after the page refreshes. */}
      <span hidden={state !== "active" && state !== "scheduled"}>
        <ActionButton action={setPartnerCampaignStatusAction} fields={{ code, status: "paused" }} size="md">
          {t("partner.cmp.pause")}
        </ActionButton>
      </span>
      <span hidden={state !== "paused"}>
        <ActionButton action={setPartnerCampaignStatusAction} fields={{ code, status: "active" }} size="md" variant="primary">
          {t("partner.cmp.resume")}
        </ActionButton>
      </span>
      <span hidden={!live && state !== "awaiting_approval"}>
        <ActionButton
          action={setPartnerCampaignStatusAction}
          fields={{ code, status: "ended" }}
          size="md"
          variant="danger"
          confirm={{ title: t("partner.cmp.endConfirm", { name }), confirmLabel: live ? t("partner.cmp.end") : t("partner.cmp.withdraw"), danger: true }}
        >
          {live ? t("partner.cmp.end") : t("partner.cmp.withdraw")}
        </ActionButton>
      </span>
    </>
  );
}

export function GenerateCodesForm({ code }: { code: string }) {
  const t = useT();
  const [sample, setSample] = useState<string[]>([]);
  return (
    <div className="space-y-3">
      <ActionForm
        action={generatePartnerCodesAction}
        className="flex flex-wrap items-end gap-3"
        aria-label={t("partner.cmp.d.generate")}
        onSuccess={(r) => setSample((r.data as { sample?: string[] } | undefined)?.sample ?? [])}
      >
        <input type="hidden" name="code" value={code} />
        <TextField label={t("partner.cmp.d.count")} name="count" type="number" min={1} max={10000} defaultValue="100" required className="w-40" />
        <SubmitButton>{t("partner.cmp.d.generate")}</SubmitButton>
      </ActionForm>
      {sample.length > 0 && (
        <p className="text-sm text-slate-700" data-testid="codes-sample">
          <code className="font-mono">{sample.join(", ")}</code>
        </p>
      )}
    </div>
  );
}

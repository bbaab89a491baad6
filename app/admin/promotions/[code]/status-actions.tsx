"use client";
// Pause, resume, activate or end a promotion: each a new version with only the status changed.
import { ActionButton } from "@/components/admin/action-form";
import { useT } from "@/lib/i18n/client";
import type { PromotionViewStatus } from "@/lib/promotions/console";
import { setStatusAction } from "../actions";

export function StatusActions({ code, name, status }: { code: string; name: string; status: PromotionViewStatus }) {
  const t = useT();
  return (
    <>
      {/* All stay mounted (hidden when not applicable) so the toast of the one just used still shows after the page refreshes. */}
      <span hidden={status !== "active" && status !== "scheduled"}>
        <ActionButton action={setStatusAction} fields={{ code, status: "paused" }} size="md">
          {t("console.promo.pause")}
        </ActionButton>
      </span>
      <span hidden={status !== "paused"}>
        <ActionButton action={setStatusAction} fields={{ code, status: "active" }} size="md" variant="primary">
          {t("console.promo.resume")}
        </ActionButton>
      </span>
      <span hidden={status !== "draft"}>
        <ActionButton
          action={setStatusAction}
          fields={{ code, status: "active" }}
          size="md"
          variant="primary"
          confirm={{ title: t("console.promo.activateTitle", { name }), text: t("console.promo.activateText"), confirmLabel: t("console.promo.activate") }}
        >
          {t("console.promo.activate")}
        </ActionButton>
      </span>
      <span hidden={status === "ended" || status === "draft"}>
        <ActionButton
          action={setStatusAction}
          fields={{ code, status: "ended" }}
          size="md"
          variant="danger"
          confirm={{ title: t("console.promo.endTitle", { name }), text: t("console.promo.endText"), confirmLabel: t("console.promo.end"), danger: true }}
        >
          {t("console.promo.end")}
        </ActionButton>
      </span>
    </>
  );
}

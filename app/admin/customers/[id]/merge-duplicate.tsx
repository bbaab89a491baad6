"use client";
// Merging a duplicate in two steps: name it exactly (id, phone or card number), then see both
// customers side by side and confirm. The merge submits the exact id that was shown.
import { useState } from "react";
import { ActionForm, SubmitButton } from "@/components/admin/action-form";
import { TextField } from "@/components/admin/form-field";
import { Button } from "@/components/ui/button";
import type { MergeSide } from "@/lib/admin/merge-customers";
import { useT } from "@/lib/i18n/client";
import { findMergeAction, mergeAction } from "./actions";

function Side({ side, title, tone }: { side: MergeSide; title: string; tone: "keep" | "go" }) {
  const t = useT();
  const none = t("console.c360.merge.none");
  const rows: [string, string][] = [
    [t("console.c360.merge.phone"), side.phone ?? none],
    [t("console.c360.merge.email"), side.email ?? none],
    [t("console.c360.merge.cards"), side.cards.join(", ") || none],
    [t("console.c360.merge.points"), side.points.toLocaleString()],
    [t("console.c360.merge.receipts"), String(side.receipts)],
    [t("console.c360.merge.since"), new Date(side.createdAt).toLocaleDateString()],
  ];
  return (
    <div className={`rounded-xl p-3 ring-1 ${tone === "keep" ? "bg-emerald-50 ring-emerald-200" : "bg-amber-50 ring-amber-200"}`} data-testid={tone === "keep" ? "merge-keep" : "merge-duplicate"}>
      <p className="text-xs font-semibold uppercase tracking-wide text-slate-600">{title}</p>
      <p className="mt-1 font-medium text-slate-900">{side.name || side.id}</p>
      <p className="font-mono text-xs text-slate-600">{side.id}</p>
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-xs">
        {rows.map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="text-slate-600">{k}</dt>
            <dd className="break-all text-slate-900">{v}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

export function MergeDuplicate({ customerId, name, reasonField }: { customerId: string; name: string; reasonField: React.ReactNode }) {
  const t = useT();
  const [found, setFound] = useState<{ keep: MergeSide; merge: MergeSide } | null>(null);
  if (!found) {
    return (
      <ActionForm
        action={findMergeAction}
        className="space-y-3"
        aria-label={t("console.c360.merge.title")}
        onSuccess={(r) => setFound((r.data as { keep: MergeSide; merge: MergeSide } | undefined) ?? null)}
      >
        <input type="hidden" name="customerId" value={customerId} />
        <p className="text-sm text-slate-600">{t("console.c360.merge.text", { name })}</p>
        <TextField label={t("console.c360.merge.duplicate")} name="duplicate" required hint={t("console.c360.merge.duplicateHint")} autoComplete="off" />
        <SubmitButton variant="secondary">{t("console.c360.merge.find")}</SubmitButton>
      </ActionForm>
    );
  }
  return (
    <ActionForm
      action={mergeAction}
      className="space-y-3"
      aria-label={t("console.c360.merge.title")}
      confirm={{ title: t("console.c360.merge.confirmTitle"), text: t("console.c360.merge.confirmText", { name }), confirmLabel: t("console.c360.merge.submit") }}
    >
      <input type="hidden" name="customerId" value={customerId} />
      <input type="hidden" name="mergeId" value={found.merge.id} />
      <div className="grid gap-3 sm:grid-cols-2">
        <Side side={found.keep} title={t("console.c360.merge.keeps")} tone="keep" />
        <Side side={found.merge} title={t("console.c360.merge.goes")} tone="go" />
      </div>
      {reasonField}
      <div className="flex flex-wrap gap-2">
        <SubmitButton variant="danger">{t("console.c360.merge.submit")}</SubmitButton>
        <Button variant="secondary" onClick={() => setFound(null)}>
          {t("console.c360.merge.back")}
        </Button>
      </div>
    </ActionForm>
  );
}

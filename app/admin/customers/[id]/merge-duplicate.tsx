"use client";
// Merging a duplicate in two steps: name it exactly (id, phone or card number), then see both
// customers side by side and confirm. The merge submits the exact id that was shown.
import { useState } from "react";
import { ActionForm, SubmitButton } from "@/components/admin/action-form";
import { TextField } from "@/components/admin/form-field";
import { Button } from "@/components/admin/button";
import type { MergeSide } from "@/lib/admin/merge-customers";
import { findMergeAction, mergeAction } from "./actions";

export interface MergeText {
  title: string;
  text: string;
  duplicate: string;
  duplicateHint: string;
  submit: string;
  confirmTitle: string;
  confirmText: string;
  find: string;
  back: string;
  keeps: string;
  goes: string;
  phone: string;
  email: string;
  cards: string;
  points: string;
  receipts: string;
  since: string;
  none: string;
}

function Side({ side, title, tone, text }: { side: MergeSide; title: string; tone: "keep" | "go"; text: MergeText }) {
  const rows: [string, string][] = [
    [text.phone, side.phone ?? text.none],
    [text.email, side.email ?? text.none],
    [text.cards, side.cards.join(", ") || text.none],
    [text.points, side.points.toLocaleString()],
    [text.receipts, String(side.receipts)],
    [text.since, new Date(side.createdAt).toLocaleDateString()],
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

export function MergeDuplicate({ customerId, text, reasonField }: { customerId: string; text: MergeText; reasonField: React.ReactNode }) {
  const [found, setFound] = useState<{ keep: MergeSide; merge: MergeSide } | null>(null);
  if (!found) {
    return (
      <ActionForm action={findMergeAction} className="space-y-3" aria-label={text.title} onSuccess={(r) => setFound((r.data as { keep: MergeSide; merge: MergeSide } | undefined) ?? null)}>
        <input type="hidden" name="customerId" value={customerId} />
        <p className="text-sm text-slate-600">{text.text}</p>
        <TextField label={text.duplicate} name="duplicate" required hint={text.duplicateHint} autoComplete="off" />
        <SubmitButton variant="secondary">{text.find}</SubmitButton>
      </ActionForm>
    );
  }
  return (
    <ActionForm action={mergeAction} className="space-y-3" aria-label={text.title} confirm={{ title: text.confirmTitle, text: text.confirmText, confirmLabel: text.submit }}>
      <input type="hidden" name="customerId" value={customerId} />
      <input type="hidden" name="mergeId" value={found.merge.id} />
      <div className="grid gap-3 sm:grid-cols-2">
        <Side side={found.keep} title={text.keeps} tone="keep" text={text} />
        <Side side={found.merge} title={text.goes} tone="go" text={text} />
      </div>
      {reasonField}
      <div className="flex flex-wrap gap-2">
        <SubmitButton variant="danger">{text.submit}</SubmitButton>
        <Button variant="secondary" onClick={() => setFound(null)}>
          {text.back}
        </Button>
      </div>
    </ActionForm>
  );
}

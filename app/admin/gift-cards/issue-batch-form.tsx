"use client";
// Issue a printed batch: the CSV with numbers and PINs is offered for download once, right here.
import { useState } from "react";
import { ActionForm, SubmitButton } from "@/components/admin/action-form";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/admin/form-field";
import { useT } from "@/lib/i18n/client";
import { issueBatchAction } from "./actions";

type Issued = { batchId: string; csv: string; preview: { number: string; pin: string }[] };

export function IssueBatchForm({ defaultExpiry }: { defaultExpiry: string }) {
  const t = useT();
  const [issued, setIssued] = useState<Issued | null>(null);
  if (issued) {
    const href = `data:text/csv;charset=utf-8,${encodeURIComponent(issued.csv)}`;
    return (
      <div role="status" className="space-y-3 rounded-xl bg-amber-50 p-4 ring-1 ring-amber-200">
        <p className="text-sm font-medium text-amber-900">{t("console.giftCards.shownOnce")}</p>
        <table className="text-sm">
          <thead>
            <tr className="text-left text-amber-900">
              <th scope="col" className="pr-6 font-medium">
                {t("console.giftCards.number")}
              </th>
              <th scope="col" className="font-medium">
                {t("console.giftCards.pin")}
              </th>
            </tr>
          </thead>
          <tbody className="font-mono">
            {issued.preview.map((c) => (
              <tr key={c.number}>
                <td className="pr-6">{c.number}</td>
                <td>{c.pin}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="flex flex-wrap gap-2">
          <a
            data-testid="batch-csv"
            href={href}
            download={`gift-certificates-${issued.batchId}.csv`}
            className="inline-flex items-center rounded-lg bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700"
          >
            {t("console.giftCards.download")}
          </a>
          <Button size="sm" variant="secondary" onClick={() => setIssued(null)}>
            {t("console.giftCards.done")}
          </Button>
        </div>
      </div>
    );
  }
  return (
    <ActionForm
      action={issueBatchAction}
      className="grid gap-3 sm:grid-cols-4 sm:items-end"
      aria-label={t("console.giftCards.issueSubmit")}
      onSuccess={(r) => setIssued((r.data as Issued | undefined) ?? null)}
    >
      <TextField label={t("console.giftCards.count")} name="count" type="number" min={1} max={5000} defaultValue="100" required />
      <TextField label={t("console.giftCards.amount")} name="amount" type="number" min={1} step="0.01" defaultValue="3000" required />
      <TextField label={t("console.giftCards.expires")} name="expiresOn" type="date" defaultValue={defaultExpiry} required />
      <SubmitButton>{t("console.giftCards.issueSubmit")}</SubmitButton>
    </ActionForm>
  );
}

"use client";
// Issue a printed batch: the CSV with numbers and PINs is offered for download once, right here.
import { useState } from "react";
import { ActionForm, SubmitButton } from "@/components/admin/action-form";
import { Button } from "@/components/admin/button";
import { TextField } from "@/components/admin/form-field";
import { issueBatchAction } from "./actions";

export interface IssueBatchText {
  count: string;
  amount: string;
  expires: string;
  submit: string;
  shownOnce: string;
  download: string;
  done: string;
  number: string;
  pin: string;
}

type Issued = { batchId: string; csv: string; preview: { number: string; pin: string }[] };

export function IssueBatchForm({ text, defaultExpiry }: { text: IssueBatchText; defaultExpiry: string }) {
  const [issued, setIssued] = useState<Issued | null>(null);
  if (issued) {
    const href = `data:text/csv;charset=utf-8,${encodeURIComponent(issued.csv)}`;
    return (
      <div role="status" className="space-y-3 rounded-xl bg-amber-50 p-4 ring-1 ring-amber-200">
        <p className="text-sm font-medium text-amber-900">{text.shownOnce}</p>
        <table className="text-sm">
          <thead>
            <tr className="text-left text-amber-900">
              <th scope="col" className="pr-6 font-medium">
                {text.number}
              </th>
              <th scope="col" className="font-medium">
                {text.pin}
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
            {text.download}
          </a>
          <Button size="sm" variant="secondary" onClick={() => setIssued(null)}>
            {text.done}
          </Button>
        </div>
      </div>
    );
  }
  return (
    <ActionForm action={issueBatchAction} className="grid gap-3 sm:grid-cols-4 sm:items-end" aria-label={text.submit} onSuccess={(r) => setIssued((r.data as Issued | undefined) ?? null)}>
      <TextField label={text.count} name="count" type="number" min={1} max={5000} defaultValue="100" required />
      <TextField label={text.amount} name="amount" type="number" min={1} step="0.01" defaultValue="3000" required />
      <TextField label={text.expires} name="expiresOn" type="date" defaultValue={defaultExpiry} required />
      <SubmitButton>{text.submit}</SubmitButton>
    </ActionForm>
  );
}

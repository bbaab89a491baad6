"use client";
// A modal confirmation for destructive actions, on the native <dialog> (focus trap, Esc, backdrop).
import { useEffect, useRef } from "react";
import { Button } from "@/components/ui/button";
import { useT } from "@/lib/i18n/client";

export interface ConfirmOptions {
  title: string;
  text?: string;
  confirmLabel?: string;
  danger?: boolean;
}

export function ConfirmDialog({ open, options, onConfirm, onCancel }: { open: boolean; options: ConfirmOptions; onConfirm: () => void; onCancel: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const t = useT();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
      aria-labelledby="confirm-title"
      className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-2xl bg-white p-0 shadow-2xl backdrop:bg-slate-900/40"
    >
      <div className="p-6">
        <h2 id="confirm-title" className="text-lg font-semibold text-slate-900">
          {options.title}
        </h2>
        {options.text && <p className="mt-2 text-sm text-slate-600">{options.text}</p>}
        <div className="mt-6 flex justify-end gap-2">
          <Button variant="secondary" onClick={onCancel} autoFocus>
            {t("console.common.cancel")}
          </Button>
          <Button variant={options.danger === false ? "primary" : "danger"} onClick={onConfirm}>
            {options.confirmLabel ?? t("console.common.confirm")}
          </Button>
        </div>
      </div>
    </dialog>
  );
}

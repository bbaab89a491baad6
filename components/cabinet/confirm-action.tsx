"use client";
// A button that asks "are you sure?" inline, then runs a server action once. Used for redeeming
// (with a click key: a double click sends the same key, the server charges once) and cancelling.
import { useActionState, useEffect, useRef, useState } from "react";
import type { ActionResult } from "@/lib/actions/result";
import { useT } from "@/lib/i18n/client";
import { buttonClass } from "@/components/ui/button";

type Action = (prev: ActionResult | null, form: FormData) => Promise<ActionResult>;

function newKey() {
  return typeof crypto !== "undefined" && "randomUUID" in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

export function ConfirmAction({
  action,
  fields,
  label,
  question,
  confirmLabel,
  pendingLabel,
  variant = "primary",
  withKey = false,
  disabled = false,
  className = "",
}: {
  action: Action;
  fields: Record<string, string>;
  label: string;
  question: string;
  confirmLabel: string;
  /** What the confirm button says while the action runs (default: "Loading…"). */
  pendingLabel?: string;
  variant?: "primary" | "danger" | "secondary";
  withKey?: boolean;
  disabled?: boolean;
  className?: string;
}) {
  const t = useT();
  const [state, formAction, pending] = useActionState(action, null);
  const [open, setOpen] = useState(false);
  const [key, setKey] = useState(newKey);
  const seen = useRef<number | undefined>(undefined);
  useEffect(() => {
    if (!state || state.at === seen.current) return;
    seen.current = state.at;
    setOpen(false);
    // A finished attempt (success or a refusal) frees the key: the next click is a new request.
    setKey(newKey());
  }, [state]);
  return (
    <div className={className}>
      {!open ? (
        <button type="button" disabled={disabled} onClick={() => setOpen(true)} className={`${buttonClass(variant === "danger" ? "dangerSoft" : variant, "lg")} w-full`}>
          {label}
        </button>
      ) : (
        <form action={formAction} className="space-y-2 rounded-xl bg-slate-50 p-3 ring-1 ring-slate-200">
          {Object.entries(fields).map(([k, v]) => (
            <input key={k} type="hidden" name={k} value={v} />
          ))}
          {withKey && <input type="hidden" name="key" value={key} />}
          <p className="text-sm font-medium text-slate-800">{question}</p>
          <div className="grid grid-cols-2 gap-2">
            <button type="button" onClick={() => setOpen(false)} disabled={pending} className={buttonClass("secondary", "lg")}>
              {t("cabinet.catalog.cancel")}
            </button>
            <button type="submit" disabled={pending} aria-busy={pending || undefined} className={buttonClass(variant === "danger" ? "danger" : "primary", "lg")}>
              {pending ? (pendingLabel ?? t("cabinet.loading")) : confirmLabel}
            </button>
          </div>
        </form>
      )}
      <div aria-live="polite">
        {state && !state.ok && (
          <p role="alert" className="mt-2 text-sm text-red-700">
            {state.error}
          </p>
        )}
        {state?.ok && state.message && (
          <p role="status" className="mt-2 rounded-lg bg-emerald-50 px-3 py-2 text-sm font-medium text-emerald-800 ring-1 ring-emerald-200">
            {state.message}
          </p>
        )}
      </div>
    </div>
  );
}

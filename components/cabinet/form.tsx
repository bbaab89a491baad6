"use client";
// Forms of the cabinet: a server action through useActionState, the fan's texts, field errors
// next to their inputs, a success note, pending state on the button.
import { createContext, useActionState, useContext, useEffect, useRef, type ReactNode } from "react";
import { useFormStatus } from "react-dom";
import type { ActionResult } from "@/lib/actions/result";

type Action = (prev: ActionResult | null, form: FormData) => Promise<ActionResult>;

const FieldErrorsContext = createContext<Record<string, string>>({});

export function CabinetForm({
  action,
  children,
  className = "",
  resetOnSuccess = false,
  onResult,
  showSuccess = true,
  id,
  "aria-label": ariaLabel,
}: {
  action: Action;
  children: ReactNode;
  className?: string;
  resetOnSuccess?: boolean;
  onResult?: (r: ActionResult) => void;
  showSuccess?: boolean;
  id?: string;
  "aria-label"?: string;
}) {
  const [state, formAction] = useActionState(action, null);
  const ref = useRef<HTMLFormElement>(null);
  const seen = useRef<number | undefined>(undefined);
  useEffect(() => {
    if (!state || state.at === seen.current) return;
    seen.current = state.at;
    if (state.ok && resetOnSuccess) ref.current?.reset();
    onResult?.(state);
  }, [state, resetOnSuccess, onResult]);
  const fieldErrors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <form ref={ref} action={formAction} className={className} noValidate id={id} aria-label={ariaLabel}>
      <FieldErrorsContext.Provider value={fieldErrors}>{children}</FieldErrorsContext.Provider>
      <div aria-live="polite">
        {state && !state.ok && !Object.keys(fieldErrors).length && (
          <p role="alert" className="mt-3 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200">
            {state.error}
          </p>
        )}
        {state?.ok && state.message && showSuccess && (
          <p role="status" className="mt-3 rounded-lg bg-emerald-50 px-3 py-2 text-sm text-emerald-800 ring-1 ring-emerald-200">
            {state.message}
          </p>
        )}
      </div>
    </form>
  );
}

export const inputClass =
  "block w-full rounded-xl border-0 bg-white px-3.5 py-3 text-base text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-inset focus:ring-brand-600 disabled:bg-slate-100 disabled:text-slate-400 sm:text-sm";

/** Selects draw their box with a border (an inset ring does not render on a select in every browser). */
export const selectClass =
  "block w-full rounded-xl border border-slate-300 bg-white px-3 py-3 text-base text-slate-900 shadow-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600 sm:text-sm";

export function Field({
  name,
  label,
  hint,
  children,
}: {
  name: string;
  label: string;
  hint?: string;
  children: (props: { id: string; "aria-invalid"?: boolean; "aria-describedby"?: string }) => ReactNode;
}) {
  const errors = useContext(FieldErrorsContext);
  const error = errors[name];
  const id = `f-${name}`;
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <div className="mt-1">{children({ id, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy })}</div>
      {hint && (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}

export function TextInput({ name, label, hint, ...rest }: { name: string; label: string; hint?: string } & Omit<React.InputHTMLAttributes<HTMLInputElement>, "name" | "id">) {
  return (
    <Field name={name} label={label} hint={hint}>
      {(p) => <input name={name} className={inputClass} {...p} {...rest} />}
    </Field>
  );
}

export function Submit({ children, pending, variant = "primary", className = "" }: { children: ReactNode; pending?: ReactNode; variant?: "primary" | "secondary" | "danger"; className?: string }) {
  const status = useFormStatus();
  const cls =
    variant === "primary"
      ? "bg-brand-600 text-white shadow-sm hover:bg-brand-700"
      : variant === "danger"
        ? "bg-white text-red-700 ring-1 ring-inset ring-red-200 hover:bg-red-50"
        : "bg-white text-slate-900 ring-1 ring-inset ring-slate-300 hover:bg-slate-50";
  return (
    <button
      type="submit"
      disabled={status.pending}
      aria-busy={status.pending || undefined}
      className={`inline-flex min-h-11 items-center justify-center gap-2 rounded-xl px-4 py-2.5 text-sm font-semibold transition disabled:cursor-wait disabled:opacity-70 ${cls} ${className}`}
    >
      {status.pending && pending ? pending : children}
    </button>
  );
}

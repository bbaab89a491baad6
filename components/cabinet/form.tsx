"use client";
// Forms of the cabinet: a server action through useActionState, the fan's texts, field errors
// next to their inputs, a success note, pending state on the button.
import { createContext, useActionState, useContext, useEffect, useRef, type ReactNode } from "react";
import { useFormStatus } from "react-dom";
import type { ActionResult } from "@/lib/actions/result";
import { buttonClass } from "@/components/ui/button";
import { controlClass, describedBy, FieldFrame } from "@/components/ui/field";

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
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} size="lg">
      {children({ id, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy(id, hint, error) })}
    </FieldFrame>
  );
}

export function TextInput({ name, label, hint, ...rest }: { name: string; label: string; hint?: string } & Omit<React.InputHTMLAttributes<HTMLInputElement>, "name" | "id">) {
  return (
    <Field name={name} label={label} hint={hint}>
      {(p) => <input name={name} className={controlClass("lg", !!p["aria-invalid"])} {...p} {...rest} />}
    </Field>
  );
}

export function Submit({ children, pending, variant = "primary", className = "" }: { children: ReactNode; pending?: ReactNode; variant?: "primary" | "secondary" | "danger"; className?: string }) {
  const status = useFormStatus();
  return (
    <button
      type="submit"
      disabled={status.pending}
      aria-busy={status.pending || undefined}
      className={buttonClass(variant === "danger" ? "dangerSoft" : variant, "lg", `disabled:cursor-wait ${className}`)}
    >
      {status.pending && pending ? pending : children}
    </button>
  );
}

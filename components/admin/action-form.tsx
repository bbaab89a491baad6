"use client";
// A form bound to a console server action (lib/actions/client.ts): pending state, field
// errors next to their controls, a toast with the outcome, optional confirmation first.
// Works without JavaScript too (plain form post), except a form that asks for confirmation: its
// button submits nothing until the page is hydrated, so nothing skips the question.
import { createContext, startTransition, useActionState, useContext, useEffect, useRef, useState, useSyncExternalStore } from "react";
import type { ActionResult } from "@/lib/actions/result";
import { Button, type ButtonSize, type ButtonVariant } from "@/components/ui/button";
import { ConfirmDialog, type ConfirmOptions } from "@/components/ui/dialog";
import { FieldErrorsContext } from "./form-field";
import { useToast } from "./toast";
import { useT } from "@/lib/i18n/client";

export type FormAction<T = unknown> = (prev: ActionResult<T> | null, form: FormData) => Promise<ActionResult<T>>;

const PendingContext = createContext(false);
/** A store that never changes: with useSyncExternalStore, false on the server and while hydrating, true after. */
const neverChanges = () => () => {};
/** False while a form that asks for confirmation cannot ask yet (not hydrated): its button submits nothing. */
const ReadyContext = createContext(true);

export function ActionForm<T = unknown>({
  action,
  children,
  confirm,
  successMessage,
  resetOnSuccess = false,
  onSuccess,
  className = "",
  id,
  "aria-label": ariaLabel,
}: {
  action: FormAction<T>;
  children: React.ReactNode;
  confirm?: ConfirmOptions;
  successMessage?: string;
  resetOnSuccess?: boolean;
  onSuccess?: (result: ActionResult<T> & { ok: true }) => void;
  className?: string;
  id?: string;
  "aria-label"?: string;
}) {
  const [state, formAction, pending] = useActionState<ActionResult<T> | null, FormData>(action, null);
  const formRef = useRef<HTMLFormElement>(null);
  const pendingData = useRef<FormData | null>(null);
  const [asking, setAsking] = useState(false);
  const toast = useToast();
  const t = useT();
  const seen = useRef<ActionResult<T> | null>(null);
  // A form that asks first cannot ask before it is hydrated: a click then would post natively and
  // skip the question (a revoke without "Are you sure?"). Its button waits until it can ask.
  const hydrated = useSyncExternalStore(
    neverChanges,
    () => true,
    () => false,
  );

  useEffect(() => {
    if (!state || seen.current === state) return;
    seen.current = state;
    if (state.ok) {
      const msg = state.message ?? successMessage;
      if (msg) toast(msg, "success");
      if (resetOnSuccess) formRef.current?.reset();
      onSuccess?.(state);
    } else {
      toast(state.error || t("console.common.genericError"), "error");
    }
  }, [state, successMessage, resetOnSuccess, onSuccess, toast, t]);

  function submit(data: FormData) {
    startTransition(() => formAction(data));
  }

  return (
    <PendingContext.Provider value={pending}>
      <ReadyContext.Provider value={hydrated || !confirm}>
        <FieldErrorsContext.Provider value={state && !state.ok ? (state.fieldErrors ?? {}) : {}}>
          <form
            ref={formRef}
            id={id}
            aria-label={ariaLabel}
            action={formAction}
            noValidate={false}
            className={className}
            onSubmit={(e) => {
              // Take over from the native post: no automatic reset, optional confirmation.
              e.preventDefault();
              const native = e.nativeEvent as SubmitEvent;
              const data = new FormData(e.currentTarget, native.submitter ?? undefined);
              if (confirm) {
                pendingData.current = data;
                setAsking(true);
              } else submit(data);
            }}
          >
            {children}
          </form>
          {confirm && (
            <ConfirmDialog
              open={asking}
              options={confirm}
              onCancel={() => setAsking(false)}
              onConfirm={() => {
                setAsking(false);
                if (pendingData.current) submit(pendingData.current);
                pendingData.current = null;
              }}
            />
          )}
        </FieldErrorsContext.Provider>
      </ReadyContext.Provider>
    </PendingContext.Provider>
  );
}

/** The submit button of an ActionForm: disabled and saying so while the action runs. */
export function SubmitButton({
  children,
  variant = "primary",
  size = "md",
  className = "",
  name,
  value,
}: {
  children: React.ReactNode;
  variant?: ButtonVariant;
  size?: ButtonSize;
  className?: string;
  name?: string;
  value?: string;
}) {
  const pending = useContext(PendingContext);
  const ready = useContext(ReadyContext);
  const t = useT();
  return (
    // Not yet ready (a form that asks first, before hydration): a plain button marked aria-disabled —
    // no native post, and no disabled look that would fade out (mid-transition) as the page hydrates.
    <Button
      type={ready ? "submit" : "button"}
      aria-disabled={ready ? undefined : true}
      variant={variant}
      size={size}
      disabled={pending}
      aria-busy={pending || undefined}
      className={className}
      name={name}
      value={value}
    >
      {pending ? t("console.common.saving") : children}
    </Button>
  );
}

/** A one-button form (e.g. "Revoke", "Unblock"), with confirmation and hidden fields. */
export function ActionButton<T = unknown>({
  action,
  fields = {},
  confirm,
  children,
  variant = "secondary",
  size = "sm",
  successMessage,
  onSuccess,
}: {
  action: FormAction<T>;
  fields?: Record<string, string>;
  confirm?: ConfirmOptions;
  children: React.ReactNode;
  variant?: ButtonVariant;
  size?: ButtonSize;
  successMessage?: string;
  onSuccess?: (result: ActionResult<T> & { ok: true }) => void;
}) {
  return (
    <ActionForm action={action} confirm={confirm} successMessage={successMessage} onSuccess={onSuccess} className="inline">
      {Object.entries(fields).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <SubmitButton variant={variant} size={size}>
        {children}
      </SubmitButton>
    </ActionForm>
  );
}

"use client";
// Labelled form controls of the console. Inside an <ActionForm>, a control shows the server's
// error for its `name` by itself.
import { createContext, useContext, useId } from "react";
import type { ComponentProps } from "react";
import type { FieldErrors } from "@/lib/actions/result";
import { controlClass, describedBy as described, FieldFrame, selectClass, SelectOptions } from "@/components/ui/field";

export const FieldErrorsContext = createContext<FieldErrors>({});

interface FieldProps {
  label: React.ReactNode;
  name: string;
  hint?: React.ReactNode;
  error?: string;
  className?: string;
}

function useField(name: string, error?: string) {
  const id = useId();
  const errors = useContext(FieldErrorsContext);
  return { id, error: error ?? errors[name] };
}

export function TextField({ label, name, hint, error, className, ...input }: FieldProps & Omit<ComponentProps<"input">, "name">) {
  const f = useField(name, error);
  return (
    <FieldFrame id={f.id} label={label} hint={hint} error={f.error} required={input.required} className={className}>
      <input id={f.id} name={name} aria-invalid={f.error ? true : undefined} aria-describedby={described(f.id, hint, f.error)} className={controlClass("md", !!f.error)} {...input} />
    </FieldFrame>
  );
}

export function TextAreaField({ label, name, hint, error, className, rows = 3, ...input }: FieldProps & Omit<ComponentProps<"textarea">, "name">) {
  const f = useField(name, error);
  return (
    <FieldFrame id={f.id} label={label} hint={hint} error={f.error} required={input.required} className={className}>
      <textarea id={f.id} name={name} rows={rows} aria-invalid={f.error ? true : undefined} aria-describedby={described(f.id, hint, f.error)} className={controlClass("md", !!f.error)} {...input} />
    </FieldFrame>
  );
}

export interface Option {
  value: string;
  label: string;
}

export function SelectField({
  label,
  name,
  hint,
  error,
  className,
  options,
  placeholder,
  ...input
}: FieldProps & Omit<ComponentProps<"select">, "name"> & { options: Option[]; placeholder?: string }) {
  const f = useField(name, error);
  return (
    <FieldFrame id={f.id} label={label} hint={hint} error={f.error} required={input.required} className={className}>
      <select id={f.id} name={name} aria-invalid={f.error ? true : undefined} aria-describedby={described(f.id, hint, f.error)} className={selectClass("md", !!f.error)} {...input}>
        <SelectOptions options={options} empty={placeholder} />
      </select>
    </FieldFrame>
  );
}

export function CheckboxField({ label, name, hint, error, className = "", ...input }: FieldProps & Omit<ComponentProps<"input">, "name" | "type">) {
  const f = useField(name, error);
  return (
    <div className={className}>
      <label htmlFor={f.id} className="flex items-start gap-2 text-sm text-slate-800">
        <input id={f.id} type="checkbox" name={name} className="mt-0.5 size-4 rounded border-slate-300 accent-brand-600" aria-describedby={described(f.id, hint, f.error)} {...input} />
        <span>{label}</span>
      </label>
      {hint && !f.error && (
        <p id={`${f.id}-hint`} className="ml-6 mt-1 text-xs text-slate-500">
          {hint}
        </p>
      )}
      {f.error && (
        <p id={`${f.id}-error`} className="ml-6 mt-1 text-xs font-medium text-red-700">
          {f.error}
        </p>
      )}
    </div>
  );
}

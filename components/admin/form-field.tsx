"use client";
// Labelled form controls of the console. Inside an <ActionForm>, a control shows the server's
// error for its `name` by itself.
import { createContext, useContext, useId } from "react";
import type { ComponentProps } from "react";
import type { FieldErrors } from "@/lib/actions/result";

export const FieldErrorsContext = createContext<FieldErrors>({});

const CONTROL =
  "block w-full rounded-lg border-0 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-inset focus:ring-brand-600 disabled:bg-slate-50 disabled:text-slate-400";
const INVALID = "ring-red-400 focus:ring-red-600";

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

/** A label, the control, and its hint or error below (for controls not bound to a form field). */
export function FieldFrame({
  id,
  label,
  hint,
  error,
  required,
  className = "",
  children,
}: {
  id: string;
  label: React.ReactNode;
  hint?: React.ReactNode;
  error?: string;
  required?: boolean;
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
        {required && (
          <span aria-hidden className="ml-0.5 text-red-600">
            *
          </span>
        )}
      </label>
      <div className="mt-1">{children}</div>
      {hint && !error && (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="mt-1 text-xs font-medium text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}

function described(id: string, hint: unknown, error?: string) {
  return error ? `${id}-error` : hint ? `${id}-hint` : undefined;
}

export function TextField({ label, name, hint, error, className, ...input }: FieldProps & Omit<ComponentProps<"input">, "name">) {
  const f = useField(name, error);
  return (
    <FieldFrame id={f.id} label={label} hint={hint} error={f.error} required={input.required} className={className}>
      <input id={f.id} name={name} aria-invalid={f.error ? true : undefined} aria-describedby={described(f.id, hint, f.error)} className={`${CONTROL} ${f.error ? INVALID : ""}`} {...input} />
    </FieldFrame>
  );
}

export function TextAreaField({ label, name, hint, error, className, rows = 3, ...input }: FieldProps & Omit<ComponentProps<"textarea">, "name">) {
  const f = useField(name, error);
  return (
    <FieldFrame id={f.id} label={label} hint={hint} error={f.error} required={input.required} className={className}>
      <textarea
        id={f.id}
        name={name}
        rows={rows}
        aria-invalid={f.error ? true : undefined}
        aria-describedby={described(f.id, hint, f.error)}
        className={`${CONTROL} ${f.error ? INVALID : ""}`}
        {...input}
      />
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
      <select id={f.id} name={name} aria-invalid={f.error ? true : undefined} aria-describedby={described(f.id, hint, f.error)} className={`${CONTROL} pr-8 ${f.error ? INVALID : ""}`} {...input}>
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
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

"use client";
// A labelled textarea and select that show the server's field error (inside CabinetForm).
import { Field } from "./form";
import { controlClass, selectClass } from "@/components/ui/field";

export function TextArea({ name, label, rows = 5, maxLength, required }: { name: string; label: string; rows?: number; maxLength?: number; required?: boolean }) {
  return (
    <Field name={name} label={label}>
      {(p) => <textarea name={name} rows={rows} maxLength={maxLength} required={required} className={controlClass("lg", !!p["aria-invalid"])} {...p} />}
    </Field>
  );
}

export function Select({ name, label, options, placeholder, required }: { name: string; label: string; options: { value: string; label: string }[]; placeholder?: string; required?: boolean }) {
  return (
    <Field name={name} label={label}>
      {(p) => (
        <select name={name} required={required} defaultValue="" className={selectClass("lg", !!p["aria-invalid"])} {...p}>
          {placeholder && (
            <option value="" disabled>
              {placeholder}
            </option>
          )}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

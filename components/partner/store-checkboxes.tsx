"use client";
// A group of the partner's stores as checkboxes (none ticked: all of them), with the server's
// error for the group shown under it. Used by the campaign and the mailing forms.
import { useContext, useId } from "react";
import { FieldErrorsContext } from "@/components/admin/form-field";

export function StoreCheckboxes({ legend, hint, stores, checked }: { legend: string; hint: string; stores: { code: string; name: string }[]; checked: readonly string[] }) {
  const id = useId();
  const error = useContext(FieldErrorsContext).stores;
  return (
    <fieldset aria-describedby={error ? `${id}-error` : `${id}-hint`}>
      <legend className="text-sm font-medium text-slate-800">{legend}</legend>
      <div className="mt-2 grid gap-2 sm:grid-cols-2">
        {stores.map((s) => (
          <label key={s.code} className="flex items-start gap-2 text-sm text-slate-800">
            <input type="checkbox" name="stores" value={s.code} defaultChecked={checked.includes(s.code)} className="mt-0.5 size-4 rounded border-slate-300 accent-brand-600" />
            <span>
              {s.name} <span className="text-xs text-slate-500">{s.code}</span>
            </span>
          </label>
        ))}
      </div>
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-xs font-medium text-red-700">
          {error}
        </p>
      ) : (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      )}
    </fieldset>
  );
}

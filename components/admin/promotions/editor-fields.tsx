"use client";
// Controls of the promotion editor, each bound to one JSON path of the definition (the paths
// parsePromotion reports errors at): the control shows the error at its path, and clearing it
// removes the key so the definition stays minimal.
import { controlClass, describedBy, FieldFrame, selectClass, SelectOptions } from "@/components/ui/field";
import { createContext, useContext, useId, useState } from "react";
import { getAt, isoFromLocal, localFromIso, splitList, type Json } from "@/lib/promotions/editor-form";
import { useT } from "@/lib/i18n/client";
import { LOCALES } from "@/lib/i18n/locales";

export const INPUT = controlClass("md");

export interface EditorContextValue {
  def: Json;
  set: (path: string, value: unknown) => void;
  /** The error at exactly this path (server's or the live check's). */
  error: (path: string) => string | undefined;
  disabled: boolean;
}

export const EditorContext = createContext<EditorContextValue>({ def: {}, set: () => {}, error: () => undefined, disabled: true });
export const useEditor = () => useContext(EditorContext);

interface AtProps {
  path: string;
  label: string;
  hint?: string;
  className?: string;
  /** Errors of other paths shown here too (e.g. "effect" for the effect's fields). */
  alsoErrors?: string[];
}

function useAt(path: string, alsoErrors: string[] = []) {
  const ctx = useEditor();
  const id = useId();
  const error = ctx.error(path) ?? alsoErrors.map((p) => ctx.error(p)).find(Boolean);
  return { ...ctx, errorAt: ctx.error, id, value: getAt(ctx.def, path), error };
}

/** A number; `scale` 100 shows minor units as major ones (money). Empty removes the key. */
export function NumberAt({ path, label, hint, className, alsoErrors, scale = 1, step = 1, min = 0, integer = false }: AtProps & { scale?: number; step?: number; min?: number; integer?: boolean }) {
  const f = useAt(path, alsoErrors);
  const value = typeof f.value === "number" ? f.value / scale : "";
  return (
    <FieldFrame id={f.id} label={label} hint={hint} error={f.error} className={`min-w-0 ${className ?? ""}`}>
      <input
        id={f.id}
        type="number"
        inputMode="decimal"
        className={controlClass("md", !!f.error)}
        disabled={f.disabled}
        step={step}
        min={min}
        value={value}
        aria-invalid={f.error ? true : undefined}
        aria-describedby={describedBy(f.id, hint, f.error)}
        onChange={(e) => {
          if (e.target.value === "") return f.set(path, undefined);
          const n = Number(e.target.value) * scale;
          f.set(path, integer || scale !== 1 ? Math.round(n) : Math.round(n * 100) / 100);
        }}
      />
    </FieldFrame>
  );
}

export function TextAt({ path, label, hint, className, alsoErrors, placeholder, transform }: AtProps & { placeholder?: string; transform?: (s: string) => string }) {
  const f = useAt(path, alsoErrors);
  return (
    <FieldFrame id={f.id} label={label} hint={hint} error={f.error} className={`min-w-0 ${className ?? ""}`}>
      <input
        id={f.id}
        className={controlClass("md", !!f.error)}
        disabled={f.disabled}
        placeholder={placeholder}
        value={typeof f.value === "string" ? f.value : ""}
        aria-invalid={f.error ? true : undefined}
        aria-describedby={describedBy(f.id, hint, f.error)}
        onChange={(e) => f.set(path, e.target.value === "" ? undefined : transform ? transform(e.target.value) : e.target.value)}
      />
    </FieldFrame>
  );
}

/** A comma-separated list of strings; an empty list removes the key. */
export function ListAt({ path, label, hint, className }: AtProps) {
  const f = useAt(path);
  const list = Array.isArray(f.value) ? (f.value as unknown[]).map(String) : [];
  const [text, setText] = useState(list.join(", "));
  // Follow changes made elsewhere (the JSON tab) without fighting the typing here.
  const shown = splitList(text).join(",") === list.join(",") ? text : list.join(", ");
  const error = f.error ?? list.map((_, i) => f.errorAt(`${path}[${i}]`)).find(Boolean);
  return (
    <FieldFrame id={f.id} label={label} hint={hint} error={error} className={`min-w-0 ${className ?? ""}`}>
      <input
        id={f.id}
        className={controlClass("md", !!error)}
        disabled={f.disabled}
        value={shown}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(f.id, hint, error)}
        onChange={(e) => {
          setText(e.target.value);
          const items = splitList(e.target.value);
          f.set(path, items.length ? items : undefined);
        }}
      />
    </FieldFrame>
  );
}

export function SelectAt({ path, label, hint, className, options, empty, onPick }: AtProps & { options: { value: string; label: string }[]; empty?: string; onPick?: (value: string) => void }) {
  const f = useAt(path);
  return (
    <FieldFrame id={f.id} label={label} hint={hint} error={f.error} className={`min-w-0 ${className ?? ""}`}>
      <select
        id={f.id}
        className={selectClass("md", !!f.error)}
        disabled={f.disabled}
        value={typeof f.value === "string" ? f.value : ""}
        aria-invalid={f.error ? true : undefined}
        aria-describedby={describedBy(f.id, hint, f.error)}
        onChange={(e) => (onPick ? onPick(e.target.value) : f.set(path, e.target.value === "" ? undefined : e.target.value))}
      >
        <SelectOptions options={options} empty={empty} />
      </select>
    </FieldFrame>
  );
}

/** A yes/no; the key is removed when it equals `absent` (what leaving it out means). */
export function CheckAt({ path, label, hint, absent = false }: AtProps & { absent?: boolean }) {
  const f = useAt(path);
  const checked = typeof f.value === "boolean" ? f.value : absent;
  return (
    <div>
      <label htmlFor={f.id} className="flex items-start gap-2 text-sm text-slate-800">
        <input
          id={f.id}
          type="checkbox"
          className="mt-0.5 size-4 accent-brand-600"
          disabled={f.disabled}
          checked={checked}
          onChange={(e) => f.set(path, e.target.checked === absent ? undefined : e.target.checked)}
        />
        <span>{label}</span>
      </label>
      {hint && <p className="ml-6 mt-1 text-xs text-slate-500">{hint}</p>}
      {f.error && <p className="ml-6 mt-1 text-xs font-medium text-red-700">{f.error}</p>}
    </div>
  );
}

/** Several of a known list (statuses, stores, weekdays) as checkboxes in a fieldset; none removes the key. */
export function ChoicesAt({ path, label, hint, options, emptyText }: AtProps & { options: { value: string; label: string }[]; emptyText?: string }) {
  const f = useAt(path);
  const picked = new Set(Array.isArray(f.value) ? (f.value as unknown[]).map(String) : []);
  const extra = [...picked].filter((v) => !options.some((o) => o.value === v)).map((v) => ({ value: v, label: v }));
  const all = [...options, ...extra];
  return (
    <fieldset className="min-w-0">
      <legend className="text-sm font-medium text-slate-800">{label}</legend>
      {all.length === 0 && emptyText && <p className="mt-1 text-xs text-slate-500">{emptyText}</p>}
      <div className="mt-1 flex max-h-40 flex-wrap gap-x-4 gap-y-1 overflow-y-auto">
        {all.map((o) => (
          <label key={o.value} className="flex items-center gap-1.5 text-sm text-slate-700">
            <input
              type="checkbox"
              className="size-4 accent-brand-600"
              disabled={f.disabled}
              checked={picked.has(o.value)}
              onChange={(e) => {
                const next = all.map((x) => x.value).filter((v) => (v === o.value ? e.target.checked : picked.has(v)));
                f.set(path, next.length ? next : undefined);
              }}
            />
            {o.label}
          </label>
        ))}
      </div>
      {hint && !f.error && <p className="mt-1 text-xs text-slate-500">{hint}</p>}
      {f.error && <p className="mt-1 text-xs font-medium text-red-700">{f.error}</p>}
    </fieldset>
  );
}

/** An instant as the program zone's wall clock; stored as ISO with the zone's offset. */
export function DateTimeAt({ path, label, hint, timeZone }: AtProps & { timeZone: string }) {
  const f = useAt(path);
  return (
    <FieldFrame id={f.id} label={label} hint={hint} error={f.error}>
      <input
        id={f.id}
        type="datetime-local"
        className={controlClass("md", !!f.error)}
        disabled={f.disabled}
        value={localFromIso(f.value, timeZone)}
        aria-invalid={f.error ? true : undefined}
        aria-describedby={describedBy(f.id, hint, f.error)}
        onChange={(e) => f.set(path, e.target.value ? isoFromLocal(e.target.value, timeZone) : undefined)}
      />
    </FieldFrame>
  );
}

/** A text members see, one input per language; kept as {"en": …, "ru": …} (a plain string is read as every language's). */
export function LocalizedAt({ path, label }: { path: string; label: string }) {
  const ctx = useEditor();
  const tx = useT();
  const value = getAt(ctx.def, path);
  const texts: Record<string, string> = typeof value === "string" ? Object.fromEntries(LOCALES.map((l) => [l, value])) : value && typeof value === "object" ? (value as Record<string, string>) : {};
  return (
    <>
      {LOCALES.map((l) => (
        <LocalizedInput
          key={l}
          label={`${label} (${tx(`lang.${l}`)})`}
          lang={l}
          value={texts[l] ?? ""}
          error={ctx.error(`${path}.${l}`) ?? (l === LOCALES[0] ? ctx.error(path) : undefined)}
          disabled={ctx.disabled}
          onChange={(v) => {
            const next = { ...texts, [l]: v };
            if (!v) delete next[l];
            ctx.set(path, Object.keys(next).length ? next : undefined);
          }}
        />
      ))}
    </>
  );
}

function LocalizedInput({ label, lang, value, error, disabled, onChange }: { label: string; lang: string; value: string; error?: string; disabled: boolean; onChange: (v: string) => void }) {
  const id = useId();
  return (
    <FieldFrame id={id} label={label} error={error}>
      <input
        id={id}
        lang={lang}
        className={controlClass("md", !!error)}
        disabled={disabled}
        value={value}
        maxLength={200}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, undefined, error)}
        onChange={(e) => onChange(e.target.value)}
      />
    </FieldFrame>
  );
}

// A labelled form control's frame (label, the control, its hint or error) and the controls' look,
// for every area: `md` in the console and the partner portal, `lg` (16 px text on phones, so iOS
// does not zoom; 44 px high) in the cabinet.
import type { ReactNode } from "react";

export type FieldSize = "md" | "lg";

const CONTROL: Record<FieldSize, string> = {
  md: "block w-full rounded-lg border-0 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-inset focus:ring-brand-600 disabled:bg-slate-50 disabled:text-slate-400",
  lg: "block w-full rounded-xl border-0 bg-white px-3.5 py-3 text-base text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-inset focus:ring-brand-600 disabled:bg-slate-100 disabled:text-slate-400 sm:text-sm",
};
const INVALID = "ring-red-400 focus:ring-red-600";

/** An input's or a textarea's classes. */
export function controlClass(size: FieldSize = "md", invalid = false): string {
  return `${CONTROL[size]}${invalid ? ` ${INVALID}` : ""}`;
}

/** A select's classes: the console draws it like an input; the cabinet with a border (an inset ring does not render on a select in every browser). */
export function selectClass(size: FieldSize = "md", invalid = false): string {
  if (size === "md") return `${CONTROL.md} pr-8${invalid ? ` ${INVALID}` : ""}`;
  return `block w-full rounded-xl border bg-white px-3 py-3 text-base text-slate-900 shadow-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600 sm:text-sm ${invalid ? "border-red-400" : "border-slate-300"}`;
}

/** The ids the control points at: its error, else its hint. */
export function describedBy(id: string, hint: unknown, error?: string): string | undefined {
  return error ? `${id}-error` : hint ? `${id}-hint` : undefined;
}

/** A label, the control, and its hint (or, when there is one, its error) below. */
export function FieldFrame({
  id,
  label,
  hint,
  error,
  required,
  className = "",
  size = "md",
  children,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  required?: boolean;
  className?: string;
  size?: FieldSize;
  children: ReactNode;
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
        <p id={`${id}-error`} className={size === "lg" ? "mt-1 text-sm text-red-700" : "mt-1 text-xs font-medium text-red-700"}>
          {error}
        </p>
      )}
    </div>
  );
}

/** A select's options, with an empty first choice when `empty` is given ("Any", "—"). */
export function SelectOptions({ options, empty }: { options: readonly { value: string; label: string }[]; empty?: string }) {
  return (
    <>
      {empty !== undefined && <option value="">{empty}</option>}
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </>
  );
}

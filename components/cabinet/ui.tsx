// Small building blocks of the cabinet's pages (server-safe: no hooks).
import Link from "next/link";
import type { ReactNode } from "react";
import { Icon, type IconName } from "./icons";

export function PageTitle({ title, lead, actions }: { title: string; lead?: string; actions?: ReactNode }) {
  return (
    <div className="mb-5 flex flex-wrap items-end justify-between gap-3">
      <div className="min-w-0">
        <h1 className="text-2xl font-black tracking-tight text-slate-900 sm:text-3xl">{title}</h1>
        {lead && <p className="mt-1 max-w-2xl text-sm text-slate-600 sm:text-base">{lead}</p>}
      </div>
      {actions}
    </div>
  );
}

export function Panel({ title, action, children, className = "", id }: { title?: string; action?: ReactNode; children: ReactNode; className?: string; id?: string }) {
  return (
    <section aria-labelledby={title && id ? id : undefined} className={`rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6 ${className}`}>
      {(title || action) && (
        <div className="mb-3 flex items-center justify-between gap-3">
          {title && (
            <h2 id={id} className="text-base font-bold text-slate-900 sm:text-lg">
              {title}
            </h2>
          )}
          {action}
        </div>
      )}
      {children}
    </section>
  );
}

export function EmptyState({ icon = "status", text, action }: { icon?: IconName; text: string; action?: ReactNode }) {
  return (
    <div className="flex flex-col items-center gap-3 rounded-2xl border border-dashed border-slate-300 bg-white/60 px-6 py-10 text-center">
      <span aria-hidden className="grid size-12 place-items-center rounded-full bg-brand-50 text-brand-700">
        <Icon name={icon} className="size-6" />
      </span>
      <p className="max-w-sm text-sm text-slate-600">{text}</p>
      {action}
    </div>
  );
}

const TONES = {
  neutral: "bg-slate-100 text-slate-700 ring-slate-200",
  brand: "bg-brand-50 text-brand-700 ring-brand-100",
  green: "bg-emerald-50 text-emerald-700 ring-emerald-200",
  amber: "bg-amber-50 text-amber-800 ring-amber-200",
  red: "bg-red-50 text-red-700 ring-red-200",
} as const;

export function Badge({ tone = "neutral", children }: { tone?: keyof typeof TONES; children: ReactNode }) {
  return <span className={`inline-flex items-center gap-1 whitespace-nowrap rounded-full px-2.5 py-0.5 text-xs font-semibold ring-1 ring-inset ${TONES[tone]}`}>{children}</span>;
}

export function ProgressBar({ value, max, label, color }: { value: number; max: number; label: string; color?: string | null }) {
  const pct = max > 0 ? Math.min(100, Math.round((value / max) * 100)) : 100;
  return (
    <div role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={max} aria-valuenow={Math.min(value, max)} className="h-2.5 overflow-hidden rounded-full bg-slate-200">
      <div className="h-full rounded-full bg-brand-500 transition-[width]" style={{ width: `${pct}%`, ...(color ? { background: color } : {}) }} />
    </div>
  );
}

export function ButtonLink({ href, children, variant = "primary", className = "" }: { href: string; children: ReactNode; variant?: "primary" | "secondary" | "light"; className?: string }) {
  return (
    <Link href={href} className={`${buttonClass(variant)} ${className}`}>
      {children}
    </Link>
  );
}

export function buttonClass(variant: "primary" | "secondary" | "danger" | "light" | "ghost" = "primary") {
  const base = "inline-flex min-h-11 items-center justify-center gap-2 rounded-xl px-4 py-2.5 text-sm font-semibold transition disabled:cursor-not-allowed disabled:opacity-60";
  switch (variant) {
    case "primary":
      return `${base} bg-brand-600 text-white shadow-sm hover:bg-brand-700`;
    case "secondary":
      return `${base} bg-white text-slate-900 ring-1 ring-inset ring-slate-300 hover:bg-slate-50`;
    case "danger":
      return `${base} bg-white text-red-700 ring-1 ring-inset ring-red-200 hover:bg-red-50`;
    case "light":
      return `${base} bg-white text-brand-900 shadow hover:bg-brand-50`;
    default:
      return `${base} text-slate-700 hover:bg-slate-100`;
  }
}

export function Pagination({ page, pages, hrefFor, labels }: { page: number; pages: number; hrefFor: (page: number) => string; labels: { prev: string; next: string; pageOf: string } }) {
  if (pages <= 1) return null;
  return (
    <nav aria-label={labels.pageOf} className="mt-4 flex items-center justify-between gap-3">
      {page > 1 ? (
        <Link className={buttonClass("secondary")} href={hrefFor(page - 1)} rel="prev">
          ← {labels.prev}
        </Link>
      ) : (
        <span />
      )}
      <span className="text-sm text-slate-600">{labels.pageOf}</span>
      {page < pages ? (
        <Link className={buttonClass("secondary")} href={hrefFor(page + 1)} rel="next">
          {labels.next} →
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}

/** A tier chip in the tier's own color. */
export function TierChip({ name, color, large = false }: { name: string; color: string | null; large?: boolean }) {
  return (
    <span className={`inline-flex items-center gap-1.5 rounded-full bg-white/95 font-bold text-slate-900 ring-1 ring-black/5 ${large ? "px-3.5 py-1.5 text-sm" : "px-2.5 py-0.5 text-xs"}`}>
      <span aria-hidden className={`rounded-full ${large ? "size-2.5" : "size-2"}`} style={{ background: color ?? "var(--brand)" }} />
      {name}
    </span>
  );
}

// The cabinet's own composites (server-safe: no hooks): page title, progress bar, pagination, tier
// chip. Buttons, badges, cards and states are the shared ones of components/ui.
import Link from "next/link";
import type { ReactNode } from "react";
import { buttonClass } from "@/components/ui/button";

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

export function ProgressBar({ value, max, label, color }: { value: number; max: number; label: string; color?: string | null }) {
  const pct = max > 0 ? Math.min(100, Math.round((value / max) * 100)) : 100;
  return (
    <div role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={max} aria-valuenow={Math.min(value, max)} className="h-2.5 overflow-hidden rounded-full bg-slate-200">
      <div className="h-full rounded-full bg-brand-500 transition-[width]" style={{ width: `${pct}%`, ...(color ? { background: color } : {}) }} />
    </div>
  );
}

export function Pagination({ page, pages, hrefFor, labels }: { page: number; pages: number; hrefFor: (page: number) => string; labels: { prev: string; next: string; pageOf: string } }) {
  if (pages <= 1) return null;
  return (
    <nav aria-label={labels.pageOf} className="mt-4 flex items-center justify-between gap-3">
      {page > 1 ? (
        <Link className={buttonClass("secondary", "lg")} href={hrefFor(page - 1)} rel="prev">
          ← {labels.prev}
        </Link>
      ) : (
        <span />
      )}
      <span className="text-sm text-slate-600">{labels.pageOf}</span>
      {page < pages ? (
        <Link className={buttonClass("secondary", "lg")} href={hrefFor(page + 1)} rel="next">
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

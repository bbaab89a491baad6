// Empty, error and loading states: every list and page says what is going on.
import Link from "next/link";
import type { ReactNode } from "react";

/** Nothing to show (yet): an icon (a glyph by default), an optional title, a text, an optional action. */
export function EmptyState({ title, text, icon, action }: { title?: string; text?: string; icon?: ReactNode; action?: ReactNode }) {
  return (
    <div className="flex flex-col items-center rounded-2xl border border-dashed border-slate-300 bg-white px-6 py-12 text-center">
      {icon ? (
        <span aria-hidden className="grid size-12 place-items-center rounded-full bg-brand-50 text-brand-700">
          {icon}
        </span>
      ) : (
        <span aria-hidden className="grid size-12 place-items-center rounded-full bg-slate-100 text-xl text-slate-500">
          ∅
        </span>
      )}
      {title && <h3 className="mt-4 text-base font-semibold text-slate-900">{title}</h3>}
      {text && <p className={`${title ? "mt-1" : "mt-4"} max-w-md text-sm text-slate-600`}>{text}</p>}
      {action && <div className="mt-5">{action}</div>}
    </div>
  );
}

export function ErrorState({ title, text, retryHref, retryLabel, onRetry }: { title: string; text?: string; retryHref?: string; retryLabel?: string; onRetry?: () => void }) {
  const retry = "mt-5 rounded-lg bg-white px-4 py-2 text-sm font-medium text-red-800 ring-1 ring-red-200 hover:bg-red-100";
  return (
    <div role="alert" className="flex flex-col items-center rounded-2xl border border-red-200 bg-red-50 px-6 py-12 text-center">
      <span aria-hidden className="grid size-12 place-items-center rounded-full bg-red-100 text-xl text-red-600">
        !
      </span>
      <h3 className="mt-4 text-base font-semibold text-red-900">{title}</h3>
      {text && <p className="mt-1 max-w-md text-sm text-red-800">{text}</p>}
      {retryHref && (
        <Link href={retryHref} className={retry}>
          {retryLabel ?? "Retry"}
        </Link>
      )}
      {onRetry && (
        <button type="button" onClick={onRetry} className={retry}>
          {retryLabel ?? "Retry"}
        </button>
      )}
    </div>
  );
}

/** Grey blocks in the shape of a page while it loads: a table (the console) or cards (the cabinet). */
export function LoadingState({ label, rows = 6, layout = "table" }: { label: string; rows?: number; layout?: "table" | "cards" }) {
  return (
    <div role="status" aria-live="polite" aria-busy="true" className="animate-pulse space-y-4">
      <span className="sr-only">{label}</span>
      {layout === "cards" ? (
        <>
          <div className="h-8 w-48 rounded-lg bg-slate-200" />
          <div className="h-40 rounded-2xl bg-slate-200" />
          <div className="grid gap-4 sm:grid-cols-2">
            <div className="h-32 rounded-2xl bg-slate-200" />
            <div className="h-32 rounded-2xl bg-slate-200" />
          </div>
        </>
      ) : (
        <>
          <div className="h-8 w-64 rounded-lg bg-slate-200" />
          <div className="h-4 w-96 max-w-full rounded bg-slate-200" />
          <div className="space-y-2 rounded-2xl bg-white p-4 ring-1 ring-slate-200">
            {Array.from({ length: rows }, (_, i) => (
              <div key={i} className="h-9 rounded bg-slate-100" />
            ))}
          </div>
        </>
      )}
    </div>
  );
}

// One figure with its label (the analytics sections' and statements' summary cards).
export function Stat({ label, value, hint, testId }: { label: string; value: string; hint?: string; testId?: string }) {
  return (
    <div className="min-w-0 rounded-2xl bg-white p-3 shadow-sm ring-1 ring-slate-200 sm:p-4 print:shadow-none">
      <p className="text-sm text-slate-600">{label}</p>
      <p data-testid={testId} className="mt-1 truncate text-xl font-bold tabular-nums tracking-tight text-slate-900 sm:text-2xl">
        {value}
      </p>
      {hint && <p className="mt-1 text-xs text-slate-500">{hint}</p>}
    </div>
  );
}

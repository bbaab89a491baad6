// Filters of a list page as a plain GET form: the filters live in the URL, work without
// JavaScript, and a reset link clears them. Put TextField/SelectField controls inside.
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

export function FilterBar({
  action,
  children,
  applyLabel,
  resetLabel,
  keep = {},
}: {
  action: string;
  children: React.ReactNode;
  applyLabel: string;
  resetLabel: string;
  keep?: Record<string, string | undefined>;
}) {
  return (
    <form method="get" action={action} role="search" className="mb-4 rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
      {Object.entries(keep).map(([k, v]) => (v ? <input key={k} type="hidden" name={k} value={v} /> : null))}
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">{children}</div>
      <div className="mt-3 flex gap-2">
        <button type="submit" className={buttonClass("primary", "sm")}>
          {applyLabel}
        </button>
        <Link href={action} className={buttonClass("ghost", "sm")}>
          {resetLabel}
        </Link>
      </div>
    </form>
  );
}

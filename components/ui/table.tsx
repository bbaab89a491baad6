// A plain table inside a panel: a screen-reader caption, column headers, optional row headers
// (the first column), right-aligned numbers, columns hidden on phones (and shown again in print).
// The console's paged, sortable lists use components/admin/data-table.tsx instead.
import type { ReactNode } from "react";

export interface PlainColumn {
  id: string;
  header: ReactNode;
  align?: "left" | "right";
  /** Hidden below this width; shown in print. */
  hideBelow?: "sm" | "md";
  /** Extra classes of the column's cells (fonts, colours). */
  className?: string;
}

export interface PlainRow {
  id: string;
  cells: Record<string, ReactNode>;
  /** Extra classes per cell of this row only. */
  cellClass?: Record<string, string>;
}

const HIDE = { sm: "hidden sm:table-cell print:table-cell", md: "hidden md:table-cell print:table-cell" } as const;
const HEAD = {
  plain: "border-b border-slate-200 text-slate-600",
  caps: "text-xs uppercase tracking-wide text-slate-500",
} as const;

export function PlainTable({
  caption,
  columns,
  rows,
  rowHeader = false,
  head = "plain",
  testId,
}: {
  caption: string;
  columns: PlainColumn[];
  rows: PlainRow[];
  /** The first column names its row (a <th scope="row">). */
  rowHeader?: boolean;
  head?: keyof typeof HEAD;
  testId?: string;
}) {
  const cls = (c: PlainColumn) => `py-2 pr-4 last:pr-0 ${c.align === "right" ? "text-right" : "text-left"} ${c.hideBelow ? HIDE[c.hideBelow] : ""}`;
  return (
    // A table wider than a phone scrolls sideways: the region takes keyboard focus so it can be scrolled without a mouse.
    <div className="overflow-x-auto rounded focus-visible:outline-2 focus-visible:outline-brand-600" tabIndex={0}>
      <table className="min-w-full text-left text-sm" data-testid={testId}>
        <caption className="sr-only">{caption}</caption>
        <thead className={HEAD[head]}>
          <tr>
            {columns.map((c) => (
              <th key={c.id} scope="col" className={`${cls(c)} font-medium`}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((r) => (
            <tr key={r.id}>
              {columns.map((c, i) => {
                const className = `${cls(c)} ${c.align === "right" ? "tabular-nums" : ""} ${c.className ?? ""} ${r.cellClass?.[c.id] ?? ""}`;
                return rowHeader && i === 0 ? (
                  <th key={c.id} scope="row" className={`${className} font-medium text-slate-900`}>
                    {r.cells[c.id]}
                  </th>
                ) : (
                  <td key={c.id} className={className}>
                    {r.cells[c.id]}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

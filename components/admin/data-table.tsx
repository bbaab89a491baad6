"use client";
// The console's table: @tanstack/react-table for the column model, paging and sorting done by
// the server through URL search params (`page`, `size`, `sort=col` / `sort=-col`), so a page
// link can be shared and the back button works. Cells arrive rendered from the server page.
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { flexRender, getCoreRowModel, useReactTable, type ColumnDef } from "@tanstack/react-table";
import { useMemo } from "react";
import { useT } from "@/lib/i18n/client";

export interface DataColumn {
  id: string;
  header: string;
  sortable?: boolean;
  align?: "left" | "right" | "center";
  /** Hide below this width (keeps phone tables narrow). */
  hideBelow?: "sm" | "md" | "lg";
  className?: string;
}

export interface DataRow {
  id: string;
  /** Clicking the row opens this page (put a real link in the first cell for keyboards). */
  href?: string;
  cells: Record<string, React.ReactNode>;
}

export interface DataTableProps {
  columns: DataColumn[];
  rows: DataRow[];
  /** Current sort, as parsed by lib/admin/table-params.ts. */
  sort?: { id: string; desc: boolean };
  page?: number;
  pageSize?: number;
  /** Exact or capped total; null when unknown (then hasNext decides). */
  total?: number | null;
  /** Shown as "10,000+" when the total was capped. */
  totalCapped?: boolean;
  hasNext?: boolean;
  caption: string;
  empty?: React.ReactNode;
  /** Prefix of the URL params when two tables share a page ("led" → ledPage, ledSort). */
  paramPrefix?: string;
}

const HIDE = { sm: "hidden sm:table-cell", md: "hidden md:table-cell", lg: "hidden lg:table-cell" } as const;
const ALIGN = { left: "text-left", right: "text-right", center: "text-center" } as const;

export function DataTable({ columns, rows, sort, page = 1, pageSize = rows.length, total, totalCapped, hasNext, caption, empty, paramPrefix = "" }: DataTableProps) {
  const t = useT();
  const pathname = usePathname();
  const params = useSearchParams();
  const router = useRouter();
  const pageKey = paramPrefix ? `${paramPrefix}Page` : "page";
  const sortKey = paramPrefix ? `${paramPrefix}Sort` : "sort";

  const href = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params.toString());
    for (const [k, v] of Object.entries(changes)) {
      if (v === null) next.delete(k);
      else next.set(k, v);
    }
    const qs = next.toString();
    return qs ? `${pathname}?${qs}` : pathname;
  };

  const defs = useMemo<ColumnDef<DataRow>[]>(
    () => columns.map((c) => ({ id: c.id, header: c.header, accessorFn: (r: DataRow) => r.cells[c.id], cell: (info) => info.getValue() as React.ReactNode, enableSorting: !!c.sortable })),
    [columns],
  );
  // The table instance is rebuilt on every render (server-paged, small): nothing to memoise.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: rows,
    columns: defs,
    getRowId: (r) => r.id,
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    manualPagination: true,
    state: { sorting: sort ? [{ id: sort.id, desc: sort.desc }] : [] },
  });
  const meta = Object.fromEntries(columns.map((c) => [c.id, c]));

  const from = rows.length ? (page - 1) * pageSize + 1 : 0;
  const to = (page - 1) * pageSize + rows.length;
  const more = hasNext ?? (total != null ? to < total : false);
  const totalLabel = total != null ? `${total.toLocaleString()}${totalCapped ? "+" : ""}` : null;

  return (
    <div className="overflow-hidden rounded-2xl bg-white shadow-sm ring-1 ring-slate-200">
      {/* A table wider than the screen scrolls sideways: the region takes keyboard focus so it can be scrolled without a mouse. */}
      <div className="overflow-x-auto focus-visible:outline-2 focus-visible:outline-brand-600" tabIndex={0}>
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <caption className="sr-only">{caption}</caption>
          <thead className="bg-slate-50">
            {table.getHeaderGroups().map((hg) => (
              <tr key={hg.id}>
                {hg.headers.map((h) => {
                  const c = meta[h.column.id];
                  const sorted = h.column.getIsSorted();
                  const cls = `${ALIGN[c.align ?? "left"]} ${c.hideBelow ? HIDE[c.hideBelow] : ""} px-4 py-3 text-xs font-semibold uppercase tracking-wide text-slate-500 whitespace-nowrap`;
                  const label = flexRender(h.column.columnDef.header, h.getContext());
                  return (
                    <th key={h.id} scope="col" className={cls} aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined}>
                      {h.column.getCanSort() ? (
                        <Link href={href({ [sortKey]: sorted === "asc" ? `-${c.id}` : c.id, [pageKey]: null })} scroll={false} className="inline-flex items-center gap-1 rounded hover:text-slate-900">
                          {label}
                          <span aria-hidden className={sorted ? "text-slate-900" : "text-slate-300"}>
                            {sorted === "desc" ? "↓" : sorted === "asc" ? "↑" : "↕"}
                          </span>
                          {sorted && <span className="sr-only">, {sorted === "asc" ? t("console.common.sortedAsc") : t("console.common.sortedDesc")}</span>}
                        </Link>
                      ) : (
                        label
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody className="divide-y divide-slate-100">
            {table.getRowModel().rows.map((row) => (
              <tr
                key={row.id}
                className={row.original.href ? "cursor-pointer hover:bg-brand-50/60" : ""}
                onClick={(e) => {
                  if (!row.original.href) return;
                  if ((e.target as HTMLElement).closest("a,button,input,select,textarea,label")) return;
                  router.push(row.original.href);
                }}
              >
                {row.getVisibleCells().map((cell) => {
                  const c = meta[cell.column.id];
                  return (
                    <td key={cell.id} className={`${ALIGN[c.align ?? "left"]} ${c.hideBelow ? HIDE[c.hideBelow] : ""} px-4 py-3 align-top text-slate-700 ${c.className ?? ""}`}>
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.length === 0 && empty && <div className="border-t border-slate-100 p-6">{empty}</div>}
      {(page > 1 || more || rows.length > 0) && (
        <nav aria-label={caption} className="flex items-center justify-between gap-3 border-t border-slate-100 px-4 py-3 text-sm text-slate-600">
          <p aria-live="polite">
            {rows.length > 0 &&
              (totalLabel
                ? t("console.common.range", { from: from.toLocaleString(), to: to.toLocaleString(), total: totalLabel })
                : t("console.common.rangeOpen", { from: from.toLocaleString(), to: to.toLocaleString() }))}
          </p>
          <div className="flex gap-2">
            {page > 1 ? (
              <Link
                href={href({ [pageKey]: page - 1 > 1 ? String(page - 1) : null })}
                scroll={false}
                className="rounded-md px-3 py-1.5 font-medium ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
                rel="prev"
              >
                ← {t("console.common.previous")}
              </Link>
            ) : (
              <span aria-disabled className="rounded-md px-3 py-1.5 text-slate-300 ring-1 ring-inset ring-slate-200">
                ← {t("console.common.previous")}
              </span>
            )}
            {more ? (
              <Link href={href({ [pageKey]: String(page + 1) })} scroll={false} className="rounded-md px-3 py-1.5 font-medium ring-1 ring-inset ring-slate-300 hover:bg-slate-50" rel="next">
                {t("console.common.next")} →
              </Link>
            ) : (
              <span aria-disabled className="rounded-md px-3 py-1.5 text-slate-300 ring-1 ring-inset ring-slate-200">
                {t("console.common.next")} →
              </span>
            )}
          </div>
        </nav>
      )}
    </div>
  );
}

// The numbers behind a chart, as a table for screen readers (the chart itself is aria-hidden).
import type { ReactNode } from "react";

export function ChartDataTable({ caption, head, columns, rows }: { caption: string; head: string; columns: string[]; rows: { key: string; label: ReactNode; cells: ReactNode[] }[] }) {
  return (
    <figcaption className="sr-only">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{head}</th>
            {columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.label}</th>
              {r.cells.map((c, i) => (
                <td key={i}>{c}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figcaption>
  );
}

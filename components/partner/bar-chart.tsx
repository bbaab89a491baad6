"use client";
// Named categories (stores, product categories, return reasons, months since a first receipt) as
// bars (recharts), with the numbers as a table for screen readers.
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { ChartDataTable } from "@/components/admin/charts/chart-table";

export interface BarSeries {
  key: string;
  label: string;
  color: string;
}

export function CategoryBarChart({
  data,
  series,
  title,
  head,
  locale,
  scale = 1,
  unit = "",
  percent = false,
  horizontal = false,
}: {
  data: { key: string; label: string; values: Record<string, number> }[];
  series: BarSeries[];
  title: string;
  /** The table's first column header (what the categories are). */
  head: string;
  locale: string;
  /** Values are divided by this before display (minor → major units). */
  scale?: number;
  unit?: string;
  /** Values are shares 0–1, shown as percentages. */
  percent?: boolean;
  /** Bars grow to the right, one row per category (long names). */
  horizontal?: boolean;
}) {
  const intl = locale === "en" ? "en-GB" : "ru-RU";
  const compact = new Intl.NumberFormat(intl, percent ? { style: "percent", maximumFractionDigits: 0 } : { notation: "compact", maximumFractionDigits: 1 });
  const full = new Intl.NumberFormat(intl, percent ? { style: "percent", maximumFractionDigits: 1 } : { maximumFractionDigits: 0 });
  const fmt = (v: number) => `${full.format(v)}${unit && !percent ? ` ${unit}` : ""}`;
  const rows = data.map((d) => ({ name: d.label, ...Object.fromEntries(series.map((s) => [s.key, (d.values[s.key] ?? 0) / scale])) }));
  const height = horizontal ? Math.max(160, 44 * rows.length + 60) : 256;
  const category = { dataKey: "name", tick: { fontSize: 12, fill: "#64748b" }, tickLine: false, axisLine: false } as const;
  const value = { tickFormatter: (v: number) => compact.format(v), tick: { fontSize: 12, fill: "#64748b" }, tickLine: false, axisLine: false } as const;
  return (
    <figure className="m-0">
      <div className="w-full" style={{ height }} aria-hidden>
        <ResponsiveContainer width="100%" height="100%">
          {/* Hidden from assistive technology (the table carries the numbers): not focusable either. */}
          <BarChart accessibilityLayer={false} data={rows} layout={horizontal ? "vertical" : "horizontal"} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" horizontal={!horizontal} vertical={horizontal} />
            {horizontal ? (
              <>
                <XAxis type="number" {...value} />
                <YAxis type="category" width={150} {...category} />
              </>
            ) : (
              <>
                <XAxis type="category" {...category} />
                <YAxis type="number" width={48} {...value} />
              </>
            )}
            <Tooltip formatter={(v) => fmt(Number(v))} contentStyle={{ borderRadius: 12, border: "1px solid #e2e8f0", fontSize: 13 }} />
            {series.length > 1 && <Legend wrapperStyle={{ fontSize: 13 }} iconType="circle" />}
            {series.map((s) => (
              <Bar key={s.key} dataKey={s.key} name={s.label} fill={s.color} radius={horizontal ? [0, 3, 3, 0] : [3, 3, 0, 0]} isAnimationActive={false} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <ChartDataTable
        caption={title}
        head={head}
        columns={series.map((s) => s.label)}
        rows={data.map((d) => ({ key: d.key, label: d.label, cells: series.map((s) => fmt((d.values[s.key] ?? 0) / scale)) }))}
      />
    </figure>
  );
}

"use client";
// A time series as stacked areas or grouped bars (recharts), with a table fallback for screen readers.
import { ChartDataTable } from "./chart-table";
import { Area, AreaChart, Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export interface TrendSeries {
  key: string;
  label: string;
  color: string;
}

export function TrendChart({
  data,
  series,
  kind = "area",
  locale,
  unit = "",
  scale = 1,
  title,
  hourly = false,
}: {
  data: Record<string, number | string>[];
  series: TrendSeries[];
  kind?: "area" | "bar";
  locale: string;
  /** Appended to values in the tooltip ("₽", "pts"). */
  unit?: string;
  /** Values are divided by this before display (minor → major units). */
  scale?: number;
  title: string;
  /** `day` holds an ISO instant per hour (UTC) instead of a date. */
  hourly?: boolean;
}) {
  const intl = locale === "en" ? "en-GB" : "ru-RU";
  const nf = new Intl.NumberFormat(intl, { notation: "compact", maximumFractionDigits: 1 });
  const full = new Intl.NumberFormat(intl, { maximumFractionDigits: 0 });
  const day = new Intl.DateTimeFormat(intl, { day: "numeric", month: "short", timeZone: "UTC" });
  const rows = data.map((d) => ({ ...d, ...Object.fromEntries(series.map((s) => [s.key, Number(d[s.key] ?? 0) / scale])) }));
  const hour = new Intl.DateTimeFormat(intl, { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", timeZone: "UTC" });
  const tick = (v: string) => (hourly ? hour.format(new Date(v)) : day.format(new Date(`${v}T00:00:00Z`)));
  // The chart is hidden from assistive technology (the table below carries the numbers), so it
  // must not take keyboard focus either: no recharts accessibility layer.
  const common = {
    accessibilityLayer: false,
    data: rows,
    margin: { top: 8, right: 8, bottom: 0, left: 0 },
  };
  const axes = (
    <>
      <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" vertical={false} />
      <XAxis dataKey="day" tickFormatter={tick} tick={{ fontSize: 12, fill: "#64748b" }} tickLine={false} axisLine={false} minTickGap={24} />
      <YAxis tickFormatter={(v: number) => nf.format(v)} tick={{ fontSize: 12, fill: "#64748b" }} tickLine={false} axisLine={false} width={48} />
      <Tooltip
        formatter={(v) => `${full.format(Number(v))}${unit ? ` ${unit}` : ""}`}
        labelFormatter={(l) => tick(String(l))}
        contentStyle={{ borderRadius: 12, border: "1px solid #e2e8f0", fontSize: 13 }}
      />
      <Legend wrapperStyle={{ fontSize: 13 }} iconType="circle" />
    </>
  );
  return (
    <figure className="m-0">
      <div className="h-64 w-full" aria-hidden>
        <ResponsiveContainer width="100%" height="100%">
          {kind === "area" ? (
            <AreaChart {...common}>
              {axes}
              {series.map((s) => (
                <Area key={s.key} type="monotone" dataKey={s.key} name={s.label} stackId="1" stroke={s.color} fill={s.color} fillOpacity={0.25} strokeWidth={2} isAnimationActive={false} />
              ))}
            </AreaChart>
          ) : (
            <BarChart {...common}>
              {axes}
              {series.map((s) => (
                <Bar key={s.key} dataKey={s.key} name={s.label} fill={s.color} radius={[3, 3, 0, 0]} isAnimationActive={false} />
              ))}
            </BarChart>
          )}
        </ResponsiveContainer>
      </div>
      <ChartDataTable
        caption={title}
        head="—"
        columns={series.map((s) => s.label)}
        rows={rows.map((r) => ({ key: String(r.day), label: hourly ? tick(String(r.day)) : String(r.day), cells: series.map((s) => full.format(Number(r[s.key]))) }))}
      />
    </figure>
  );
}

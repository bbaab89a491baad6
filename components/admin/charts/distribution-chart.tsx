"use client";
// Shares of a whole (status distribution) as a donut with a legend that carries the numbers.
import { Cell, Pie, PieChart, ResponsiveContainer, Tooltip } from "recharts";

const PALETTE = ["#94a3b8", "#0ea5e9", "#14b8a6", "#f59e0b", "#8b5cf6", "#e11d48", "#22c55e", "#64748b"];

export function DistributionChart({ items, locale, title }: { items: { label: string; value: number; color?: string }[]; locale: string; title: string }) {
  const nf = new Intl.NumberFormat(locale === "en" ? "en-GB" : "ru-RU");
  const total = items.reduce((s, i) => s + i.value, 0) || 1;
  const data = items.map((i, k) => ({ ...i, color: i.color ?? PALETTE[k % PALETTE.length] }));
  return (
    <div className="flex flex-col items-center gap-4 sm:flex-row">
      <div className="size-44 shrink-0" aria-hidden>
        <ResponsiveContainer width="100%" height="100%">
          {/* Hidden from assistive technology (the legend carries the numbers): not focusable either. */}
          <PieChart accessibilityLayer={false}>
            <Pie rootTabIndex={-1} data={data} dataKey="value" nameKey="label" innerRadius="58%" outerRadius="95%" paddingAngle={1} isAnimationActive={false}>
              {data.map((d) => (
                <Cell key={d.label} fill={d.color} />
              ))}
            </Pie>
            <Tooltip formatter={(v) => nf.format(Number(v))} contentStyle={{ borderRadius: 12, border: "1px solid #e2e8f0", fontSize: 13 }} />
          </PieChart>
        </ResponsiveContainer>
      </div>
      <ul aria-label={title} className="w-full min-w-0 space-y-1.5 text-sm">
        {data.map((d) => (
          <li key={d.label} className="flex items-center gap-2">
            <span aria-hidden className="size-2.5 shrink-0 rounded-full" style={{ background: d.color }} />
            <span className="min-w-0 flex-1 truncate text-slate-700">{d.label}</span>
            <span className="tabular-nums font-medium text-slate-900">{nf.format(d.value)}</span>
            <span className="w-12 text-right tabular-nums text-slate-500">{Math.round((d.value / total) * 100)}%</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

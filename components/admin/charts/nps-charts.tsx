"use client";
// The NPS page's charts (recharts): answers per score 0–10 coloured by band, and NPS by week as a
// line. Both are hidden from assistive technology; a table beside each carries the numbers.
import { ChartDataTable } from "./chart-table";
import { Bar, BarChart, CartesianGrid, Cell, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

const BAND = (score: number) => (score >= 9 ? "#16a34a" : score >= 7 ? "#f59e0b" : "#dc2626");
const tooltip = { borderRadius: 12, border: "1px solid #e2e8f0", fontSize: 13 };
const tick = { fontSize: 12, fill: "#64748b" };

export function NpsDistributionChart({ distribution, caption, scoreLabel, answersLabel }: { distribution: number[]; caption: string; scoreLabel: string; answersLabel: string }) {
  const data = distribution.map((n, score) => ({ score: String(score), n }));
  return (
    <figure className="m-0">
      <div className="h-56 w-full" aria-hidden>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart accessibilityLayer={false} data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" vertical={false} />
            <XAxis dataKey="score" tick={tick} tickLine={false} axisLine={false} />
            <YAxis allowDecimals={false} tick={tick} tickLine={false} axisLine={false} width={40} />
            <Tooltip formatter={(v) => [String(v), answersLabel]} labelFormatter={(l) => `${scoreLabel} ${l}`} contentStyle={tooltip} />
            <Bar dataKey="n" radius={[3, 3, 0, 0]} isAnimationActive={false}>
              {data.map((d) => (
                <Cell key={d.score} fill={BAND(Number(d.score))} />
              ))}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
      <ChartDataTable caption={caption} head={scoreLabel} columns={[answersLabel]} rows={data.map((d) => ({ key: String(d.score), label: d.score, cells: [d.n] }))} />
    </figure>
  );
}

export function NpsTrendChart({ weeks, caption, weekLabel, npsLabel }: { weeks: { label: string; nps: number | null; answers: number }[]; caption: string; weekLabel: string; npsLabel: string }) {
  return (
    <figure className="m-0">
      <div className="h-56 w-full" aria-hidden>
        <ResponsiveContainer width="100%" height="100%">
          <LineChart accessibilityLayer={false} data={weeks} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" vertical={false} />
            <XAxis dataKey="label" tick={tick} tickLine={false} axisLine={false} minTickGap={16} />
            <YAxis domain={[-100, 100]} ticks={[-100, -50, 0, 50, 100]} tick={tick} tickLine={false} axisLine={false} width={44} />
            <ReferenceLine y={0} stroke="#94a3b8" />
            <Tooltip formatter={(v) => [Math.round(Number(v)), npsLabel]} contentStyle={tooltip} />
            <Line type="monotone" dataKey="nps" stroke="var(--brand)" strokeWidth={2.5} dot={{ r: 3 }} connectNulls isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </div>
      <ChartDataTable caption={caption} head={weekLabel} columns={[npsLabel]} rows={weeks.map((w) => ({ key: w.label, label: w.label, cells: [w.nps === null ? "—" : Math.round(w.nps)] }))} />
    </figure>
  );
}

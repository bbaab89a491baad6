// A readable diff of two versions of a definition (program rules, promotions): each changed path
// with what was added, removed or replaced. Server component: labels come translated.
import type { DefinitionChange } from "@/lib/program/definition";

function show(v: unknown): string {
  if (v === undefined) return "—";
  const s = JSON.stringify(v);
  return s.length > 120 ? `${s.slice(0, 117)}…` : s;
}

export function DiffList({ changes, max = 12, labels }: { changes: DefinitionChange[]; max?: number; labels: { added: string; removed: string; more: (count: number) => string } }) {
  return (
    <ul className="mt-2 space-y-1 text-xs">
      {changes.slice(0, max).map((c) => (
        <li key={c.path} className="break-words">
          <code className="font-semibold text-slate-800">{c.path}</code>{" "}
          {c.before === undefined ? (
            <span className="text-emerald-700">
              {labels.added}: {show(c.after)}
            </span>
          ) : c.after === undefined ? (
            <span className="text-red-700">
              {labels.removed}: {show(c.before)}
            </span>
          ) : (
            <span>
              <del className="text-red-700">{show(c.before)}</del> → <ins className="text-emerald-700 no-underline">{show(c.after)}</ins>
            </span>
          )}
        </li>
      ))}
      {changes.length > max && <li className="text-slate-500">{labels.more(changes.length - max)}</li>}
    </ul>
  );
}

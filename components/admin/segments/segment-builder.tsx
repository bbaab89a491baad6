"use client";
// The segment builder: nested AND/OR groups of conditions, a live count and a sample of members
// (debounced server action), and saving under a name. Validation is the same zod schema the
// server uses, so the marketer sees what is wrong before anything is sent.
import { useCallback, useMemo, useState } from "react";
import Link from "next/link";
import type { ActionResult } from "@/lib/actions/result";
import { parseSegmentDefinition, SEGMENT_LIMITS, type SegmentCondition, type SegmentDefinition, type SegmentGroup, type SegmentNode } from "@/lib/segments/definition";
import type { PreviewData } from "@/app/admin/segments/actions";
import { ActionForm, SubmitButton } from "../action-form";
import { Button } from "@/components/ui/button";
import { TextField } from "../form-field";
import { useDebouncedLoad } from "../use-debounced-load";
import { CONDITION_KINDS, ConditionFields, defaultCondition, type BuilderOptions } from "./condition-fields";
import { useLocale, useT } from "@/lib/i18n/client";
import { problemText } from "@/lib/i18n/definition-issues";

type Path = number[];

function update(root: SegmentGroup, path: Path, fn: (n: SegmentNode) => SegmentNode | null): SegmentGroup {
  if (path.length === 0) return fn(root) as SegmentGroup;
  const [head, ...rest] = path;
  const children = root.children.map((c, i) => (i !== head ? c : rest.length === 0 ? fn(c) : c.kind === "group" ? update(c, rest, fn) : c)).filter((c): c is SegmentNode => c !== null);
  return { ...root, children };
}

const pathKey = (path: Path) => path.map((i) => `children[${i}]`).join(".");

function GroupEditor({
  group,
  path,
  setAt,
  options,
  errors,
  disabled,
  kinds,
}: {
  group: SegmentGroup;
  path: Path;
  setAt: (path: Path, fn: (n: SegmentNode) => SegmentNode | null) => void;
  options: BuilderOptions;
  errors: { path: string; message: string }[];
  disabled: boolean;
  kinds: SegmentCondition["kind"][];
}) {
  const tx = useT();
  const [kind, setKind] = useState<SegmentCondition["kind"]>(kinds[0] ?? "tier");
  const depth = path.length + 1;
  return (
    <div className={`space-y-3 ${path.length ? "rounded-xl border-l-4 border-brand-200 bg-slate-50/70 p-3" : ""}`}>
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-sm text-slate-600">{tx("seg.match")}</span>
        <select
          aria-label={tx("seg.match")}
          disabled={disabled}
          value={group.op}
          onChange={(e) => setAt(path, (n) => ({ ...(n as SegmentGroup), op: e.target.value as "and" | "or" }))}
          className="rounded-md border-0 bg-white py-1.5 pl-2 pr-8 text-sm font-semibold text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300"
        >
          <option value="and">{tx("seg.all")}</option>
          <option value="or">{tx("seg.any")}</option>
        </select>
        {path.length > 0 && !disabled && (
          <Button variant="ghost" size="sm" className="ml-auto" onClick={() => setAt(path, () => null)}>
            {tx("seg.removeGroup")}
          </Button>
        )}
      </div>
      {group.children.length === 0 && <p className="text-sm text-slate-500">{tx("seg.emptyGroup")}</p>}
      <ul className="space-y-2">
        {group.children.map((child, i) => {
          const p = [...path, i];
          const key = pathKey(p);
          const own = errors.filter((e) => e.path === key || e.path.startsWith(key + "."));
          return (
            <li key={`${i}-${child.kind}`}>
              {i > 0 && <p className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500">{group.op === "and" ? tx("seg.and") : tx("seg.or")}</p>}
              {child.kind === "group" ? (
                <GroupEditor group={child} path={p} setAt={setAt} options={options} errors={errors} disabled={disabled} kinds={kinds} />
              ) : (
                <div data-testid="segment-condition" className={`rounded-xl bg-white p-3 shadow-sm ring-1 ${own.length ? "ring-red-300" : "ring-slate-200"}`}>
                  <div className="flex flex-wrap items-center gap-2">
                    <span className="min-w-40 text-sm font-semibold text-slate-900">{tx(`seg.kind.${child.kind}`)}</span>
                    <ConditionFields node={child} onChange={(n) => setAt(p, () => n)} options={options} disabled={disabled} />
                    {!disabled && (
                      <button
                        type="button"
                        onClick={() => setAt(p, () => null)}
                        aria-label={`${tx("seg.remove")}: ${tx(`seg.kind.${child.kind}`)}`}
                        className="ml-auto rounded-md p-1.5 text-slate-500 hover:bg-slate-100 hover:text-slate-700"
                      >
                        ✕
                      </button>
                    )}
                  </div>
                  {own.length > 0 && <p className="mt-2 text-xs font-medium text-red-700">{own.map((e) => e.message).join("; ")}</p>}
                </div>
              )}
            </li>
          );
        })}
      </ul>
      {!disabled && (
        <div className="flex flex-wrap items-center gap-2">
          <select
            aria-label={tx("seg.addCondition")}
            value={kind}
            onChange={(e) => setKind(e.target.value as SegmentCondition["kind"])}
            className="rounded-md border-0 bg-white py-1.5 pl-2 pr-8 text-sm shadow-sm ring-1 ring-inset ring-slate-300"
          >
            {kinds.map((k) => (
              <option key={k} value={k}>
                {tx(`seg.kind.${k}`)}
              </option>
            ))}
          </select>
          <Button variant="secondary" size="sm" onClick={() => setAt(path, (n) => ({ ...(n as SegmentGroup), children: [...(n as SegmentGroup).children, defaultCondition(kind)] }))}>
            + {tx("seg.addCondition")}
          </Button>
          {depth < SEGMENT_LIMITS.depth && (
            <Button
              variant="ghost"
              size="sm"
              onClick={() => setAt(path, (n) => ({ ...(n as SegmentGroup), children: [...(n as SegmentGroup).children, { kind: "group", op: group.op === "and" ? "or" : "and", children: [] }] }))}
            >
              + {tx("seg.addGroup")}
            </Button>
          )}
        </div>
      )}
    </div>
  );
}

type Counted = ({ ok: true } & PreviewData) | { ok: false; error: string };

export interface SegmentBuilderProps {
  id?: string;
  name: string;
  initial: SegmentDefinition;
  canEdit: boolean;
  options: BuilderOptions;
  preview: (prev: null, input: { definition: string }) => Promise<ActionResult<PreviewData>>;
  save: (prev: ActionResult | null, form: FormData) => Promise<ActionResult>;
  /** The conditions offered (the partner portal offers fewer); all by default. */
  kinds?: SegmentCondition["kind"][];
  /** Where a sample member links to (the console's customer page by default). */
  memberHref?: (id: string) => string;
  /** The words of the count and the save form where the thing is not called a segment (the partner portal's groups). */
  wording?: { count: string; name: string; namePlaceholder: string; save: string };
}

const consoleMember = (id: string) => `/admin/customers/${id}`;

export function SegmentBuilder({ id, name, initial, canEdit, options, preview, save, kinds = CONDITION_KINDS, memberHref = consoleMember, wording }: SegmentBuilderProps) {
  const tx = useT();
  const words = wording ?? { count: tx("seg.count"), name: tx("seg.name"), namePlaceholder: tx("seg.namePlaceholder"), save: tx("seg.save") };
  const locale = useLocale();
  const [def, setDef] = useState<SegmentDefinition>(initial);
  const json = useMemo(() => JSON.stringify(def), [def]);
  const parsed = useMemo(() => parseSegmentDefinition(def), [def]);
  const errors = useMemo(() => (parsed.ok ? [] : parsed.errors.map((e) => ({ path: e.path, message: problemText(tx, e) }))), [parsed, tx]);
  const nf = useMemo(() => new Intl.NumberFormat(locale === "en" ? "en-GB" : "ru-RU"), [locale]);
  const load = useCallback(
    async (definition: string): Promise<Counted> => {
      const r = await preview(null, { definition });
      return r.ok && r.data ? { ok: true, ...r.data } : { ok: false, error: r.ok ? tx("console.common.genericError") : r.error };
    },
    [preview, tx],
  );
  const failed = useCallback((): Counted => ({ ok: false, error: tx("console.common.genericError") }), [tx]);
  const { result, loading } = useDebouncedLoad(parsed.ok ? json : null, load, failed);

  const setAt = (path: Path, fn: (n: SegmentNode) => SegmentNode | null) => setDef((d) => update(d, path, fn));
  const tierName = new Map(options.tiers.map((t) => [t.value, t.label]));

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
      <section aria-labelledby="seg-builder" className="min-w-0 self-start rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-5">
        <h2 id="seg-builder" className="mb-4 text-base font-semibold text-slate-900">
          {tx("seg.builder")}
        </h2>
        {!canEdit && <p className="mb-4 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200">{tx("seg.readOnly")}</p>}
        <GroupEditor group={def} path={[]} setAt={setAt} options={options} errors={errors} disabled={!canEdit} kinds={kinds} />
      </section>
      <aside className="space-y-4 lg:sticky lg:top-4 lg:self-start">
        <section aria-live="polite" aria-busy={loading} className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200">
          <h2 className="text-sm font-medium text-slate-600">{words.count}</h2>
          {!parsed.ok ? (
            <p className="mt-2 text-sm font-medium text-red-700">{tx("seg.invalid")}</p>
          ) : result?.ok ? (
            <p data-testid="segment-count" className={`mt-1 text-4xl font-bold tabular-nums tracking-tight text-slate-900 transition-opacity ${loading ? "opacity-50" : ""}`}>
              {nf.format(result.count)}
            </p>
          ) : result && !result.ok ? (
            <p className="mt-2 text-sm font-medium text-red-700">{result.error}</p>
          ) : (
            <p className="mt-2 text-sm text-slate-500">{tx("seg.counting")}</p>
          )}
          {loading && result?.ok && <p className="mt-1 text-xs text-slate-500">{tx("seg.counting")}</p>}
        </section>
        {canEdit && (
          <ActionForm action={save} className="space-y-3 rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200" aria-label={words.save}>
            <input type="hidden" name="id" value={id ?? ""} />
            <input type="hidden" name="definition" value={json} />
            <TextField label={words.name} name="name" defaultValue={name} placeholder={words.namePlaceholder} required maxLength={120} />
            <SubmitButton className="w-full">{words.save}</SubmitButton>
          </ActionForm>
        )}
        <section className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200">
          <h2 className="text-sm font-semibold text-slate-900">{tx("seg.sample")}</h2>
          {result?.ok && result.sample.length === 0 && <p className="mt-2 text-sm text-slate-500">{tx("seg.sampleEmpty")}</p>}
          <ul className="mt-2 divide-y divide-slate-100">
            {result?.ok &&
              result.sample.map((m) => (
                <li key={m.id} className="py-2 text-sm">
                  <Link href={memberHref(m.id)} className="font-medium text-slate-900 hover:underline">
                    {m.name}
                  </Link>
                  <p className="truncate text-xs text-slate-500">
                    {[m.phone, m.tierCode ? (tierName.get(m.tierCode) ?? m.tierCode) : null, m.balance === undefined ? null : `${nf.format(m.balance)} ${tx("seg.col.balance").toLowerCase()}`]
                      .filter(Boolean)
                      .join(" · ")}
                  </p>
                </li>
              ))}
          </ul>
        </section>
      </aside>
    </div>
  );
}

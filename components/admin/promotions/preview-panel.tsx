"use client";
// The editor's live preview: a sample basket (lines, the customer, a code, the store and the
// moment) priced on the server by the real engine with the draft and every other promotion in
// force: each promotion's effect per line, the totals, and why the others did not apply.
import { useCallback, useId, useMemo, useState } from "react";
import type { ActionResult } from "@/lib/actions/result";
import type { EditorOptions } from "@/lib/promotions/console";
import { isoFromLocal, localFromIso } from "@/lib/promotions/editor-form";
import type { PreviewBasket } from "@/lib/promotions/preview";
import type { PreviewView } from "@/lib/promotions/preview-view";
import { useLocale, useT } from "@/lib/i18n/client";
import { INTL_LOCALE } from "@/lib/i18n/format";
import { Button } from "@/components/ui/button";
import { useDebouncedLoad } from "../use-debounced-load";
import { INPUT } from "./editor-fields";

export interface PreviewRequest {
  definition: string;
  /** The sample basket, its moment as ISO text. */
  basket: Omit<PreviewBasket, "at"> & { at: string };
}

export type PreviewAction = (prev: null, input: PreviewRequest) => Promise<ActionResult<PreviewView>>;

interface Line {
  sku: string;
  category: string;
  /** Major units as typed. */
  price: string;
  quantity: string;
}

function Small({ label, children, className = "" }: { label: string; children: (id: string) => React.ReactNode; className?: string }) {
  const id = useId();
  return (
    <div className={`min-w-0 ${className}`}>
      <label htmlFor={id} className="block text-xs font-medium text-slate-700">
        {label}
      </label>
      <div className="mt-1">{children(id)}</div>
    </div>
  );
}

export function PreviewPanel({ definition, valid, options, categories, preview }: { definition: string; valid: boolean; options: EditorOptions; categories: string[]; preview: PreviewAction }) {
  const tx = useT();
  const locale = useLocale();
  // The promotion's own goods first, and one line of something else to see what does not qualify.
  const first = categories[0] ?? "merch";
  const other = "other";
  const [lines, setLines] = useState<Line[]>([
    { sku: "SKU-1", category: first, price: "1500", quantity: "3" },
    { sku: "SKU-2", category: other, price: "500", quantity: "1" },
  ]);
  const [tierCode, setTierCode] = useState<string>(options.tiers[0]?.value ?? "");
  const [segments, setSegments] = useState<string[]>([]);
  const [newMember, setNewMember] = useState(false);
  const [birthday, setBirthday] = useState(false);
  const [code, setCode] = useState("");
  const [storeCode, setStoreCode] = useState(options.stores[0]?.value ?? "");
  const [at, setAt] = useState(() => localFromIso(new Date().toISOString(), options.timeZone));
  const [ignoreCalendar, setIgnoreCalendar] = useState(false);

  const money = useMemo(() => new Intl.NumberFormat(INTL_LOCALE[locale], { style: "currency", currency: options.currency, maximumFractionDigits: 2 }), [locale, options.currency]);
  const nf = useMemo(() => new Intl.NumberFormat(INTL_LOCALE[locale]), [locale]);
  const m = (minor: number) => money.format(minor / 100);

  const request = useMemo((): PreviewRequest | null => {
    const parsed = lines.map((l) => ({ sku: l.sku.trim() || "SKU", category: l.category.trim() || "other", price: Math.round(Number(l.price) * 100), quantity: Number(l.quantity) }));
    if (!parsed.length || parsed.some((l) => !Number.isFinite(l.price) || l.price < 0 || !(l.quantity > 0))) return null;
    const iso = isoFromLocal(at, options.timeZone);
    if (!iso) return null;
    return { definition, basket: { lines: parsed, tierCode: tierCode || null, segments, newMember, birthday, code, storeCode: storeCode || null, at: iso, ignoreCalendar } };
  }, [lines, at, options.timeZone, definition, tierCode, segments, newMember, birthday, code, storeCode, ignoreCalendar]);
  const key = request && valid ? JSON.stringify(request) : null;

  const load = useCallback((body: string) => preview(null, JSON.parse(body) as PreviewRequest), [preview]);
  const failed = useCallback((): ActionResult<PreviewView> => ({ ok: false, error: tx("console.common.genericError") }), [tx]);
  const { result, loading } = useDebouncedLoad(key, load, failed);

  const setLine = (i: number, patch: Partial<Line>) => setLines((ls) => ls.map((l, k) => (k === i ? { ...l, ...patch } : l)));
  const view = result?.ok ? result.data : undefined;
  const names = new Map([...(view?.applied ?? []), ...(view?.rejected ?? [])].map((p) => [p.code, p.name]));

  return (
    <section id="promo-preview" aria-labelledby="promo-preview-h" className="scroll-mt-4 rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200">
      <h2 id="promo-preview-h" className="text-base font-semibold text-slate-900">
        {tx("console.promo.preview.title")}
      </h2>
      <p className="mb-4 mt-1 text-xs text-slate-500">{tx("console.promo.preview.lead")}</p>

      <fieldset>
        <legend className="text-sm font-medium text-slate-800">{tx("console.promo.preview.basket")}</legend>
        <ul className="mt-2 space-y-3">
          {lines.map((l, i) => (
            <li key={i} data-testid="preview-line" className="grid grid-cols-2 gap-2 rounded-xl bg-slate-50 p-3 ring-1 ring-slate-200 sm:grid-cols-[1fr_1fr_7rem_5rem_auto]">
              <Small label={`${tx("console.promo.preview.sku")} ${i + 1}`}>{(id) => <input id={id} className={INPUT} value={l.sku} onChange={(e) => setLine(i, { sku: e.target.value })} />}</Small>
              <Small label={`${tx("console.promo.preview.category")} ${i + 1}`}>
                {(id) => <input id={id} className={INPUT} list="promo-categories" value={l.category} onChange={(e) => setLine(i, { category: e.target.value })} />}
              </Small>
              <Small label={`${tx("console.promo.preview.price")} ${i + 1}`}>
                {(id) => <input id={id} className={INPUT} type="number" min={0} step="0.01" value={l.price} onChange={(e) => setLine(i, { price: e.target.value })} />}
              </Small>
              <Small label={`${tx("console.promo.preview.quantity")} ${i + 1}`}>
                {(id) => <input id={id} className={INPUT} type="number" min={0.001} step="any" value={l.quantity} onChange={(e) => setLine(i, { quantity: e.target.value })} />}
              </Small>
              <Button size="sm" variant="ghost" className="self-end" disabled={lines.length === 1} onClick={() => setLines((ls) => ls.filter((_, k) => k !== i))}>
                {tx("console.promo.remove")}
              </Button>
            </li>
          ))}
        </ul>
        <datalist id="promo-categories">
          {[...new Set([...categories, ...options.categories])].map((c) => (
            <option key={c} value={c} />
          ))}
        </datalist>
        <Button
          className="mt-2"
          size="sm"
          variant="secondary"
          disabled={lines.length >= 30}
          onClick={() => setLines((ls) => [...ls, { sku: `SKU-${ls.length + 1}`, category: first, price: "1000", quantity: "1" }])}
        >
          + {tx("console.promo.preview.addLine")}
        </Button>
      </fieldset>

      <div className="mt-4 grid gap-3 sm:grid-cols-2">
        <Small label={tx("console.promo.preview.customer")}>
          {(id) => (
            <select id={id} className={INPUT} value={tierCode} onChange={(e) => setTierCode(e.target.value)}>
              <option value="">{tx("console.promo.preview.anonymous")}</option>
              {options.tiers.map((t) => (
                <option key={t.value} value={t.value}>
                  {tx("console.promo.preview.member", { tier: t.label })}
                </option>
              ))}
            </select>
          )}
        </Small>
        <Small label={tx("console.promo.preview.code")}>{(id) => <input id={id} className={INPUT} value={code} onChange={(e) => setCode(e.target.value.toUpperCase())} />}</Small>
        <Small label={tx("console.promo.preview.store")}>
          {(id) => (
            <select id={id} className={INPUT} value={storeCode} onChange={(e) => setStoreCode(e.target.value)}>
              {options.stores.map((s) => (
                <option key={s.value} value={s.value}>
                  {s.label}
                </option>
              ))}
            </select>
          )}
        </Small>
        <Small label={tx("console.promo.preview.at")}>{(id) => <input id={id} type="datetime-local" className={INPUT} value={at} onChange={(e) => setAt(e.target.value)} />}</Small>
      </div>
      <div className="mt-3 flex flex-wrap gap-x-4 gap-y-2 text-sm text-slate-700">
        {tierCode && (
          <>
            <label className="flex items-center gap-1.5">
              <input type="checkbox" className="size-4 accent-brand-600" checked={newMember} onChange={(e) => setNewMember(e.target.checked)} />
              {tx("console.promo.preview.newMember")}
            </label>
            <label className="flex items-center gap-1.5">
              <input type="checkbox" className="size-4 accent-brand-600" checked={birthday} onChange={(e) => setBirthday(e.target.checked)} />
              {tx("console.promo.preview.birthday")}
            </label>
            {options.segments.map((s) => (
              <label key={s.value} className="flex items-center gap-1.5">
                <input
                  type="checkbox"
                  className="size-4 accent-brand-600"
                  checked={segments.includes(s.value)}
                  onChange={(e) => setSegments((xs) => (e.target.checked ? [...xs, s.value] : xs.filter((x) => x !== s.value)))}
                />
                {tx("console.promo.preview.inSegment", { segment: s.label })}
              </label>
            ))}
          </>
        )}
        <label className="flex items-center gap-1.5">
          <input type="checkbox" className="size-4 accent-brand-600" checked={ignoreCalendar} onChange={(e) => setIgnoreCalendar(e.target.checked)} />
          {tx("console.promo.preview.ignoreCalendar")}
        </label>
      </div>

      <div aria-live="polite" aria-busy={loading} className={`mt-5 border-t border-slate-100 pt-4 ${loading ? "cursor-progress" : ""}`} data-testid="preview-result">
        {!valid ? (
          <p className="text-sm font-medium text-red-700">{tx("console.promo.preview.fixErrors")}</p>
        ) : !request ? (
          <p className="text-sm font-medium text-red-700">{tx("console.promo.preview.badBasket")}</p>
        ) : result && !result.ok ? (
          <p className="text-sm font-medium text-red-700">{result.error}</p>
        ) : !view ? (
          <p className="text-sm text-slate-500">{tx("console.promo.preview.pricing")}</p>
        ) : (
          <>
            <div className="overflow-x-auto">
              <table className="min-w-full text-sm">
                <caption className="sr-only">{tx("console.promo.preview.title")}</caption>
                <thead>
                  <tr className="border-b border-slate-200 text-left text-xs uppercase tracking-wide text-slate-500">
                    <th scope="col" className="py-2 pr-3 font-semibold">
                      {tx("console.promo.preview.line")}
                    </th>
                    <th scope="col" className="py-2 pr-3 text-right font-semibold">
                      {tx("console.promo.preview.amount")}
                    </th>
                    <th scope="col" className="py-2 pr-3 font-semibold">
                      {tx("console.promo.preview.effects")}
                    </th>
                    <th scope="col" className="py-2 pr-3 text-right font-semibold">
                      {tx("console.promo.preview.payable")}
                    </th>
                    <th scope="col" className="py-2 text-right font-semibold">
                      {tx("console.promo.preview.points")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {view.lines.map((l) => (
                    <tr key={l.lineNo} className="border-b border-slate-100 align-top">
                      <th scope="row" className="py-2 pr-3 text-left font-medium text-slate-800">
                        {l.sku} <span className="block text-xs font-normal text-slate-500">{l.category}</span>
                      </th>
                      <td className="py-2 pr-3 text-right tabular-nums">{m(l.amount)}</td>
                      <td className="py-2 pr-3 text-xs">
                        {l.promotions.length === 0 && <span className="text-slate-500">—</span>}
                        {l.promotions.map((p) => (
                          <span key={p.code} className="block">
                            {names.get(p.code) ?? p.code}: {p.discount > 0 && <span className="font-medium text-emerald-800">−{m(p.discount)}</span>}
                            {p.points > 0 && <span className="font-medium text-sky-800"> +{nf.format(p.points)}</span>}
                          </span>
                        ))}
                      </td>
                      <td className="py-2 pr-3 text-right tabular-nums">{m(l.payable)}</td>
                      <td className="py-2 text-right tabular-nums">{nf.format(l.pointsEarned)}</td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr className="font-semibold text-slate-900">
                    <th scope="row" className="py-2 pr-3 text-left">
                      {tx("console.promo.preview.total")}
                    </th>
                    <td className="py-2 pr-3 text-right tabular-nums">{m(view.totals.amount)}</td>
                    <td className="py-2 pr-3 text-xs text-emerald-800" data-testid="preview-discount">
                      {view.totals.discount > 0 ? `−${m(view.totals.discount)}` : "—"}
                    </td>
                    <td className="py-2 pr-3 text-right tabular-nums" data-testid="preview-payable">
                      {m(view.totals.payable)}
                    </td>
                    <td className="py-2 text-right tabular-nums">{nf.format(view.totals.pointsEarned)}</td>
                  </tr>
                </tfoot>
              </table>
            </div>
            {code && !view.codeFor && <p className="mt-2 text-sm text-amber-800">{tx("console.promo.preview.unknownCode", { code })}</p>}
            {view.draftLeft && (
              <p className="mt-2 text-sm text-slate-600" data-testid="preview-left">
                {[
                  view.draftLeft.uses !== null ? tx("console.promo.preview.usesLeft", { count: view.draftLeft.uses }) : null,
                  view.draftLeft.money !== null ? tx("console.promo.preview.moneyLeft", { money: m(view.draftLeft.money) }) : null,
                  view.draftLeft.points !== null ? tx("console.promo.preview.pointsLeft", { points: nf.format(view.draftLeft.points) }) : null,
                ]
                  .filter(Boolean)
                  .join(" · ")}
              </p>
            )}
            <h3 className="mt-4 text-sm font-semibold text-slate-900">{tx("console.promo.preview.applied")}</h3>
            {view.applied.length === 0 ? (
              <p className="text-sm text-slate-500">{tx("console.promo.preview.noneApplied")}</p>
            ) : (
              <ul className="mt-1 space-y-1 text-sm" data-testid="preview-applied">
                {view.applied.map((a) => (
                  <li key={a.code}>
                    <span className="font-medium text-slate-900">{a.name}</span>
                    {a.draft && <span className="ml-1 rounded bg-brand-50 px-1.5 text-xs text-brand-700">{tx("console.promo.preview.thisOne")}</span>} — {a.summary}
                    {a.discount > 0 && <span className="text-emerald-800">, −{m(a.discount)}</span>}
                    {a.points > 0 && <span className="text-sky-800">, +{nf.format(a.points)}</span>}
                  </li>
                ))}
              </ul>
            )}
            {view.rejected.length > 0 && (
              <>
                <h3 className="mt-4 text-sm font-semibold text-slate-900">{tx("console.promo.preview.rejected")}</h3>
                <ul className="mt-1 space-y-1 text-sm" data-testid="preview-rejected">
                  {view.rejected.map((r) => (
                    <li key={r.code}>
                      <span className="font-medium text-slate-900">{r.name}</span>
                      {r.draft && <span className="ml-1 rounded bg-brand-50 px-1.5 text-xs text-brand-700">{tx("console.promo.preview.thisOne")}</span>}:{" "}
                      <span className="text-slate-600">{r.reason}</span>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </>
        )}
      </div>
    </section>
  );
}

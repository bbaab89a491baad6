"use client";
// Program rules as forms: statuses, earning, spending, expiry, periods, and the whole JSON for
// what the forms do not cover. The server validates exactly like `program:apply` and lists every
// problem with its path; saving a changed definition creates a new version.
import { controlClass } from "@/components/ui/field";
import { startTransition, useActionState, useEffect, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import type { ActionResult } from "@/lib/actions/result";
import { Button } from "@/components/ui/button";
import { SaveBar } from "../save-bar";
import type { FormAction } from "../action-form";
import { SimulateForm } from "./simulate-form";
import { useToast } from "../toast";
import { useLocale, useT } from "@/lib/i18n/client";
import { localized, type LocalizedText } from "@/lib/i18n/localized";
import { LOCALES } from "@/lib/i18n/locales";

type Json = Record<string, unknown>;
type Tier = Json & { code?: string; name?: LocalizedText; earnRate?: number; maxRedeemShare?: number; canRedeem?: boolean; qualify?: Json };

const INPUT = controlClass("md");

const obj = (v: unknown): Json => (v && typeof v === "object" && !Array.isArray(v) ? (v as Json) : {});
const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);
const splitList = (s: string) =>
  s
    .split(",")
    .map((x) => x.trim())
    .filter(Boolean);

function Field({ label, children, hint, error }: { label: string; children: React.ReactNode; hint?: string; error?: string }) {
  return (
    <label className="block min-w-0 text-sm">
      <span className="font-medium text-slate-800">{label}</span>
      <span className="mt-1 block">{children}</span>
      {hint && !error && <span className="mt-1 block text-xs text-slate-500">{hint}</span>}
      {error && <span className="mt-1 block text-xs font-medium text-red-700">{error}</span>}
    </label>
  );
}

function Num({
  value,
  onChange,
  disabled,
  step = 1,
  min = 0,
  scale = 1,
}: {
  value: number | undefined;
  onChange: (n: number | undefined) => void;
  disabled?: boolean;
  step?: number;
  min?: number;
  scale?: number;
}) {
  return (
    <input
      type="number"
      className={INPUT}
      disabled={disabled}
      step={step}
      min={min}
      value={value === undefined ? "" : value / scale}
      onChange={(e) => onChange(e.target.value === "" ? undefined : Math.round(Number(e.target.value) * scale * 100) / 100)}
    />
  );
}

function TextList({ value, onChange, disabled, hint }: { value: string[]; onChange: (v: string[]) => void; disabled?: boolean; hint: string }) {
  const [text, setText] = useState(value.join(", "));
  return (
    <input
      type="text"
      className={INPUT}
      disabled={disabled}
      placeholder={hint}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        onChange(splitList(e.target.value));
      }}
    />
  );
}

/** A status name: one text, or one per language ({"en": "Gold", "ru": "Золото"}) — kept as it is in the JSON. */
function TierName({ value, onChange, disabled, error }: { value: LocalizedText | undefined; onChange: (v: LocalizedText) => void; disabled?: boolean; error: (lang?: string) => string | undefined }) {
  const tx = useT();
  const locale = useLocale();
  if (value === undefined || typeof value === "string")
    return (
      <Field label={tx("prog.tier.name")} error={error()}>
        <input className={INPUT} disabled={disabled} value={value ?? ""} onChange={(e) => onChange(e.target.value)} />
        {!disabled && (
          <button type="button" className="mt-1 text-xs font-medium text-brand-700 hover:underline" onClick={() => onChange({ [locale]: value ?? "" })}>
            {tx("prog.tier.translate")}
          </button>
        )}
      </Field>
    );
  return (
    <>
      {LOCALES.map((l) => (
        <Field key={l} label={tx("prog.tier.nameIn", { language: tx(`lang.${l}`) })} error={error(l) ?? (l === LOCALES[0] ? error() : undefined)}>
          <input
            className={INPUT}
            disabled={disabled}
            lang={l}
            value={value[l] ?? ""}
            onChange={(e) => {
              const { [l]: _old, ...rest } = value;
              onChange(e.target.value ? { ...rest, [l]: e.target.value } : rest);
            }}
          />
        </Field>
      ))}
    </>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section id={id} aria-labelledby={`${id}-h`} className="scroll-mt-4 rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200">
      <h2 id={`${id}-h`} className="mb-4 text-base font-semibold text-slate-900">
        {title}
      </h2>
      {children}
    </section>
  );
}

export function ProgramEditor({
  initial,
  canEdit,
  save,
  currencyLabel,
  simulate,
  simulations,
}: {
  initial: Json;
  canEdit: boolean;
  currencyLabel: string;
  save: (prev: ActionResult | null, form: FormData) => Promise<ActionResult>;
  /** The what-if replay of the draft (owners and marketers). */
  simulate?: FormAction;
  /** Recent simulations, shown to everyone who reads the program. */
  simulations?: React.ReactNode;
}) {
  const tx = useT();
  const locale = useLocale();
  const [def, setDef] = useState<Json>(initial);
  const [note, setNote] = useState("");
  const [jsonText, setJsonText] = useState(() => JSON.stringify(initial, null, 2));
  const [jsonError, setJsonError] = useState<string | null>(null);
  const [state, action, pending] = useActionState<ActionResult | null, FormData>(save, null);
  const toast = useToast();
  const router = useRouter();
  const seen = useRef<ActionResult | null>(null);
  const disabled = !canEdit;

  useEffect(() => {
    if (!state || seen.current === state) return;
    seen.current = state;
    if (state.ok) {
      toast(state.message ?? tx("prog.unchanged"), "success");
      // The page remounts the editor on a new version (fresh note and fields).
      router.refresh();
    } else toast(state.error, "error");
  }, [state, toast, router, tx]);

  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const err = (path: string) => errors[path];
  const tiers = (Array.isArray(def.tiers) ? def.tiers : []) as Tier[];
  const earning = obj(def.earning);
  const redemption = obj(def.redemption);
  const qualification = obj(def.qualification);
  const period = qualification.period;
  const periodMode = period === "lifetime" || period === undefined ? "lifetime" : period === "calendar-year" ? "calendar-year" : "season" in obj(period) ? "season" : "rolling";
  const season = obj(obj(period).season);
  const expiry = def.expiry === null || def.expiry === undefined ? null : obj(def.expiry);
  const expiryMode = expiry === null ? "never" : "months" in expiry ? "months" : "endOfPeriod";
  const activation = obj(earning.activation);

  const set = (patch: Json) => setDef((d) => ({ ...d, ...patch }));
  const setTier = (i: number, patch: Partial<Tier>) => set({ tiers: tiers.map((t, k) => (k === i ? { ...t, ...patch } : t)) });
  const setQualify = (i: number, key: "spend" | "visits" | "purchases", v: number | undefined) => {
    const q = { ...obj(tiers[i].qualify) };
    if (v === undefined) delete q[key];
    else q[key] = v;
    setTier(i, { qualify: q });
  };
  const move = (i: number, by: number) => {
    const next = [...tiers];
    const [t] = next.splice(i, 1);
    next.splice(i + by, 0, t);
    set({ tiers: next });
  };

  function submit() {
    const form = new FormData();
    form.set("definition", JSON.stringify(def));
    form.set("note", note);
    startTransition(() => action(form));
  }

  const errorList = Object.entries(errors).filter(([k]) => k !== "_");

  return (
    <div className="space-y-6">
      {disabled && <p className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200">{tx("prog.readOnly")}</p>}
      <nav aria-label={tx("prog.title")} className="flex flex-wrap gap-2 text-sm">
        {(["tiers", "earning", "spending", "expiry", "period", "json", "simulate"] as const).map((s) => (
          <a key={s} href={`#prog-${s}`} className="rounded-full bg-white px-3 py-1 font-medium text-slate-700 ring-1 ring-slate-200 hover:bg-slate-50">
            {tx(`prog.tab.${s}`)}
          </a>
        ))}
      </nav>

      <Section id="prog-tiers" title={tx("prog.tab.tiers")}>
        <ol className="space-y-3">
          {tiers.map((tier, i) => {
            const q = obj(tier.qualify);
            const name = localized(tier.name, locale);
            return (
              <li key={i} data-testid="program-tier" className="rounded-xl bg-slate-50 p-4 ring-1 ring-slate-200">
                <div className="mb-3 flex flex-wrap items-center gap-2">
                  <span className="grid size-7 place-items-center rounded-full bg-white text-xs font-semibold text-slate-700 ring-1 ring-slate-300">{i + 1}</span>
                  <span className="font-semibold text-slate-900">{name || tier.code}</span>
                  {i === 0 && <span className="text-xs text-slate-500">{tx("prog.tier.entry")}</span>}
                  {canEdit && (
                    <span className="ml-auto flex gap-1">
                      <Button size="sm" variant="ghost" disabled={i === 0} onClick={() => move(i, -1)} aria-label={`${tx("prog.tier.up")}: ${name}`}>
                        ↑
                      </Button>
                      <Button size="sm" variant="ghost" disabled={i === tiers.length - 1} onClick={() => move(i, 1)} aria-label={`${tx("prog.tier.down")}: ${name}`}>
                        ↓
                      </Button>
                      <Button size="sm" variant="ghost" disabled={tiers.length === 1} onClick={() => set({ tiers: tiers.filter((_, k) => k !== i) })}>
                        {tx("prog.tier.remove")}
                      </Button>
                    </span>
                  )}
                </div>
                <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
                  <Field label={tx("prog.tier.code")} error={err(`tiers[${i}].code`)}>
                    <input className={INPUT} disabled={disabled} value={tier.code ?? ""} onChange={(e) => setTier(i, { code: e.target.value })} />
                  </Field>
                  <TierName disabled={disabled} value={tier.name} onChange={(name) => setTier(i, { name })} error={(l) => err(l ? `tiers[${i}].name.${l}` : `tiers[${i}].name`)} />
                  <Field label={tx("prog.tier.earnRate")} error={err(`tiers[${i}].earnRate`)}>
                    <Num disabled={disabled} step={0.01} value={tier.earnRate} onChange={(v) => setTier(i, { earnRate: v })} />
                  </Field>
                  <Field label={tx("prog.tier.maxRedeem")} error={err(`tiers[${i}].maxRedeemShare`)}>
                    <Num disabled={disabled} step={0.01} value={tier.maxRedeemShare} onChange={(v) => setTier(i, { maxRedeemShare: v })} />
                  </Field>
                  {i > 0 && !q.any && (
                    <>
                      <Field label={`${tx("prog.tier.spend")}, ${currencyLabel}`} error={err(`tiers[${i}].qualify.spend`) ?? err(`tiers[${i}].qualify`)}>
                        <Num disabled={disabled} scale={100} value={q.spend as number | undefined} onChange={(v) => setQualify(i, "spend", v === undefined ? undefined : Math.round(v))} />
                      </Field>
                      <Field label={tx("prog.tier.visits")} error={err(`tiers[${i}].qualify.visits`)}>
                        <Num disabled={disabled} value={q.visits as number | undefined} onChange={(v) => setQualify(i, "visits", v)} />
                      </Field>
                      <Field label={tx("prog.tier.purchases")} error={err(`tiers[${i}].qualify.purchases`)}>
                        <Num disabled={disabled} value={q.purchases as number | undefined} onChange={(v) => setQualify(i, "purchases", v)} />
                      </Field>
                    </>
                  )}
                  {i > 0 && !!q.any && <p className="text-sm text-slate-600 sm:col-span-2">{tx("prog.tier.any")}</p>}
                  <label className="flex items-center gap-2 self-end pb-2 text-sm text-slate-800">
                    <input type="checkbox" className="size-4 accent-brand-600" disabled={disabled} checked={tier.canRedeem !== false} onChange={(e) => setTier(i, { canRedeem: e.target.checked })} />
                    {tx("prog.tier.canRedeem")}
                  </label>
                </div>
              </li>
            );
          })}
        </ol>
        {canEdit && (
          <Button
            className="mt-3"
            variant="secondary"
            size="sm"
            onClick={() => set({ tiers: [...tiers, { code: `tier-${tiers.length + 1}`, name: `Tier ${tiers.length + 1}`, earnRate: 0, qualify: { spend: 1_000_000 } }] })}
          >
            + {tx("prog.tier.add")}
          </Button>
        )}
      </Section>

      <Section id="prog-earning" title={tx("prog.tab.earning")}>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label={tx("prog.earning.base")} error={err("earning.base")}>
            <select className={INPUT} disabled={disabled} value={String(earning.base ?? "paid")} onChange={(e) => set({ earning: { ...earning, base: e.target.value } })}>
              <option value="paid">{tx("prog.earning.base.paid")}</option>
              <option value="full">{tx("prog.earning.base.full")}</option>
            </select>
          </Field>
          <Field label={tx("prog.earning.excluded")} hint={tx("prog.listHint")} error={err("earning.excludedCategories")}>
            <TextList disabled={disabled} hint={tx("prog.listHint")} value={list(earning.excludedCategories)} onChange={(v) => set({ earning: { ...earning, excludedCategories: v } })} />
          </Field>
          <Field label={tx("prog.earning.activation")} error={err("earning.activation")}>
            <select
              className={INPUT}
              disabled={disabled}
              value={activation.on === "validation" ? "validation" : "days"}
              onChange={(e) => set({ earning: { ...earning, activation: e.target.value === "validation" ? { on: "validation" } : { afterDays: 0 } } })}
            >
              <option value="days">{tx("prog.earning.afterDays")}</option>
              <option value="validation">{tx("prog.earning.onValidation")}</option>
            </select>
          </Field>
          {activation.on !== "validation" && (
            <Field label={tx("prog.earning.days")} error={err("earning.activation.afterDays")}>
              <Num disabled={disabled} value={(activation.afterDays as number | undefined) ?? 0} onChange={(v) => set({ earning: { ...earning, activation: { afterDays: v ?? 0 } } })} />
            </Field>
          )}
        </div>
      </Section>

      <Section id="prog-spending" title={tx("prog.tab.spending")}>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label={tx("prog.spending.pointValue")} error={err("pointValue")}>
            <Num disabled={disabled} min={1} value={def.pointValue as number | undefined} onChange={(v) => set({ pointValue: v })} />
          </Field>
          <Field label={tx("prog.spending.maxShare")} error={err("redemption.maxShare")}>
            <Num disabled={disabled} step={0.01} value={(redemption.maxShare as number | undefined) ?? 100} onChange={(v) => set({ redemption: { ...redemption, maxShare: v } })} />
          </Field>
          <Field label={tx("prog.spending.minPoints")} error={err("redemption.minPoints")}>
            <Num disabled={disabled} value={(redemption.minPoints as number | undefined) ?? 0} onChange={(v) => set({ redemption: { ...redemption, minPoints: v } })} />
          </Field>
          <Field label={tx("prog.spending.excludedTags")} hint={tx("prog.listHint")} error={err("redemption.excludedStoreTags")}>
            <TextList disabled={disabled} hint={tx("prog.listHint")} value={list(redemption.excludedStoreTags)} onChange={(v) => set({ redemption: { ...redemption, excludedStoreTags: v } })} />
          </Field>
          <label className="flex items-center gap-2 text-sm text-slate-800">
            <input
              type="checkbox"
              className="size-4 accent-brand-600"
              disabled={disabled}
              checked={redemption.requiresCode === true}
              onChange={(e) => set({ redemption: { ...redemption, requiresCode: e.target.checked } })}
            />
            {tx("prog.spending.requiresCode")}
          </label>
        </div>
      </Section>

      <Section id="prog-expiry" title={tx("prog.tab.expiry")}>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label={tx("prog.expiry.mode")} error={err("expiry") ?? err("expiry.endOfPeriod")}>
            <select
              className={INPUT}
              disabled={disabled}
              value={expiryMode}
              onChange={(e) => set({ expiry: e.target.value === "never" ? null : e.target.value === "months" ? { months: 12 } : { endOfPeriod: true } })}
            >
              <option value="never">{tx("prog.expiry.never")}</option>
              <option value="months">{tx("prog.expiry.months")}</option>
              <option value="endOfPeriod">{tx("prog.expiry.endOfPeriod")}</option>
            </select>
          </Field>
          {expiryMode === "months" && (
            <Field label={tx("prog.expiry.monthsLabel")} error={err("expiry.months")}>
              <Num disabled={disabled} min={1} value={expiry?.months as number | undefined} onChange={(v) => set({ expiry: { months: v } })} />
            </Field>
          )}
        </div>
      </Section>

      <Section id="prog-period" title={tx("prog.tab.period")}>
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <Field label={tx("prog.period.mode")} error={err("qualification.period")}>
            <select
              className={INPUT}
              disabled={disabled}
              value={periodMode}
              onChange={(e) => {
                const m = e.target.value;
                const p = m === "lifetime" ? "lifetime" : m === "calendar-year" ? "calendar-year" : m === "season" ? { season: { startMonth: 7, startDay: 1 } } : { rollingMonths: 12 };
                set({ qualification: { ...qualification, period: p } });
              }}
            >
              {(["lifetime", "calendar-year", "season", "rolling"] as const).map((m) => (
                <option key={m} value={m}>
                  {tx(`prog.period.${m}`)}
                </option>
              ))}
            </select>
          </Field>
          {periodMode === "season" && (
            <>
              <Field label={tx("prog.period.startMonth")} error={err("qualification.period.season.startMonth")}>
                <Num
                  disabled={disabled}
                  min={1}
                  value={season.startMonth as number | undefined}
                  onChange={(v) => set({ qualification: { ...qualification, period: { season: { ...season, startMonth: v } } } })}
                />
              </Field>
              <Field label={tx("prog.period.startDay")} error={err("qualification.period.season.startDay")}>
                <Num
                  disabled={disabled}
                  min={1}
                  value={season.startDay as number | undefined}
                  onChange={(v) => set({ qualification: { ...qualification, period: { season: { ...season, startDay: v } } } })}
                />
              </Field>
            </>
          )}
          {periodMode === "rolling" && (
            <Field label={tx("prog.period.months")} error={err("qualification.period.rollingMonths")}>
              <Num disabled={disabled} min={1} value={obj(period).rollingMonths as number | undefined} onChange={(v) => set({ qualification: { ...qualification, period: { rollingMonths: v } } })} />
            </Field>
          )}
          <Field label={tx("prog.period.categories")} hint={tx("prog.listHint")} error={err("qualification.spendCategories")}>
            <TextList
              disabled={disabled}
              hint={tx("prog.listHint")}
              value={list(qualification.spendCategories)}
              onChange={(v) => {
                const q = { ...qualification };
                if (v.length) q.spendCategories = v;
                else delete q.spendCategories;
                set({ qualification: q });
              }}
            />
          </Field>
        </div>
      </Section>

      <Section id="prog-json" title={tx("prog.tab.json")}>
        <p className="mb-2 text-sm text-slate-600">{tx("prog.json.hint")}</p>
        <textarea
          aria-label={tx("prog.tab.json")}
          className={`${INPUT} h-72 font-mono text-xs`}
          disabled={disabled}
          value={jsonText}
          onChange={(e) => setJsonText(e.target.value)}
          spellCheck={false}
        />
        {jsonError && <p className="mt-1 text-xs font-medium text-red-700">{jsonError}</p>}
        {canEdit && (
          <Button
            className="mt-2"
            variant="secondary"
            size="sm"
            onClick={() => {
              try {
                const parsed = JSON.parse(jsonText);
                if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw new Error();
                setDef(parsed);
                setJsonError(null);
              } catch {
                setJsonError(tx("prog.badJson"));
              }
            }}
          >
            {tx("prog.json.apply")}
          </Button>
        )}
      </Section>

      <Section id="prog-simulate" title={tx("prog.tab.simulate")}>
        <p className="mb-3 text-sm text-slate-600">{simulate && canEdit ? tx("prog.sim.lead") : tx("prog.sim.analyst")}</p>
        {simulate && canEdit && <SimulateForm draft={def} action={simulate} />}
        {simulations}
      </Section>

      {canEdit && <SaveBar kind="program" errors={errorList} note={note} onNote={setNote} onSave={submit} pending={pending} />}
    </div>
  );
}

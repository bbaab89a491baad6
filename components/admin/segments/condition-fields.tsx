"use client";
// The inputs of one segment condition, by kind. Values are kept in the definition's units
// (money in minor units); the marketer types currency units.
import { useState } from "react";
import type { CmpOp, SegmentCondition, SegmentPeriod } from "@/lib/segments/definition";
import { CMP_OPS, REGISTRATION_CHANNELS } from "@/lib/segments/definition";
import { useT } from "@/lib/i18n/client";

export interface Choice {
  value: string;
  label: string;
}
export interface BuilderOptions {
  tiers: Choice[];
  stores: Choice[];
  partners: Choice[];
  channels: Choice[];
  months: Choice[];
}

const splitList = (s: string) =>
  s
    .split(",")
    .map((x) => x.trim())
    .filter(Boolean);

const INPUT = "rounded-md border-0 bg-white px-2 py-1.5 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-600";

export function Chips({ choices, value, onChange, label, disabled }: { choices: Choice[]; value: string[]; onChange: (v: string[]) => void; label: string; disabled?: boolean }) {
  return (
    <div role="group" aria-label={label} className="flex flex-wrap gap-1.5">
      {choices.map((c) => {
        const on = value.includes(c.value);
        return (
          <button
            key={c.value}
            type="button"
            disabled={disabled}
            aria-pressed={on}
            onClick={() => onChange(on ? value.filter((v) => v !== c.value) : [...value, c.value])}
            className={`rounded-full px-2.5 py-1 text-xs font-medium ring-1 ring-inset transition ${on ? "bg-brand-600 text-white ring-brand-600" : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50"}`}
          >
            {c.label}
          </button>
        );
      })}
    </div>
  );
}

function NumberInput({ value, onChange, label, scale = 1, disabled, min }: { value: number; onChange: (n: number) => void; label: string; scale?: number; disabled?: boolean; min?: number }) {
  const [text, setText] = useState(String(value / scale));
  const shown = Number(text) * scale === value ? text : String(value / scale);
  return (
    <input
      type="number"
      inputMode="decimal"
      aria-label={label}
      disabled={disabled}
      min={min}
      step={scale === 1 ? 1 : 0.01}
      value={shown}
      onChange={(e) => {
        setText(e.target.value);
        const n = Math.round(Number(e.target.value) * scale);
        if (e.target.value !== "" && Number.isFinite(n)) onChange(n);
      }}
      className={`${INPUT} w-28`}
    />
  );
}

function ListInput({ value, onChange, label, hint, disabled }: { value: string[]; onChange: (v: string[]) => void; label: string; hint: string; disabled?: boolean }) {
  const [text, setText] = useState(value.join(", "));
  // The typed text while it means the same list; the list itself when the condition changed under us.
  const shown = splitList(text).join("\u0000") === value.join("\u0000") ? text : value.join(", ");
  return (
    <input
      type="text"
      aria-label={label}
      placeholder={hint}
      disabled={disabled}
      value={shown}
      onChange={(e) => {
        setText(e.target.value);
        onChange(splitList(e.target.value));
      }}
      className={`${INPUT} min-w-48 flex-1`}
    />
  );
}

function Select<T extends string>({ value, onChange, choices, label, disabled }: { value: T; onChange: (v: T) => void; choices: { value: T; label: string }[]; label: string; disabled?: boolean }) {
  return (
    <select aria-label={label} disabled={disabled} value={value} onChange={(e) => onChange(e.target.value as T)} className={`${INPUT} pr-8`}>
      {choices.map((c) => (
        <option key={c.value} value={c.value}>
          {c.label}
        </option>
      ))}
    </select>
  );
}

function Comparison({
  c,
  set,
  scale,
  label,
  disabled,
}: {
  c: { op: CmpOp; value: number; to?: number };
  set: (p: Partial<{ op: CmpOp; value: number; to?: number }>) => void;
  scale?: number;
  label: string;
  disabled?: boolean;
}) {
  const tx = useT();
  return (
    <>
      <Select
        label={`${label}: ${tx("seg.op.gte")}…`}
        value={c.op}
        disabled={disabled}
        onChange={(op) => set(op === "between" ? { op, to: c.to ?? c.value } : { op, to: undefined })}
        choices={CMP_OPS.map((o) => ({ value: o, label: tx(`seg.op.${o}`) }))}
      />
      <NumberInput label={label} value={c.value} onChange={(value) => set({ value })} scale={scale} disabled={disabled} />
      {c.op === "between" && (
        <>
          <span className="text-sm text-slate-500">{tx("seg.and")}</span>
          <NumberInput label={`${label} (${tx("seg.to")})`} value={c.to ?? c.value} onChange={(to) => set({ to })} scale={scale} disabled={disabled} />
        </>
      )}
    </>
  );
}

function Period({ period, set, disabled }: { period: SegmentPeriod; set: (p: SegmentPeriod) => void; disabled?: boolean }) {
  const tx = useT();
  const today = new Date().toISOString().slice(0, 10);
  return (
    <>
      <Select
        label={tx("seg.period.lastDays")}
        disabled={disabled}
        value={period.kind}
        onChange={(kind) => set(kind === "lastDays" ? { kind, days: 90 } : kind === "between" ? { kind, from: today.slice(0, 8) + "01", to: today } : { kind })}
        choices={(["lastDays", "between", "allTime"] as const).map((k) => ({ value: k, label: tx(`seg.period.${k}`) }))}
      />
      {period.kind === "lastDays" && (
        <>
          <NumberInput label={tx("seg.days")} value={period.days} onChange={(days) => set({ ...period, days })} disabled={disabled} min={1} />
          <span className="text-sm text-slate-500">{tx("seg.days")}</span>
        </>
      )}
      {period.kind === "between" && (
        <>
          <input type="date" aria-label={tx("seg.from")} disabled={disabled} value={period.from} onChange={(e) => set({ ...period, from: e.target.value })} className={INPUT} />
          <span className="text-sm text-slate-500">—</span>
          <input type="date" aria-label={tx("seg.to")} disabled={disabled} value={period.to} onChange={(e) => set({ ...period, to: e.target.value })} className={INPUT} />
        </>
      )}
    </>
  );
}

/** The editable fields of one condition. */
export function ConditionFields({ node, onChange, options, disabled }: { node: SegmentCondition; onChange: (n: SegmentCondition) => void; options: BuilderOptions; disabled?: boolean }) {
  const tx = useT();
  const label = tx(`seg.kind.${node.kind}`);
  const set = (patch: Partial<SegmentCondition>) => onChange({ ...node, ...patch } as SegmentCondition);
  const did = (negate: boolean | undefined) => (
    <Select
      label={label}
      disabled={disabled}
      value={negate ? "no" : "yes"}
      onChange={(v) => set({ negate: v === "no" ? true : undefined } as Partial<SegmentCondition>)}
      choices={[
        { value: "yes", label: tx("seg.did") },
        { value: "no", label: tx("seg.didNot") },
      ]}
    />
  );
  switch (node.kind) {
    case "tier":
      return (
        <>
          <Select
            label={label}
            disabled={disabled}
            value={node.op}
            onChange={(op) => set({ op })}
            choices={[
              { value: "in", label: tx("seg.in") },
              { value: "notIn", label: tx("seg.notIn") },
            ]}
          />
          <Chips label={label} disabled={disabled} choices={options.tiers} value={node.tiers} onChange={(tiers) => set({ tiers })} />
        </>
      );
    case "balance":
      return (
        <>
          <Select
            label={label}
            disabled={disabled}
            value={node.account ?? "main"}
            onChange={(account) => set({ account: account === "main" ? undefined : account })}
            choices={[
              { value: "main", label: tx("seg.account.main") },
              { value: "promo", label: tx("seg.account.promo") },
            ]}
          />
          <Comparison c={node} set={set} label={label} disabled={disabled} />
        </>
      );
    case "spend":
      return (
        <>
          <Comparison c={node} set={set} scale={100} label={label} disabled={disabled} />
          <span className="text-sm text-slate-500">{tx("seg.rub")}</span>
          <Period period={node.period} set={(period) => set({ period })} disabled={disabled} />
        </>
      );
    case "visits":
    case "receipts":
      return (
        <>
          <Comparison c={node} set={set} label={label} disabled={disabled} />
          <Period period={node.period} set={(period) => set({ period })} disabled={disabled} />
        </>
      );
    case "daysSinceLastPurchase":
    case "daysSinceLastVisit":
      return <Comparison c={node} set={set} label={label} disabled={disabled} />;
    case "boughtCategory":
      return (
        <>
          {did(node.negate)}
          <ListInput label={label} hint={tx("seg.listHint")} value={node.categories} onChange={(categories) => set({ categories })} disabled={disabled} />
          <Period period={node.period} set={(period) => set({ period })} disabled={disabled} />
        </>
      );
    case "boughtSku":
      return (
        <>
          {did(node.negate)}
          <ListInput label={label} hint={tx("seg.listHint")} value={node.skus} onChange={(skus) => set({ skus })} disabled={disabled} />
          <Period period={node.period} set={(period) => set({ period })} disabled={disabled} />
        </>
      );
    case "boughtAtStore":
      return (
        <>
          {did(node.negate)}
          <Chips label={label} disabled={disabled} choices={options.stores} value={node.stores} onChange={(stores) => set({ stores })} />
          <Period period={node.period} set={(period) => set({ period })} disabled={disabled} />
        </>
      );
    case "boughtAtPartner":
      return (
        <>
          {did(node.negate)}
          <Chips label={label} disabled={disabled} choices={options.partners} value={node.partners} onChange={(partners) => set({ partners })} />
          <Period period={node.period} set={(period) => set({ period })} disabled={disabled} />
        </>
      );
    case "birthdayMonth":
      return <Chips label={label} disabled={disabled} choices={options.months} value={node.months.map(String)} onChange={(m) => set({ months: m.map(Number).sort((a, b) => a - b) })} />;
    case "birthdayWithin":
      return (
        <>
          <span className="text-sm text-slate-500">{tx("seg.withinDays")}</span>
          <NumberInput label={label} value={node.days} onChange={(days) => set({ days })} disabled={disabled} min={0} />
          <span className="text-sm text-slate-500">{tx("seg.days")}</span>
        </>
      );
    case "registrationChannel":
      return (
        <Chips
          label={label}
          disabled={disabled}
          choices={options.channels.filter((c) => (REGISTRATION_CHANNELS as readonly string[]).includes(c.value))}
          value={node.channels}
          onChange={(channels) => set({ channels: channels as typeof node.channels })}
        />
      );
    case "registeredIn":
      return <Period period={node.period} set={(period) => set({ period })} disabled={disabled} />;
    case "consent":
      return (
        <>
          <Select
            label={label}
            disabled={disabled}
            value={node.channel}
            onChange={(channel) => set({ channel })}
            choices={[
              { value: "email", label: tx("seg.consent.email") },
              { value: "sms", label: tx("seg.consent.sms") },
            ]}
          />
          <Select
            label={label}
            disabled={disabled}
            value={node.given ? "yes" : "no"}
            onChange={(v) => set({ given: v === "yes" })}
            choices={[
              { value: "yes", label: tx("seg.given") },
              { value: "no", label: tx("seg.notGiven") },
            ]}
          />
        </>
      );
    case "rfm": {
      const scores = ["1", "2", "3", "4", "5"].map((v) => ({ value: v, label: v }));
      return (
        <div className="flex flex-col gap-2">
          {(["r", "f", "m"] as const).map((k) => (
            <div key={k} className="flex flex-wrap items-center gap-2">
              <span className="w-24 text-sm text-slate-600">{tx(`seg.rfm.${k}`)}</span>
              <Chips label={tx(`seg.rfm.${k}`)} disabled={disabled} choices={scores} value={node[k].map(String)} onChange={(v) => set({ [k]: v.map(Number).sort() } as Partial<SegmentCondition>)} />
            </div>
          ))}
          <p className="text-xs text-slate-500">{tx("seg.rfm.hint")}</p>
        </div>
      );
    }
  }
}

/** A new condition of a kind with sensible defaults. */
export function defaultCondition(kind: SegmentCondition["kind"]): SegmentCondition {
  const year: SegmentPeriod = { kind: "lastDays", days: 365 };
  switch (kind) {
    case "tier":
      return { kind, op: "in", tiers: [] };
    case "balance":
      return { kind, op: "gte", value: 1000 };
    case "spend":
      return { kind, period: year, op: "gte", value: 1_000_000 };
    case "visits":
    case "receipts":
      return { kind, period: year, op: "gte", value: 1 };
    case "daysSinceLastPurchase":
    case "daysSinceLastVisit":
      return { kind, op: "gte", value: 90 };
    case "boughtCategory":
      return { kind, categories: [], period: { kind: "lastDays", days: 90 } };
    case "boughtSku":
      return { kind, skus: [], period: { kind: "lastDays", days: 90 } };
    case "boughtAtStore":
      return { kind, stores: [], period: year };
    case "boughtAtPartner":
      return { kind, partners: [], period: year };
    case "birthdayMonth":
      return { kind, months: [new Date().getMonth() + 1] };
    case "birthdayWithin":
      return { kind, days: 7 };
    case "registrationChannel":
      return { kind, channels: [] };
    case "registeredIn":
      return { kind, period: { kind: "lastDays", days: 30 } };
    case "consent":
      return { kind, channel: "email", given: true };
    case "rfm":
      return { kind, r: [5], f: [], m: [] };
  }
}

export const CONDITION_KINDS: SegmentCondition["kind"][] = [
  "tier",
  "balance",
  "spend",
  "receipts",
  "visits",
  "daysSinceLastPurchase",
  "daysSinceLastVisit",
  "boughtCategory",
  "boughtSku",
  "boughtAtStore",
  "boughtAtPartner",
  "birthdayMonth",
  "birthdayWithin",
  "registrationChannel",
  "registeredIn",
  "consent",
  "rfm",
];

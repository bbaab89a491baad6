"use client";
// The promotion editor's form: one section per part of the contract's definition (what it gives,
// when, for whom, where, on which goods, stacking, limits and budgets, codes, texts).
import { Button } from "@/components/ui/button";
import { EFFECT_DEFAULTS, EFFECT_TYPES, getAt, type EditorEffectType } from "@/lib/promotions/editor-form";
import { PERIODS, WEEKDAYS } from "@/lib/promotions/definition";
import type { EditorOptions } from "@/lib/promotions/console";
import { useT } from "@/lib/i18n/client";
import { CheckAt, ChoicesAt, DateTimeAt, INPUT, ListAt, LocalizedAt, NumberAt, SelectAt, TextAt, useEditor } from "./editor-fields";

export const SECTIONS = ["basics", "effect", "schedule", "audience", "where", "basket", "stacking", "limits", "codes"] as const;
export type SectionId = (typeof SECTIONS)[number];

function Section({ id, children }: { id: SectionId; children: React.ReactNode }) {
  const tx = useT();
  return (
    <section id={`promo-${id}`} aria-labelledby={`promo-${id}-h`} className="scroll-mt-4 rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200">
      <h2 id={`promo-${id}-h`} className="mb-4 text-base font-semibold text-slate-900">
        {tx(`console.promo.s.${id}`)}
      </h2>
      <div className="grid gap-4 sm:grid-cols-2">{children}</div>
    </section>
  );
}

function Basics({ editing }: { editing: boolean }) {
  const tx = useT();
  const ctx = useEditor();
  return (
    <Section id="basics">
      {editing ? (
        <div>
          <p className="text-sm font-medium text-slate-800">{tx("console.promo.f.code")}</p>
          <p className="mt-1 font-mono text-sm text-slate-700">{String(ctx.def.code ?? "")}</p>
        </div>
      ) : (
        <TextAt path="code" label={tx("console.promo.f.code")} hint={tx("console.promo.f.codeHint")} transform={(s) => s.toLowerCase()} placeholder="winter-sale" />
      )}
      <SelectAt path="status" label={tx("console.promo.f.status")} options={(["draft", "active", "paused", "ended"] as const).map((s) => ({ value: s, label: tx(`console.promo.status.${s}`) }))} />
      <LocalizedAt path="name" label={tx("console.promo.f.name")} />
      <LocalizedAt path="description" label={tx("console.promo.f.description")} />
      <SelectAt
        path="trigger"
        label={tx("console.promo.f.trigger")}
        hint={tx("console.promo.f.triggerHint")}
        options={[
          { value: "auto", label: tx("console.promo.trigger.auto") },
          { value: "code", label: tx("console.promo.trigger.code") },
        ]}
      />
    </Section>
  );
}

function Effect({ options }: { options: EditorOptions }) {
  const tx = useT();
  const ctx = useEditor();
  const type = String(getAt(ctx.def, "effect.type") ?? "") as EditorEffectType;
  const bonusMode = getAt(ctx.def, "effect.percent") !== undefined ? "percent" : "points";
  const money = `, ${options.currency}`;
  const also = ["effect"];
  return (
    <Section id="effect">
      <SelectAt
        path="effect.type"
        label={tx("console.promo.f.effectType")}
        options={EFFECT_TYPES.map((e) => ({ value: e, label: tx(`console.promo.effect.${e}`) }))}
        onPick={(v) => ctx.set("effect", { ...EFFECT_DEFAULTS[v as EditorEffectType] })}
      />
      <p className="self-end pb-2 text-xs text-slate-500">{EFFECT_TYPES.includes(type) ? tx(`console.promo.effectHint.${type}`) : ""}</p>
      {type === "percentOff" && (
        <>
          <NumberAt path="effect.percent" label={tx("console.promo.f.percent")} step={0.01} alsoErrors={also} />
          <NumberAt path="effect.maxDiscount" label={`${tx("console.promo.f.maxDiscount")}${money}`} scale={100} step={0.01} />
        </>
      )}
      {type === "fixedPrice" && <NumberAt path="effect.unitPrice" label={`${tx("console.promo.f.unitPrice")}${money}`} scale={100} step={0.01} alsoErrors={also} />}
      {type === "amountOff" && <NumberAt path="effect.amount" label={`${tx("console.promo.f.amount")}${money}`} scale={100} step={0.01} alsoErrors={also} />}
      {type === "buyXgetY" && (
        <>
          <NumberAt path="effect.buy" label={tx("console.promo.f.buy")} integer min={1} alsoErrors={also} />
          <NumberAt path="effect.get" label={tx("console.promo.f.get")} integer min={1} />
          <NumberAt path="effect.percent" label={tx("console.promo.f.getPercent")} step={0.01} />
          <NumberAt path="effect.maxTimes" label={tx("console.promo.f.maxTimes")} integer min={1} />
        </>
      )}
      {type === "bonusPoints" && (
        <>
          <label className="block text-sm">
            <span className="font-medium text-slate-800">{tx("console.promo.f.bonusMode")}</span>
            <select
              className={`${INPUT} mt-1`}
              disabled={ctx.disabled}
              value={bonusMode}
              onChange={(e) => ctx.set("effect", e.target.value === "percent" ? { type: "bonusPoints", percent: 5 } : { ...EFFECT_DEFAULTS.bonusPoints })}
            >
              <option value="points">{tx("console.promo.f.bonusFixed")}</option>
              <option value="percent">{tx("console.promo.f.bonusPercent")}</option>
            </select>
          </label>
          {bonusMode === "points" ? (
            <NumberAt path="effect.points" label={tx("console.promo.f.points")} integer min={1} alsoErrors={also} />
          ) : (
            <NumberAt path="effect.percent" label={tx("console.promo.f.percent")} step={0.01} alsoErrors={also} />
          )}
        </>
      )}
      {type === "pointsMultiplier" && <NumberAt path="effect.multiplier" label={tx("console.promo.f.multiplier")} step={0.1} min={1} alsoErrors={also} />}
      {type === "promoAccount" && (
        <>
          <NumberAt path="effect.points" label={tx("console.promo.f.points")} integer min={1} alsoErrors={also} />
          <NumberAt path="effect.expiresInDays" label={tx("console.promo.f.expiresInDays")} integer min={1} />
        </>
      )}
      {type === "issueCode" && (
        <>
          <SelectAt path="effect.promotion" label={tx("console.promo.f.issuePromotion")} hint={tx("console.promo.f.issueHint")} empty="—" options={options.codePromotions} />
          <NumberAt path="effect.validDays" label={tx("console.promo.f.validDays")} integer min={1} alsoErrors={also} />
        </>
      )}
    </Section>
  );
}

function Hours() {
  const tx = useT();
  const ctx = useEditor();
  const hours = (getAt(ctx.def, "validity.hours") as { from: string; to: string }[] | undefined) ?? [];
  const put = (next: { from: string; to: string }[]) => ctx.set("validity.hours", next.length ? next : undefined);
  return (
    <fieldset className="sm:col-span-2">
      <legend className="text-sm font-medium text-slate-800">{tx("console.promo.f.hours")}</legend>
      <p className="text-xs text-slate-500">{tx("console.promo.f.hoursHint")}</p>
      <ul className="mt-2 space-y-2">
        {hours.map((h, i) => (
          <li key={i} className="flex flex-wrap items-center gap-2">
            <input
              type="time"
              aria-label={`${tx("console.promo.f.hoursFrom")} ${i + 1}`}
              className={`${INPUT} w-32`}
              disabled={ctx.disabled}
              value={h.from}
              onChange={(e) => put(hours.map((x, k) => (k === i ? { ...x, from: e.target.value } : x)))}
            />
            <span aria-hidden>–</span>
            <input
              type="time"
              aria-label={`${tx("console.promo.f.hoursTo")} ${i + 1}`}
              className={`${INPUT} w-32`}
              disabled={ctx.disabled}
              value={h.to}
              onChange={(e) => put(hours.map((x, k) => (k === i ? { ...x, to: e.target.value } : x)))}
            />
            {!ctx.disabled && (
              <Button size="sm" variant="ghost" onClick={() => put(hours.filter((_, k) => k !== i))}>
                {tx("console.promo.remove")}
              </Button>
            )}
            {(ctx.error(`validity.hours[${i}].to`) ?? ctx.error(`validity.hours[${i}].from`)) && (
              <span className="text-xs font-medium text-red-700">{ctx.error(`validity.hours[${i}].to`) ?? ctx.error(`validity.hours[${i}].from`)}</span>
            )}
          </li>
        ))}
      </ul>
      {!ctx.disabled && (
        <Button className="mt-2" size="sm" variant="secondary" onClick={() => put([...hours, { from: "10:00", to: "14:00" }])}>
          + {tx("console.promo.f.addHours")}
        </Button>
      )}
    </fieldset>
  );
}

function Schedule({ options }: { options: EditorOptions }) {
  const tx = useT();
  return (
    <Section id="schedule">
      <DateTimeAt path="validity.from" label={tx("console.promo.f.from")} hint={tx("console.promo.f.zoneHint", { zone: options.timeZone })} timeZone={options.timeZone} />
      <DateTimeAt path="validity.to" label={tx("console.promo.f.to")} hint={tx("console.promo.f.toHint")} timeZone={options.timeZone} />
      <div className="sm:col-span-2">
        <ChoicesAt
          path="validity.weekdays"
          label={tx("console.promo.f.weekdays")}
          hint={tx("console.promo.f.weekdaysHint")}
          options={WEEKDAYS.map((d) => ({ value: d, label: tx(`console.promo.weekday.${d}`) }))}
        />
      </div>
      <Hours />
    </Section>
  );
}

function Audience({ options }: { options: EditorOptions }) {
  const tx = useT();
  return (
    <Section id="audience">
      <div className="sm:col-span-2">
        <CheckAt path="audience.members" label={tx("console.promo.f.membersOnly")} hint={tx("console.promo.f.membersHint")} absent />
      </div>
      <ChoicesAt path="audience.tiers" label={tx("console.promo.f.tiers")} hint={tx("console.promo.f.anyHint")} options={options.tiers} />
      <ChoicesAt path="audience.segments" label={tx("console.promo.f.segments")} hint={tx("console.promo.f.anyHint")} options={options.segments} emptyText={tx("console.promo.f.noSegments")} />
      <NumberAt path="audience.newMemberDays" label={tx("console.promo.f.newMemberDays")} integer min={1} />
      <NumberAt path="audience.holdoutPercent" label={tx("console.promo.f.holdoutPercent")} hint={tx("console.promo.f.holdoutHint")} step={0.5} />
      <NumberAt path="audience.birthday.daysBefore" label={tx("console.promo.f.birthdayBefore")} integer alsoErrors={["audience.birthday"]} />
      <NumberAt path="audience.birthday.daysAfter" label={tx("console.promo.f.birthdayAfter")} integer />
    </Section>
  );
}

function Where({ options }: { options: EditorOptions }) {
  const tx = useT();
  return (
    <Section id="where">
      <ChoicesAt
        path="where.stores"
        label={tx("console.promo.f.stores")}
        hint={tx("console.promo.f.anyHint")}
        options={options.stores.map((s) => ({ value: s.value, label: `${s.label} (${s.value})` }))}
      />
      <ChoicesAt path="where.partners" label={tx("console.promo.f.partners")} hint={tx("console.promo.f.anyHint")} options={options.partners} emptyText={tx("console.promo.f.noPartners")} />
      <ListAt path="where.storeTags" label={tx("console.promo.f.storeTags")} hint={tx("console.promo.f.listHint")} />
      <ListAt path="where.excludeStoreTags" label={tx("console.promo.f.excludeStoreTags")} hint={tx("console.promo.f.listHint")} />
    </Section>
  );
}

function Basket({ options }: { options: EditorOptions }) {
  const tx = useT();
  return (
    <Section id="basket">
      <NumberAt path="basket.minAmount" label={`${tx("console.promo.f.minAmount")}, ${options.currency}`} scale={100} step={0.01} />
      <NumberAt path="basket.minQuantity" label={tx("console.promo.f.minQuantity")} integer min={1} />
      <ListAt
        path="basket.items.categories"
        label={tx("console.promo.f.categories")}
        hint={options.categories.length ? tx("console.promo.f.categoriesKnown", { list: options.categories.slice(0, 12).join(", ") }) : tx("console.promo.f.listHint")}
      />
      <ListAt path="basket.items.skus" label={tx("console.promo.f.skus")} hint={tx("console.promo.f.listHint")} />
      <ListAt path="basket.items.excludeSkus" label={tx("console.promo.f.excludeSkus")} hint={tx("console.promo.f.listHint")} />
      <p className="self-end pb-2 text-xs text-slate-500">{tx("console.promo.f.itemsHint")}</p>
    </Section>
  );
}

function Stacking() {
  const tx = useT();
  return (
    <Section id="stacking">
      <NumberAt path="stacking.priority" label={tx("console.promo.f.priority")} hint={tx("console.promo.f.priorityHint")} integer />
      <TextAt path="stacking.group" label={tx("console.promo.f.group")} hint={tx("console.promo.f.groupHint")} />
      <div className="sm:col-span-2">
        <CheckAt path="stacking.exclusive" label={tx("console.promo.f.exclusive")} hint={tx("console.promo.f.exclusiveHint")} />
      </div>
    </Section>
  );
}

function Limits({ options }: { options: EditorOptions }) {
  const tx = useT();
  return (
    <Section id="limits">
      <NumberAt path="limits.perReceipt" label={tx("console.promo.f.perReceipt")} integer min={1} />
      <NumberAt path="limits.total" label={tx("console.promo.f.total")} integer min={1} />
      <NumberAt path="limits.perCustomer.uses" label={tx("console.promo.f.perCustomer")} integer min={1} alsoErrors={["limits.perCustomer"]} />
      <SelectAt
        path="limits.perCustomer.period"
        label={tx("console.promo.f.period")}
        empty={tx("console.promo.period.promotion")}
        options={PERIODS.filter((p) => p !== "promotion").map((p) => ({ value: p, label: tx(`console.promo.period.${p}`) }))}
      />
      <NumberAt path="limits.budget.money" label={`${tx("console.promo.f.budgetMoney")}, ${options.currency}`} scale={100} step={0.01} />
      <NumberAt path="limits.budget.points" label={tx("console.promo.f.budgetPoints")} integer />
    </Section>
  );
}

function Codes() {
  const tx = useT();
  const ctx = useEditor();
  const codes = getAt(ctx.def, "codes") as { shared?: string; unique?: unknown } | null | undefined;
  const mode = codes?.shared !== undefined ? "shared" : codes?.unique !== undefined ? "unique" : "none";
  const perCode = getAt(ctx.def, "codes.perCode");
  return (
    <Section id="codes">
      <label className="block text-sm">
        <span className="font-medium text-slate-800">{tx("console.promo.f.codesMode")}</span>
        <select
          className={`${INPUT} mt-1`}
          disabled={ctx.disabled}
          value={mode}
          onChange={(e) => {
            const m = e.target.value;
            const keep = perCode ? { perCode } : {};
            ctx.set("codes", m === "shared" ? { shared: "PROMO2026", ...keep } : m === "unique" ? { unique: { count: 1000, pattern: "PROMO-####-####" }, ...keep } : undefined);
          }}
        >
          <option value="none">{tx("console.promo.f.codesNone")}</option>
          <option value="shared">{tx("console.promo.f.codesShared")}</option>
          <option value="unique">{tx("console.promo.f.codesUnique")}</option>
        </select>
        {ctx.error("codes") && <span className="mt-1 block text-xs font-medium text-red-700">{ctx.error("codes")}</span>}
      </label>
      <p className="self-end pb-2 text-xs text-slate-500">{tx("console.promo.f.codesHint")}</p>
      {mode === "shared" && <TextAt path="codes.shared" label={tx("console.promo.f.sharedCode")} transform={(s) => s.toUpperCase()} />}
      {mode === "unique" && (
        <>
          <TextAt path="codes.unique.pattern" label={tx("console.promo.f.pattern")} hint={tx("console.promo.f.patternHint")} transform={(s) => s.toUpperCase()} />
          <NumberAt path="codes.unique.count" label={tx("console.promo.f.uniqueCount")} integer min={1} />
        </>
      )}
      {mode !== "none" && <NumberAt path="codes.perCode.maxUses" label={tx("console.promo.f.maxUses")} integer min={1} />}
    </Section>
  );
}

export function EditorSections({ options, editing }: { options: EditorOptions; editing: boolean }) {
  return (
    <>
      <Basics editing={editing} />
      <Effect options={options} />
      <Schedule options={options} />
      <Audience options={options} />
      <Where options={options} />
      <Basket options={options} />
      <Stacking />
      <Limits options={options} />
      <Codes />
    </>
  );
}

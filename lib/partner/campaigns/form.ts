// The partner's campaign form and the promotion definition it becomes. The form has no field for
// where a promotion runs beyond a choice among the partner's own stores: `where.partners` is always
// the partner and `where.stores` a subset of its stores, so a partner cannot widen it. Pure.
import { z } from "zod";
import { AppError, type ErrorDetail } from "@/lib/errors";
import { parsePromotion, type PromotionDefinition } from "@/lib/promotions/definition";
import { zonedParts, zonedTimeToInstant } from "@/lib/time";
import { PARTNER_EFFECTS } from "./bounds";

const opt = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === "" || v === null ? undefined : v), schema.optional());
const num = z.coerce.number({ error: "out_of_range" });
const list = z.preprocess((v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().trim().min(1).max(64)).max(100));
const words = z.preprocess(
  (v) =>
    typeof v === "string"
      ? v
          .split(/[,;\n]/)
          .map((s) => s.trim())
          .filter(Boolean)
      : v,
  z.array(z.string().max(64)).max(100),
);
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: "invalid_date" });

/** What the partner fills in (FormData names). Money in major units, as people type it. */
export const campaignForm = z.strictObject({
  name: z.string().trim().min(1, { error: "required" }).max(120),
  description: opt(z.string().trim().max(300)),
  effect: z.enum(PARTNER_EFFECTS),
  percent: opt(num.gt(0).max(100)),
  amount: opt(num.gt(0).max(10_000_000)),
  points: opt(num.int().min(1).max(1_000_000)),
  buy: opt(num.int().min(1).max(100)),
  get: opt(num.int().min(1).max(100)),
  expiresInDays: opt(num.int().min(1).max(3650)),
  trigger: z.enum(["auto", "code"]).default("auto"),
  /** With trigger "code": one shared code, or (empty) unique codes generated after approval. */
  sharedCode: opt(z.string().trim().max(64)),
  uniqueCount: opt(num.int().min(1).max(100_000)),
  from: date,
  to: opt(date),
  stores: list,
  categories: words.default([]),
  skus: words.default([]),
  minAmount: opt(num.min(0).max(100_000_000)),
  perCustomer: opt(num.int().min(1).max(1000)),
  budgetMoney: opt(num.min(0).max(20_000_000)),
  budgetPoints: opt(num.int().min(0).max(2_000_000_000)),
});
export type CampaignForm = z.infer<typeof campaignForm>;

export interface FormContext {
  /** The promotion's code (kept when a campaign changes). */
  code: string;
  partnerCode: string;
  /** Codes of the partner's stores: the only ones the form may pick. */
  ownStores: readonly string[];
  timeZone: string;
  status: PromotionDefinition["status"];
}

const minor = (major: number | undefined) => (major === undefined ? undefined : Math.round(major * 100));

/** Definition paths → the form's field names (errors land next to the field that caused them). */
const FIELD_OF: [RegExp, string][] = [
  [/^effect\.percent/, "percent"],
  [/^effect\.amount/, "amount"],
  [/^effect\.points/, "points"],
  [/^effect\.buy/, "buy"],
  [/^effect\.get/, "get"],
  [/^effect\.expiresInDays/, "expiresInDays"],
  [/^effect/, "effect"],
  [/^validity\.to/, "to"],
  [/^validity/, "from"],
  [/^codes\.shared/, "sharedCode"],
  [/^codes/, "uniqueCount"],
  [/^basket\.minAmount/, "minAmount"],
  [/^basket/, "categories"],
  [/^limits\.perCustomer/, "perCustomer"],
  [/^limits\.budget\.money/, "budgetMoney"],
  [/^limits\.budget\.points/, "budgetPoints"],
  [/^name/, "name"],
  [/^description/, "description"],
];

export function formField(path: string): string {
  return FIELD_OF.find(([re]) => re.test(path))?.[1] ?? path;
}

/** Errors of a definition, moved to the form's fields. */
export function onFormFields(details: readonly ErrorDetail[]): ErrorDetail[] {
  return details.map((d) => ({ ...d, path: formField(d.path) }));
}

/** A local date (YYYY-MM-DD) at midnight in the zone, as an ISO instant; `nextDay` for an inclusive end. */
function localMidnight(day: string, timeZone: string, nextDay = false): string {
  const [y, m, d] = day.split("-").map(Number);
  return zonedTimeToInstant(timeZone, y, m, d + (nextDay ? 1 : 0)).toISOString();
}

/** The form back from a stored definition (the editor of a campaign that exists). */
export function formOf(def: PromotionDefinition, timeZone: string): Partial<Record<keyof CampaignForm, string | string[]>> {
  const e = def.effect as Record<string, unknown>;
  const day = (iso: string | null | undefined, back = false) => {
    if (!iso) return "";
    const p = zonedParts(new Date(Date.parse(iso) - (back ? 1 : 0)), timeZone);
    return `${p.year}-${String(p.month).padStart(2, "0")}-${String(p.day).padStart(2, "0")}`;
  };
  const s = (v: unknown) => (v === undefined || v === null ? "" : String(v));
  const major = (v: unknown) => (typeof v === "number" ? String(v / 100) : "");
  return {
    name: typeof def.name === "string" ? def.name : (def.name.ru ?? def.name.en ?? ""),
    description: def.description === undefined ? "" : typeof def.description === "string" ? def.description : (def.description.ru ?? def.description.en ?? ""),
    effect: def.effect.type,
    percent: s(e.percent),
    amount: major(e.amount),
    points: s(e.points),
    buy: s(e.buy),
    get: s(e.get),
    expiresInDays: s(e.expiresInDays),
    trigger: def.trigger,
    sharedCode: def.codes?.shared ?? "",
    uniqueCount: s(def.codes?.unique?.count),
    from: day(def.validity?.from),
    to: day(def.validity?.to, true),
    stores: def.where?.stores ?? [],
    categories: (def.basket?.items?.categories ?? []).join(", "),
    skus: (def.basket?.items?.skus ?? []).join(", "),
    minAmount: major(def.basket?.minAmount),
    perCustomer: s(def.limits?.perCustomer?.uses),
    budgetMoney: major(def.limits?.budget?.money),
    budgetPoints: s(def.limits?.budget?.points),
  };
}

/**
 * The promotion definition of a filled-in form, validated by lib/promotions/definition.ts. Throws
 * `invalid_request` with every problem on the form's field names.
 */
export function definitionOfForm(f: CampaignForm, ctx: FormContext): PromotionDefinition {
  const errors: ErrorDetail[] = [];
  const foreign = f.stores.filter((s) => !ctx.ownStores.includes(s));
  if (foreign.length) errors.push({ path: "stores", message: "out_of_range", text: { key: "partner.cmp.err.foreignStore", values: { stores: foreign.join(", ") } } });
  const need = (field: keyof CampaignForm, v: unknown) => {
    if (v === undefined) errors.push({ path: field, message: "required" });
  };
  let effect: Record<string, unknown>;
  switch (f.effect) {
    case "percentOff":
      need("percent", f.percent);
      effect = { type: "percentOff", percent: f.percent };
      break;
    case "amountOff":
      need("amount", f.amount);
      effect = { type: "amountOff", amount: minor(f.amount) };
      break;
    case "buyXgetY":
      need("buy", f.buy);
      need("get", f.get);
      effect = { type: "buyXgetY", buy: f.buy, get: f.get, percent: f.percent ?? 100 };
      break;
    case "bonusPoints":
      if ((f.points === undefined) === (f.percent === undefined)) errors.push({ path: "points", message: "required", text: { key: "partner.cmp.err.pointsOrPercent" } });
      effect = f.points !== undefined ? { type: "bonusPoints", points: f.points } : { type: "bonusPoints", percent: f.percent };
      break;
    case "promoAccount":
      need("points", f.points);
      // Promo points are spent only on the promotion's items: the partner names its products.
      if (!f.categories.length && !f.skus.length) errors.push({ path: "categories", message: "required", text: { key: "partner.cmp.err.promoItems" } });
      effect = { type: "promoAccount", points: f.points, ...(f.expiresInDays ? { expiresInDays: f.expiresInDays } : {}) };
      break;
  }
  if (f.to && f.to < f.from) errors.push({ path: "to", message: "after_start" });
  if (errors.length) throw new AppError("invalid_request", "The campaign form has errors", { details: errors });

  const items = f.categories.length || f.skus.length ? { ...(f.categories.length ? { categories: f.categories } : {}), ...(f.skus.length ? { skus: f.skus } : {}) } : undefined;
  const budget =
    f.budgetMoney !== undefined || f.budgetPoints !== undefined
      ? { ...(f.budgetMoney !== undefined ? { money: minor(f.budgetMoney) } : {}), ...(f.budgetPoints !== undefined ? { points: f.budgetPoints } : {}) }
      : undefined;
  const pattern = `${
    ctx.partnerCode
      .toUpperCase()
      .replace(/[^A-Z0-9]/g, "")
      .slice(0, 12) || "P"
  }-####-####`;
  const codes = f.trigger === "code" ? (f.sharedCode ? { shared: f.sharedCode } : { unique: { count: f.uniqueCount ?? 100, pattern }, perCode: { maxUses: 1 } }) : null;
  const json = {
    code: ctx.code,
    name: f.name,
    ...(f.description ? { description: f.description } : {}),
    status: ctx.status,
    trigger: f.trigger,
    validity: { from: localMidnight(f.from, ctx.timeZone), to: f.to ? localMidnight(f.to, ctx.timeZone, true) : null },
    where: { partners: [ctx.partnerCode], ...(f.stores.length ? { stores: [...new Set(f.stores)] } : {}) },
    ...(items || f.minAmount !== undefined ? { basket: { ...(f.minAmount !== undefined ? { minAmount: minor(f.minAmount) } : {}), ...(items ? { items } : {}) } } : {}),
    effect,
    ...(f.perCustomer !== undefined || budget
      ? { limits: { ...(f.perCustomer !== undefined ? { perCustomer: { uses: f.perCustomer, period: "promotion" } } : {}), ...(budget ? { budget } : {}) } }
      : {}),
    codes,
  };
  const parsed = parsePromotion(json);
  if (!parsed.ok) throw new AppError("invalid_request", "The campaign is invalid", { details: onFormFields(parsed.errors) });
  return parsed.value;
}

/** True when `def` runs only where a partner's promotion may: its own partner, and only its own stores. */
export function confinedTo(def: PromotionDefinition, partnerCode: string, ownStores: readonly string[]): boolean {
  const w = def.where;
  if (!w || w.partners?.length !== 1 || w.partners[0] !== partnerCode) return false;
  return (w.stores ?? []).every((s) => ownStores.includes(s));
}

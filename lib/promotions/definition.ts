// The promotion definition of CONTRACTS.md ("Promotions"): its zod schema, the rules that span
// fields (with JSON paths, as for programs), the promotions file, a canonical form for idempotent
// apply and a readable diff of two versions.
import { z } from "zod";
import { AppError, formatPath, type ErrorDetail } from "@/lib/errors";
import { issueProblems, m, problem, say } from "@/lib/i18n/definition-issues";
import type { Values } from "@/lib/i18n/format";
import type { DefinitionKey } from "@/lib/i18n/messages/definitions";
import type { Locale } from "@/lib/i18n/locales";
import { diffDefinitionValues, type DefinitionChange } from "@/lib/program/definition";

export const PROMOTION_CODE = /^[a-z0-9][a-z0-9._-]{0,63}$/;
const code = z.string({ error: say("def.string") }).regex(PROMOTION_CODE, { error: m("def.promoCode") });
const label = z
  .string({ error: say("def.string") })
  .trim()
  .min(1, { error: m("def.notEmpty") })
  .max(200, { error: m("def.maxChars", { max: 200 }) });
/** A text members see: one string, or one per language (`{"en": "…", "ru": "…"}`). */
const text = z.union([label, z.partialRecord(z.enum(["en", "ru"]), label).refine((r) => Object.keys(r).length > 0, { error: m("def.oneLanguage") })], {
  error: m("def.textOrLanguages"),
});
const int = (what: "def.wholeNumber" | "def.minorUnits") => z.number({ error: say(what) }).int({ error: m(what) });
const money = int("def.minorUnits").min(0, { error: m("def.notNegative") });
const positive = int("def.wholeNumber").min(1, { error: m("def.atLeast", { min: 1 }) });
const percent = z
  .number({ error: say("def.percentage") })
  .gt(0, { error: m("def.moreThan", { min: 0 }) })
  .max(100, { error: m("def.atMost", { max: 100 }) })
  .refine((n) => Math.abs(n * 100 - Math.round(n * 100)) < 1e-9, { error: m("def.twoDecimals") });
const instant = z.iso.datetime({ offset: true, error: m("def.instant") });
const hhmm = z.string({ error: say("def.hhmm") }).regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, { error: m("def.hhmm") });
const strings = z.array(label).max(500);

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export const PERIODS = ["promotion", "day", "week", "month", "year"] as const;
export type LimitPeriod = (typeof PERIODS)[number];

const effect = z.discriminatedUnion(
  "type",
  [
    z.strictObject({ type: z.literal("percentOff"), percent, maxDiscount: money.optional() }),
    z.strictObject({ type: z.literal("fixedPrice"), unitPrice: money }),
    z.strictObject({ type: z.literal("amountOff"), amount: money.min(1, { error: m("def.atLeast", { min: 1 }) }) }),
    z.strictObject({ type: z.literal("buyXgetY"), buy: positive, get: positive, percent, maxTimes: positive.optional() }),
    z.strictObject({ type: z.literal("bonusPoints"), points: positive.optional(), percent: percent.optional() }),
    z.strictObject({
      type: z.literal("pointsMultiplier"),
      multiplier: z
        .number({ error: say("def.type.number") })
        .gt(1, { error: m("def.moreThan", { min: 1 }) })
        .max(100, { error: m("def.atMostN", { max: 100 }) }),
    }),
    z.strictObject({ type: z.literal("promoAccount"), points: positive, expiresInDays: positive.optional() }),
    z.strictObject({ type: z.literal("issueCode"), promotion: code, validDays: positive.max(3650, { error: m("def.daysMax", { max: 3650 }) }) }),
  ],
  { error: m("def.effectType") },
);
export type PromotionEffect = z.infer<typeof effect>;
export type EffectType = PromotionEffect["type"];
export const LINE_EFFECTS: readonly EffectType[] = ["percentOff", "fixedPrice", "buyXgetY"];
export const RECEIPT_EFFECTS: readonly EffectType[] = ["amountOff"];
export const POINTS_EFFECTS: readonly EffectType[] = ["bonusPoints", "pointsMultiplier", "promoAccount", "issueCode"];

export const promotionSchema = z.strictObject({
  code,
  name: text,
  description: text.optional(),
  status: z.enum(["draft", "active", "paused", "ended"], { error: m("def.status") }).default("active"),
  trigger: z.enum(["auto", "code"], { error: m("def.trigger") }).default("auto"),
  validity: z
    .strictObject({
      from: instant.nullable().optional(),
      to: instant.nullable().optional(),
      weekdays: z.array(z.enum(WEEKDAYS, { error: m("def.weekday") })).optional(),
      hours: z
        .array(z.strictObject({ from: hhmm, to: hhmm }))
        .max(10)
        .optional(),
    })
    .optional(),
  audience: z
    .strictObject({
      members: z.boolean().optional(),
      tiers: strings.optional(),
      segments: strings.optional(),
      newMemberDays: positive.optional(),
      birthday: z.strictObject({ daysBefore: int("def.wholeNumber").min(0).max(31), daysAfter: int("def.wholeNumber").min(0).max(31) }).optional(),
      holdoutPercent: z
        .number({ error: say("def.type.number") })
        .min(0, { error: m("def.between", { min: 0, max: 50 }) })
        .max(50, { error: m("def.between", { min: 0, max: 50 }) })
        .optional(),
    })
    .optional(),
  where: z.strictObject({ stores: strings.optional(), storeTags: strings.optional(), partners: strings.optional(), excludeStoreTags: strings.optional() }).optional(),
  basket: z
    .strictObject({
      minAmount: money.optional(),
      minQuantity: positive.optional(),
      items: z.strictObject({ categories: strings.optional(), skus: strings.optional(), excludeSkus: strings.optional() }).optional(),
    })
    .optional(),
  effect,
  stacking: z.strictObject({ priority: int("def.wholeNumber").min(0).max(1_000_000).default(0), group: label.optional(), exclusive: z.boolean().default(false) }).optional(),
  limits: z
    .strictObject({
      perReceipt: positive.optional(),
      perCustomer: z.strictObject({ uses: positive, period: z.enum(PERIODS, { error: m("def.oneOf", { options: PERIODS.join(", ") }) }).default("promotion") }).optional(),
      total: positive.optional(),
      budget: z.strictObject({ money: money.optional(), points: money.optional() }).optional(),
    })
    .optional(),
  codes: z
    .strictObject({
      shared: z
        .string()
        .regex(/^[A-Za-z0-9_-]{3,64}$/, { error: m("def.sharedCode") })
        .optional(),
      unique: z.strictObject({ count: positive.max(1_000_000, { error: m("def.batchMax") }), pattern: z.string().max(64) }).optional(),
      perCode: z.strictObject({ maxUses: positive }).optional(),
    })
    .nullable()
    .optional(),
});
export type PromotionDefinition = z.infer<typeof promotionSchema>;
export type PromotionText = z.infer<typeof text>;

/** The text in `locale`, else English, else any. */
export function promoText(t: PromotionText | undefined, locale: Locale): string {
  if (t === undefined) return "";
  if (typeof t === "string") return t;
  return t[locale] ?? t.en ?? Object.values(t)[0] ?? "";
}

export const CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
/** A pattern needs this many random characters: 32^8 ≈ 10^12 codes. */
export const MIN_PATTERN_RANDOM = 8;

function crossFieldErrors(p: PromotionDefinition, base: string): ErrorDetail[] {
  const errors: ErrorDetail[] = [];
  const at = (path: string, key: DefinitionKey, values?: Values) => errors.push(problem(`${base}${base ? "." : ""}${path}`, key, values));
  const v = p.validity;
  if (v?.from && v?.to && Date.parse(v.from) >= Date.parse(v.to)) at("validity.to", "def.toAfterFrom");
  v?.hours?.forEach((h, i) => {
    if (h.from >= h.to) at(`validity.hours[${i}].to`, "def.hourToAfterFrom");
  });
  const e = p.effect;
  if (e.type === "bonusPoints" && (e.points === undefined) === (e.percent === undefined)) at("effect", "def.bonusOneOf");
  if (e.type === "issueCode" && e.promotion === p.code) at("effect.promotion", "def.selfIssue");
  if (e.type === "fixedPrice" && !p.basket?.items) at("basket.items", "def.fixedPriceItems");
  if (p.trigger === "auto" && p.codes?.shared) at("codes.shared", "def.sharedNeedsCode");
  if (p.codes?.shared && p.codes.unique) at("codes", "def.sharedOrUnique");
  if (p.codes?.unique) {
    const pattern = p.codes.unique.pattern;
    const random = [...pattern].filter((c) => c === "#").length;
    if (random < MIN_PATTERN_RANDOM) at("codes.unique.pattern", "def.patternShort", { n: MIN_PATTERN_RANDOM });
    if (!/^[A-Z0-9#-]+$/.test(pattern)) at("codes.unique.pattern", "def.patternChars");
  }
  if (p.limits?.perCustomer && p.audience?.members === false) at("limits.perCustomer", "def.perCustomerMembers");
  return errors;
}

export type PromotionParse = { ok: true; value: PromotionDefinition } | { ok: false; errors: ErrorDetail[] };

function parseAt(json: unknown, base: (string | number)[]): PromotionParse {
  const r = promotionSchema.safeParse(json, { error: (iss) => (iss.input === undefined ? m("def.required") : undefined) });
  if (!r.success) return { ok: false, errors: r.error.issues.flatMap((i) => issueProblems(i, base)) };
  const cross = crossFieldErrors(r.data, formatPath(base) === "(root)" ? "" : formatPath(base));
  return cross.length ? { ok: false, errors: cross } : { ok: true, value: r.data };
}

export function parsePromotion(json: unknown): PromotionParse {
  return parseAt(json, []);
}

export function promotionOrThrow(json: unknown): PromotionDefinition {
  const r = parsePromotion(json);
  if (!r.ok) throw new AppError("invalid_request", `The promotion has ${r.errors.length} error(s)`, { details: r.errors });
  return r.value;
}

/**
 * A coalition partner's campaign (lib/partner/campaigns) in a promotions file: which partner runs
 * the promotion `code` and its version waiting for the owner's approval, if any (the version in
 * force, when there is one, is in `promotions`).
 */
export interface PartnerCampaignEntry {
  code: string;
  partner: string;
  pending: PromotionDefinition | null;
}

export interface PromotionsFile {
  program: string;
  promotions: PromotionDefinition[];
  /** Absent: no partner campaigns (the owner's promotions only). */
  partnerCampaigns?: PartnerCampaignEntry[];
}

/**
 * `{"program": "ua", "promotions": [ … ]}`: every promotion checked, codes unique in the file,
 * `issueCode` pointing at a promotion of the file (or of `knownCodes`, those already stored) whose
 * trigger is `code`. Errors carry paths such as `promotions[2].effect.percent`.
 */
export function parsePromotionsFile(json: unknown, knownCodes: ReadonlyMap<string, "auto" | "code"> = new Map()): { ok: true; value: PromotionsFile } | { ok: false; errors: ErrorDetail[] } {
  const errors: ErrorDetail[] = [];
  if (typeof json !== "object" || json === null || Array.isArray(json)) return { ok: false, errors: [problem("(root)", "def.promotionsFile")] };
  const o = json as Record<string, unknown>;
  for (const k of Object.keys(o)) if (k !== "program" && k !== "promotions" && k !== "partnerCampaigns" && k !== "$schema") errors.push(problem(k, "def.unknownField", { field: k }));
  if (typeof o.program !== "string" || !o.program) errors.push(problem("program", "def.programCode"));
  if (!Array.isArray(o.promotions)) {
    errors.push(problem("promotions", "def.type.array"));
    return { ok: false, errors };
  }
  const list: PromotionDefinition[] = [];
  const seen = new Map<string, number>();
  o.promotions.forEach((p, i) => {
    const r = parseAt(p, ["promotions", i]);
    if (!r.ok) return void errors.push(...r.errors);
    const first = seen.get(r.value.code);
    if (first !== undefined) errors.push(problem(`promotions[${i}].code`, "def.duplicatePromotion", { code: r.value.code, first }));
    seen.set(r.value.code, i);
    list.push(r.value);
  });
  const campaigns = parsePartnerCampaigns(o.partnerCampaigns, errors);
  const triggers = new Map(knownCodes);
  for (const p of list) triggers.set(p.code, p.trigger);
  list.forEach((p) => {
    if (p.effect.type !== "issueCode") return;
    const i = seen.get(p.code)!;
    const target = triggers.get(p.effect.promotion);
    if (target === undefined) errors.push(problem(`promotions[${i}].effect.promotion`, "def.unknownPromotion", { code: p.effect.promotion }));
    else if (target !== "code") errors.push(problem(`promotions[${i}].effect.promotion`, "def.issueTarget", { code: p.effect.promotion }));
  });
  return errors.length ? { ok: false, errors } : { ok: true, value: { program: o.program as string, promotions: list, ...(campaigns ? { partnerCampaigns: campaigns } : {}) } };
}

/** `partnerCampaigns: [{code, partner, pending}]`: each code once, `pending` a promotion of that code. */
function parsePartnerCampaigns(v: unknown, errors: ErrorDetail[]): PartnerCampaignEntry[] | undefined {
  if (v === undefined) return undefined;
  if (!Array.isArray(v)) {
    errors.push(problem("partnerCampaigns", "def.type.array"));
    return undefined;
  }
  const out: PartnerCampaignEntry[] = [];
  const seen = new Map<string, number>();
  v.forEach((e, i) => {
    const at = `partnerCampaigns[${i}]`;
    if (typeof e !== "object" || e === null || Array.isArray(e)) return void errors.push(problem(at, "def.type.object"));
    const o = e as Record<string, unknown>;
    for (const k of Object.keys(o)) if (k !== "code" && k !== "partner" && k !== "pending") errors.push(problem(`${at}.${k}`, "def.unknownField", { field: k }));
    if (typeof o.code !== "string" || !o.code) return void errors.push(problem(`${at}.code`, "def.required"));
    if (typeof o.partner !== "string" || !o.partner) return void errors.push(problem(`${at}.partner`, "def.required"));
    const first = seen.get(o.code);
    if (first !== undefined) errors.push(problem(`${at}.code`, "def.duplicateCampaign", { code: o.code, first }));
    seen.set(o.code, i);
    let pending: PromotionDefinition | null = null;
    if (o.pending !== undefined && o.pending !== null) {
      const r = parseAt(o.pending, ["partnerCampaigns", i, "pending"]);
      if (!r.ok) return void errors.push(...r.errors);
      if (r.value.code !== o.code) errors.push(problem(`${at}.pending.code`, "def.pendingCode", { code: o.code }));
      pending = r.value;
    }
    out.push({ code: o.code, partner: o.partner, pending });
  });
  return out;
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (typeof v !== "object" || v === null) return v;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v).sort()) {
    const x = (v as Record<string, unknown>)[k];
    if (x !== undefined) out[k] = sortKeys(x);
  }
  return out;
}

const sortedSet = (xs: string[] | undefined) => (xs ? [...new Set(xs)].sort() : undefined);

/** Defaults filled, keys sorted, set-like lists sorted: two definitions that mean the same are equal as JSON. */
export function canonicalPromotion(p: PromotionDefinition | unknown): PromotionDefinition {
  const d = promotionOrThrow(p);
  const items = d.basket?.items;
  return sortKeys({
    ...d,
    validity: d.validity ? { ...d.validity, weekdays: d.validity.weekdays ? WEEKDAYS.filter((w) => d.validity!.weekdays!.includes(w)) : undefined } : undefined,
    audience: d.audience ? { ...d.audience, tiers: sortedSet(d.audience.tiers), segments: sortedSet(d.audience.segments) } : undefined,
    where: d.where
      ? { stores: sortedSet(d.where.stores), storeTags: sortedSet(d.where.storeTags), partners: sortedSet(d.where.partners), excludeStoreTags: sortedSet(d.where.excludeStoreTags) }
      : undefined,
    basket: d.basket ? { ...d.basket, items: items ? { categories: sortedSet(items.categories), skus: sortedSet(items.skus), excludeSkus: sortedSet(items.excludeSkus) } : undefined } : undefined,
    codes: d.codes ?? null,
  }) as PromotionDefinition;
}

export function diffPromotions(a: PromotionDefinition | unknown, b: PromotionDefinition | unknown): DefinitionChange[] {
  return diffDefinitionValues(canonicalPromotion(a), canonicalPromotion(b));
}

// The program definition of CONTRACTS.md: its zod schema, cross-field rules with JSON paths,
// a canonical form (for idempotent apply and versioning) and a readable diff of two versions.
import { z } from "zod";
import { AppError, formatPath, type ErrorDetail } from "@/lib/errors";
import { isLocale, LOCALES } from "@/lib/i18n/locales";
import { localized, type LocalizedText } from "@/lib/i18n/localized";
import type { Locale } from "@/lib/i18n/locales";

// ---- primitives -------------------------------------------------------------------------
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const validZones = new Map<string, string | null>();

/** The canonical spelling of an IANA time zone, or null when Intl does not know it. */
export function resolveTimeZone(tz: string): string | null {
  let hit = validZones.get(tz);
  if (hit === undefined) {
    try {
      hit = new Intl.DateTimeFormat("en-US", { timeZone: tz }).resolvedOptions().timeZone;
    } catch {
      hit = null;
    }
    validZones.set(tz, hit);
  }
  return hit;
}

/** Error text for a field: "is required" when it is missing, else `msg`. */
const say = (msg: string) => (iss: { input?: unknown }) => (iss.input === undefined ? "is required" : msg);

const code = z.string({ error: say("must be a string") }).regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, { error: "must be 1–64 letters, digits, '.', '_' or '-'" });
const label = z.string().trim().min(1, { error: "must not be empty" });
const money = z
  .number({ error: say("must be an integer amount in minor units") })
  .int({ error: "must be an integer amount in minor units (1000000 = 10,000.00)" })
  .min(0, { error: "must not be negative" });
const count = z
  .number({ error: say("must be a whole number") })
  .int({ error: "must be a whole number" })
  .min(0, { error: "must not be negative" });
/** 3 means 3 %; two decimals at most keep points exact in integer arithmetic. */
const percent = z
  .number({ error: say("must be a percentage between 0 and 100") })
  .min(0, { error: "must be a percentage between 0 and 100" })
  .max(100, { error: "must be a percentage between 0 and 100" })
  .refine((n) => Math.abs(n * 100 - Math.round(n * 100)) < 1e-9, { error: "at most two decimals" });
/** A wall-clock time "HH:MM" (24 h). */
const clock = z.string({ error: say('must be a time "HH:MM"') }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'must be a time "HH:MM" (00:00–23:59)' });
const timeZone = z.string({ error: say('must be an IANA time zone such as "Europe/Moscow"') }).superRefine((tz, ctx) => {
  const resolved = resolveTimeZone(tz);
  if (!resolved) ctx.addIssue({ code: "custom", message: `unknown IANA time zone "${tz}" (e.g. "Europe/Moscow")` });
  else if (resolved !== tz && resolved.toLowerCase() === tz.toLowerCase()) ctx.addIssue({ code: "custom", message: `write the time zone as "${resolved}"` });
});
/**
 * Text shown to members: a plain string (the same in every language) or one per language,
 * `{ "en": "Gold", "ru": "Золото" }`. Problems are reported at the language's path (`tiers[2].name.ru`).
 */
export const localizedText = z.custom<LocalizedText>().superRefine((v, ctx) => {
  if (v === undefined) ctx.addIssue({ code: "custom", message: "is required" });
  else if (typeof v === "string") {
    if (!v.trim()) ctx.addIssue({ code: "custom", message: "must not be empty" });
  } else if (typeof v !== "object" || v === null || Array.isArray(v)) {
    ctx.addIssue({ code: "custom", message: `a text, or one per language: {"en": "…", "ru": "…"}` });
  } else {
    const entries = Object.entries(v);
    if (entries.length === 0) ctx.addIssue({ code: "custom", message: `needs a text in at least one language (${LOCALES.join(", ")})` });
    for (const [lang, text] of entries) {
      if (!isLocale(lang)) ctx.addIssue({ code: "custom", path: [lang], message: `unknown language "${lang}" (use ${LOCALES.join(", ")})` });
      else if (typeof text !== "string" || !text.trim()) ctx.addIssue({ code: "custom", path: [lang], message: "must be a non-empty text" });
    }
  }
});

const category = label;
const stringSet = z.array(label);

// ---- parts ------------------------------------------------------------------------------
const thresholds = z
  .strictObject({ spend: money.optional(), visits: count.optional(), purchases: count.optional() })
  .refine((t) => t.spend !== undefined || t.visits !== undefined || t.purchases !== undefined, {
    error: "needs at least one of spend, visits, purchases",
  });

const qualify = z
  .strictObject({
    spend: money.optional(),
    visits: count.optional(),
    purchases: count.optional(),
    any: z.array(thresholds).min(1, { error: "needs at least one alternative" }).optional(),
  })
  .superRefine((q, ctx) => {
    const plain = q.spend !== undefined || q.visits !== undefined || q.purchases !== undefined;
    if (q.any && plain) ctx.addIssue({ code: "custom", message: "use either thresholds or `any`, not both", path: ["any"] });
    if (!q.any && !plain) ctx.addIssue({ code: "custom", message: "needs at least one of spend, visits, purchases, or `any`" });
  });

const period = z.union(
  [
    z.literal("lifetime"),
    z.literal("calendar-year"),
    z.strictObject({
      season: z
        .strictObject({
          startMonth: z.number().int().min(1, { error: "month 1–12" }).max(12, { error: "month 1–12" }),
          startDay: z.number().int().min(1, { error: "day 1–31" }).max(31, { error: "day 1–31" }).default(1),
        })
        .refine((s) => s.startDay <= MONTH_DAYS[s.startMonth - 1], { error: "no such day in that month", path: ["startDay"] }),
    }),
    z.strictObject({ rollingMonths: z.number().int().min(1, { error: "1 to 120 months" }).max(120, { error: "1 to 120 months" }) }),
  ],
  { error: say('expected "lifetime", "calendar-year", {"season":{"startMonth":7,"startDay":1}} or {"rollingMonths":12}') },
);

const activation = z.union([z.strictObject({ afterDays: count.max(3650, { error: "at most 3650 days" }) }), z.strictObject({ on: z.literal("validation") })], {
  error: say('expected {"afterDays": N} or {"on": "validation"}'),
});

const tier = z.strictObject({
  code,
  name: localizedText,
  qualify: qualify.optional(),
  spendCategories: z.array(category).min(1, { error: "list at least one category, or leave it out" }).optional(),
  earnRate: percent,
  earnRates: z.record(category, percent).prefault({}),
  canRedeem: z.boolean().default(true),
  maxRedeemShare: percent.optional(),
  benefits: z.array(localizedText).default([]),
  color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, { error: 'a colour like "#c0a062"' })
    .optional(),
});

export const programDefinitionSchema = z.strictObject(
  {
    code,
    name: label,
    kind: z.enum(["club", "retailer", "venue", "coalition"]).optional(),
    defaultLocale: z.enum(["ru", "en"]).optional(),
    tagline: localizedText.optional(),
    brandColor: z
      .string()
      .regex(/^#[0-9a-fA-F]{6}$/, { error: 'a colour like "#0f766e"' })
      .optional(),
    currency: z.string().regex(/^[A-Z]{3}$/, { error: 'an ISO 4217 code in capitals, e.g. "RUB"' }),
    timezone: timeZone,
    pointValue: z.number().int({ error: "must be a whole number of minor units" }).min(1, { error: "must be at least 1" }).default(100),
    qualification: z.strictObject({ period, spendCategories: z.array(category).min(1).optional() }).prefault({ period: "lifetime" }),
    tiers: z.array(tier).min(1, { error: "a program needs at least one tier (the entry tier)" }),
    earning: z
      .strictObject({
        base: z.enum(["paid", "full"]).default("paid"),
        excludedCategories: stringSet.default([]),
        activation: activation.default({ afterDays: 0 }),
        activationByCategory: z.record(category, activation).default({}),
      })
      .prefault({}),
    redemption: z
      .strictObject({
        requiresCode: z.boolean().default(false),
        excludedStoreTags: stringSet.default([]),
        maxShare: percent.default(100),
        minPoints: count.default(0),
      })
      .prefault({}),
    expiry: z
      .union([z.strictObject({ months: z.number().int().min(1, { error: "1 to 600 months" }).max(600, { error: "1 to 600 months" }) }), z.strictObject({ endOfPeriod: z.literal(true) }), z.null()], {
        error: 'expected {"months": N}, {"endOfPeriod": true} or null',
      })
      .default(null),
    messaging: z
      .strictObject({
        /** Country calling codes whose phones may get SMS codes (SMS pumping to premium numbers elsewhere is refused). */
        smsCountryPrefixes: z
          .array(z.string().regex(/^[1-9]\d{0,3}$/, { error: 'a country calling code without "+", e.g. "7"' }))
          .min(1, { error: "list at least one country calling code" })
          .default(["7"]),
        /** SMS codes the whole program may send in one hour (a budget against abuse). */
        smsPerHour: z.number().int().min(1).max(1_000_000).default(1000),
      })
      .prefault({}),
    communications: z
      .strictObject({
        /** Marketing and survey messages wait until `to` when they fall between `from` and `to` (member's local time). */
        quietHours: z.strictObject({ from: clock, to: clock }).nullable().default(null),
        /** Marketing messages one member may get in any 7 days (null: no cap). */
        marketingPerWeek: z.number().int({ error: "must be a whole number" }).min(0, { error: "must not be negative" }).max(100, { error: "at most 100" }).nullable().default(null),
      })
      .prefault({}),
    surveys: z
      .strictObject({
        nps: z
          .strictObject({
            /** Hours after a validated ticket before the survey email goes out. */
            afterHours: z.number().int({ error: "must be a whole number of hours" }).min(0, { error: "must not be negative" }).max(720, { error: "at most 720 hours" }).default(12),
            onlyValidatedVisits: z.boolean().default(true),
            staffEmails: z.array(z.email({ error: "must be an email address" })).default([]),
            /** Program time of the daily report of yesterday's reviews. */
            dailyReportAt: clock.default("09:00"),
          })
          .optional(),
      })
      .prefault({}),
    partners: z.array(z.strictObject({ code, name: label, earnRate: percent })).default([]),
    partnerRateMode: z.enum(["max", "add"]).default("max"),
    stores: z
      .array(
        z.strictObject({
          code,
          name: label.optional(),
          partner: code.optional(),
          timezone: timeZone.optional(),
          tags: stringSet.default([]),
        }),
      )
      .default([]),
  },
  { error: (iss) => (iss.code === "invalid_type" ? "a program definition must be a JSON object" : undefined) },
);

type ParsedShape = z.output<typeof programDefinitionSchema>;
export type ProgramStore = ParsedShape["stores"][number] & { timezone: string };
export type ProgramDefinition = Omit<ParsedShape, "stores"> & { stores: ProgramStore[] };
export type ProgramTier = ProgramDefinition["tiers"][number];
export type ProgramPartner = ProgramDefinition["partners"][number];
export type QualificationPeriod = ProgramDefinition["qualification"]["period"];
export type Thresholds = { spend?: number; visits?: number; purchases?: number };
export type Qualify = NonNullable<ProgramTier["qualify"]>;
export type Activation = ProgramDefinition["earning"]["activation"];
export type Expiry = ProgramDefinition["expiry"];

/** A status with its name and benefits in one language. */
export type SpokenTier = Omit<ProgramTier, "name" | "benefits"> & { name: string; benefits: string[] };

/**
 * The status's texts in `locale`, else the program's language, else English. Without a locale
 * (the tills' answers, receipt messages) English comes first, as those have always shown.
 */
export function speakTier(def: Pick<ProgramDefinition, "defaultLocale">, tier: ProgramTier, locale: Locale = "en"): SpokenTier {
  return { ...tier, name: localized(tier.name, locale, def.defaultLocale), benefits: tier.benefits.map((b) => localized(b, locale, def.defaultLocale)) };
}

export type ParseResult = { ok: true; value: ProgramDefinition } | { ok: false; errors: ErrorDetail[] };

// ---- cross-field rules (run on the raw input too, so one pass lists every problem) --------
type Loose = Record<string, unknown>;
const isObj = (v: unknown): v is Loose => typeof v === "object" && v !== null && !Array.isArray(v);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

function duplicates(items: unknown[], base: string, errors: ErrorDetail[], what: string) {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const c = isObj(item) ? item.code : undefined;
    if (typeof c !== "string") return;
    const first = seen.get(c);
    if (first === undefined) seen.set(c, i);
    else errors.push({ path: `${base}[${i}].code`, message: `duplicate ${what} code "${c}" (also ${base}[${first}])` });
  });
}

function crossFieldErrors(raw: Loose): ErrorDetail[] {
  const errors: ErrorDetail[] = [];
  const tiers = arr(raw.tiers);
  duplicates(tiers, "tiers", errors, "tier");
  tiers.forEach((t, i) => {
    if (!isObj(t)) return;
    if (i === 0 && t.qualify !== undefined) errors.push({ path: "tiers[0].qualify", message: "the first tier is the entry tier and has no `qualify`" });
    if (i > 0 && t.qualify === undefined) errors.push({ path: `tiers[${i}].qualify`, message: "every tier after the first needs `qualify` thresholds" });
    if (isObj(t.qualify) && "spendCategories" in t.qualify) errors.push({ path: `tiers[${i}].qualify.spendCategories`, message: "put spendCategories on the tier, next to qualify" });
  });
  const partners = arr(raw.partners);
  duplicates(partners, "partners", errors, "partner");
  const partnerCodes = new Set(partners.map((p) => (isObj(p) ? p.code : undefined)));
  const stores = arr(raw.stores);
  duplicates(stores, "stores", errors, "store");
  stores.forEach((s, i) => {
    if (isObj(s) && typeof s.partner === "string" && !partnerCodes.has(s.partner)) errors.push({ path: `stores[${i}].partner`, message: `unknown partner "${s.partner}" (not in partners)` });
  });
  const period = isObj(raw.qualification) ? raw.qualification.period : "lifetime";
  if (isObj(raw.expiry) && raw.expiry.endOfPeriod === true && (period === "lifetime" || period === undefined))
    errors.push({ path: "expiry.endOfPeriod", message: 'a lifetime qualification period never ends; use {"months": N} or null' });
  if (isObj(raw.expiry) && raw.expiry.endOfPeriod === true && isObj(period) && "rollingMonths" in period)
    errors.push({ path: "expiry.endOfPeriod", message: 'a rolling window has no end date; use {"months": N}' });
  const qh = isObj(raw.communications) ? raw.communications.quietHours : undefined;
  if (isObj(qh) && typeof qh.from === "string" && qh.from === qh.to) errors.push({ path: "communications.quietHours.to", message: "quiet hours need a different start and end (or null for none)" });
  return errors;
}

function issueMessage(issue: z.core.$ZodIssue): ErrorDetail[] {
  if (issue.code === "unrecognized_keys") return issue.keys.map((k) => ({ path: formatPath([...issue.path, k]), message: `unknown field "${k}"` }));
  return [{ path: formatPath(issue.path), message: issue.message }];
}

export function parseProgramDefinition(json: unknown): ParseResult {
  const result = programDefinitionSchema.safeParse(json, {
    error: (iss) => (iss.input === undefined ? "is required" : undefined),
  });
  const cross = isObj(json) ? crossFieldErrors(json) : [];
  if (!result.success || cross.length) {
    // A cross-field message is the more specific one where both speak about the same path.
    const crossPaths = new Set(cross.map((e) => e.path));
    const structural = result.success ? [] : result.error.issues.flatMap(issueMessage).filter((e) => !crossPaths.has(e.path));
    return { ok: false, errors: [...structural, ...cross] };
  }
  const value = result.data;
  const stores = value.stores.map((s) => ({ ...s, timezone: s.timezone ?? value.timezone }));
  return { ok: true, value: { ...value, stores } };
}

/** Parses or throws AppError("invalid_request") listing every problem. */
export function programDefinitionOrThrow(json: unknown): ProgramDefinition {
  const parsed = parseProgramDefinition(json);
  if (!parsed.ok) throw new AppError("invalid_request", `The program definition has ${parsed.errors.length} error(s)`, { details: parsed.errors });
  return parsed.value;
}

// ---- canonical form and diff ----------------------------------------------------------------
const uniqSorted = (xs: string[]) => [...new Set(xs)].sort();

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (!isObj(v)) return v;
  const out: Loose = {};
  for (const k of Object.keys(v).sort()) if (v[k] !== undefined) out[k] = sortKeys(v[k]);
  return out;
}

/**
 * Defaults filled, keys sorted, set-like lists (categories, tags) sorted and deduplicated:
 * two definitions that mean the same serialise to the same JSON. Accepts raw JSON too.
 */
export function canonicalDefinition(def: ProgramDefinition | unknown): ProgramDefinition {
  const d = programDefinitionOrThrow(def);
  const q = d.qualification;
  const normalized: ProgramDefinition = {
    ...d,
    qualification: { ...q, ...(q.spendCategories ? { spendCategories: uniqSorted(q.spendCategories) } : {}) },
    tiers: d.tiers.map((t) => ({ ...t, ...(t.spendCategories ? { spendCategories: uniqSorted(t.spendCategories) } : {}) })),
    earning: { ...d.earning, excludedCategories: uniqSorted(d.earning.excludedCategories) },
    redemption: { ...d.redemption, excludedStoreTags: uniqSorted(d.redemption.excludedStoreTags) },
    stores: d.stores.map((s) => ({ ...s, tags: uniqSorted(s.tags) })),
  };
  return sortKeys(normalized) as ProgramDefinition;
}

export interface DefinitionChange {
  path: string;
  /** Undefined when the field did not exist before. */
  before: unknown;
  /** Undefined when the field was removed. */
  after: unknown;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const hasCodes = (xs: unknown[]) => xs.length > 0 && xs.every((x) => isObj(x) && typeof x.code === "string");

function diffArrays(a: unknown[], b: unknown[], path: string, out: DefinitionChange[]) {
  if (!(hasCodes(a) || hasCodes(b)) || !(a.every(isObj) && b.every(isObj))) {
    if (!same(a, b)) out.push({ path, before: a, after: b });
    return;
  }
  const codesA = (a as Loose[]).map((x) => x.code as string);
  const codesB = (b as Loose[]).map((x) => x.code as string);
  if (!same(codesA, codesB)) out.push({ path: `${path}[].code`, before: codesA, after: codesB });
  codesA.forEach((c, i) => {
    if (!codesB.includes(c)) out.push({ path: `${path}[${i}]`, before: a[i], after: undefined });
  });
  codesB.forEach((c, j) => {
    const i = codesA.indexOf(c);
    if (i < 0) out.push({ path: `${path}[${j}]`, before: undefined, after: b[j] });
    else diffValues(a[i], b[j], `${path}[${j}]`, out);
  });
}

function diffValues(a: unknown, b: unknown, path: string, out: DefinitionChange[]) {
  if (Array.isArray(a) && Array.isArray(b)) return diffArrays(a, b, path, out);
  if (isObj(a) && isObj(b)) {
    for (const k of uniqSorted([...Object.keys(a), ...Object.keys(b)])) diffValues(a[k], b[k], path ? `${path}.${k}` : k, out);
    return;
  }
  if (!same(a, b)) out.push({ path: path || "(root)", before: a, after: b });
}

/**
 * What changed from `a` to `b`, compared in canonical form. Paths look like validation paths
 * (`tiers[2].earnRate`); tiers, partners and stores are matched by code, so inserting a tier
 * reports one added tier, not a cascade of changed ones.
 */
export function diffDefinitions(a: ProgramDefinition | unknown, b: ProgramDefinition | unknown): DefinitionChange[] {
  return diffDefinitionValues(canonicalDefinition(a), canonicalDefinition(b));
}

/** The same diff over two values already in canonical form (promotions use it too). */
export function diffDefinitionValues(a: unknown, b: unknown): DefinitionChange[] {
  const out: DefinitionChange[] = [];
  diffValues(a, b, "", out);
  return out;
}

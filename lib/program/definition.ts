// The program definition of CONTRACTS.md: its zod schema, cross-field rules with JSON paths,
// a canonical form (for idempotent apply and versioning) and a readable diff of two versions.
import { z } from "zod";
import { AppError, formatPath, type ErrorDetail } from "@/lib/errors";
import { issueProblems, m, problem, say } from "@/lib/i18n/definition-issues";
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

const code = z.string({ error: say("def.string") }).regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, { error: m("def.codeChars") });
const label = z
  .string({ error: say("def.string") })
  .trim()
  .min(1, { error: m("def.notEmpty") });
const money = z
  .number({ error: say("def.minorUnits") })
  .int({ error: m("def.minorUnitsExample") })
  .min(0, { error: m("def.notNegative") });
const count = z
  .number({ error: say("def.wholeNumber") })
  .int({ error: m("def.wholeNumber") })
  .min(0, { error: m("def.notNegative") });
/** 3 means 3 %; two decimals at most keep points exact in integer arithmetic. */
const percent = z
  .number({ error: say("def.percent100") })
  .min(0, { error: m("def.percent100") })
  .max(100, { error: m("def.percent100") })
  .refine((n) => Math.abs(n * 100 - Math.round(n * 100)) < 1e-9, { error: m("def.twoDecimals") });
/** A wall-clock time "HH:MM" (24 h). */
const clock = z.string({ error: say("def.hhmm") }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: m("def.clock") });
const timeZone = z.string({ error: say("def.timeZone") }).superRefine((tz, ctx) => {
  const resolved = resolveTimeZone(tz);
  if (!resolved) ctx.addIssue({ code: "custom", message: m("def.unknownZone", { zone: tz }) });
  else if (resolved !== tz && resolved.toLowerCase() === tz.toLowerCase()) ctx.addIssue({ code: "custom", message: m("def.zoneSpelling", { zone: resolved }) });
});
/**
 * Text shown to members: a plain string (the same in every language) or one per language,
 * `{ "en": "Gold", "ru": "Золото" }`. Problems are reported at the language's path (`tiers[2].name.ru`).
 */
export const localizedText = z.custom<LocalizedText>().superRefine((v, ctx) => {
  if (v === undefined) ctx.addIssue({ code: "custom", message: m("def.required") });
  else if (typeof v === "string") {
    if (!v.trim()) ctx.addIssue({ code: "custom", message: m("def.notEmpty") });
  } else if (typeof v !== "object" || v === null || Array.isArray(v)) {
    ctx.addIssue({ code: "custom", message: m("def.localizedShape") });
  } else {
    const entries = Object.entries(v);
    if (entries.length === 0) ctx.addIssue({ code: "custom", message: m("def.needsLanguage", { languages: LOCALES.join(", ") }) });
    for (const [lang, text] of entries) {
      if (!isLocale(lang)) ctx.addIssue({ code: "custom", path: [lang], message: m("def.unknownLanguage", { language: lang, languages: LOCALES.join(", ") }) });
      else if (typeof text !== "string" || !text.trim()) ctx.addIssue({ code: "custom", path: [lang], message: m("def.nonEmptyText") });
    }
  }
});

const category = label;
const stringSet = z.array(label);

// ---- parts ------------------------------------------------------------------------------
const thresholds = z
  .strictObject({ spend: money.optional(), visits: count.optional(), purchases: count.optional() })
  .refine((t) => t.spend !== undefined || t.visits !== undefined || t.purchases !== undefined, {
    error: m("def.thresholdsOne"),
  });

const qualify = z
  .strictObject({
    spend: money.optional(),
    visits: count.optional(),
    purchases: count.optional(),
    any: z
      .array(thresholds)
      .min(1, { error: m("def.anyOne") })
      .optional(),
  })
  .superRefine((q, ctx) => {
    const plain = q.spend !== undefined || q.visits !== undefined || q.purchases !== undefined;
    if (q.any && plain) ctx.addIssue({ code: "custom", message: m("def.anyOrThresholds"), path: ["any"] });
    if (!q.any && !plain) ctx.addIssue({ code: "custom", message: m("def.qualifyOne") });
  });

const period = z.union(
  [
    z.literal("lifetime"),
    z.literal("calendar-year"),
    z.strictObject({
      season: z
        .strictObject({
          startMonth: z
            .number()
            .int()
            .min(1, { error: m("def.month") })
            .max(12, { error: m("def.month") }),
          startDay: z
            .number()
            .int()
            .min(1, { error: m("def.day") })
            .max(31, { error: m("def.day") })
            .default(1),
        })
        .refine((s) => s.startDay <= MONTH_DAYS[s.startMonth - 1], { error: m("def.noSuchDay"), path: ["startDay"] }),
    }),
    z.strictObject({
      rollingMonths: z
        .number()
        .int()
        .min(1, { error: m("def.monthsRange", { min: 1, max: 120 }) })
        .max(120, { error: m("def.monthsRange", { min: 1, max: 120 }) }),
    }),
  ],
  { error: say("def.period") },
);

const activation = z.union([z.strictObject({ afterDays: count.max(3650, { error: m("def.daysMax", { max: 3650 }) }) }), z.strictObject({ on: z.literal("validation") })], {
  error: say("def.activation"),
});

const tier = z.strictObject({
  code,
  name: localizedText,
  qualify: qualify.optional(),
  spendCategories: z
    .array(category)
    .min(1, { error: m("def.spendCategories") })
    .optional(),
  earnRate: percent,
  earnRates: z.record(category, percent).prefault({}),
  canRedeem: z.boolean().default(true),
  maxRedeemShare: percent.optional(),
  benefits: z.array(localizedText).default([]),
  color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, { error: m("def.colour", { example: "#c0a062" }) })
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
      .regex(/^#[0-9a-fA-F]{6}$/, { error: m("def.colour", { example: "#0f766e" }) })
      .optional(),
    currency: z.string({ error: say("def.currency") }).regex(/^[A-Z]{3}$/, { error: m("def.currency") }),
    timezone: timeZone,
    pointValue: z
      .number({ error: say("def.pointValue") })
      .int({ error: m("def.pointValue") })
      .min(1, { error: m("def.atLeast", { min: 1 }) })
      .default(100),
    qualification: z.strictObject({ period, spendCategories: z.array(category).min(1).optional() }).prefault({ period: "lifetime" }),
    tiers: z.array(tier).min(1, { error: m("def.tiersOne") }),
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
      .union(
        [
          z.strictObject({
            months: z
              .number()
              .int()
              .min(1, { error: m("def.monthsRange", { min: 1, max: 600 }) })
              .max(600, { error: m("def.monthsRange", { min: 1, max: 600 }) }),
          }),
          z.strictObject({ endOfPeriod: z.literal(true) }),
          z.null(),
        ],
        { error: m("def.expiry") },
      )
      .default(null),
    messaging: z
      .strictObject({
        /** Country calling codes whose phones may get SMS codes (SMS pumping to premium numbers elsewhere is refused). */
        smsCountryPrefixes: z
          .array(z.string().regex(/^[1-9]\d{0,3}$/, { error: m("def.smsPrefix") }))
          .min(1, { error: m("def.smsPrefixes") })
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
        marketingPerWeek: z
          .number({ error: say("def.wholeNumber") })
          .int({ error: m("def.wholeNumber") })
          .min(0, { error: m("def.notNegative") })
          .max(100, { error: m("def.atMostN", { max: 100 }) })
          .nullable()
          .default(null),
      })
      .prefault({}),
    surveys: z
      .strictObject({
        nps: z
          .strictObject({
            /** Hours after a validated ticket before the survey email goes out. */
            afterHours: z
              .number({ error: say("def.wholeHours") })
              .int({ error: m("def.wholeHours") })
              .min(0, { error: m("def.notNegative") })
              .max(720, { error: m("def.hoursMax", { max: 720 }) })
              .default(12),
            onlyValidatedVisits: z.boolean().default(true),
            staffEmails: z.array(z.email({ error: m("def.email") })).default([]),
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
  { error: (iss) => (iss.code === "invalid_type" ? m("def.programObject") : undefined) },
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

function duplicates(items: unknown[], base: string, errors: ErrorDetail[], key: "def.duplicateTier" | "def.duplicatePartner" | "def.duplicateStore") {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const c = isObj(item) ? item.code : undefined;
    if (typeof c !== "string") return;
    const first = seen.get(c);
    if (first === undefined) seen.set(c, i);
    else errors.push(problem(`${base}[${i}].code`, key, { code: c, first }));
  });
}

function crossFieldErrors(raw: Loose): ErrorDetail[] {
  const errors: ErrorDetail[] = [];
  const tiers = arr(raw.tiers);
  duplicates(tiers, "tiers", errors, "def.duplicateTier");
  tiers.forEach((t, i) => {
    if (!isObj(t)) return;
    if (i === 0 && t.qualify !== undefined) errors.push(problem("tiers[0].qualify", "def.entryTierQualify"));
    if (i > 0 && t.qualify === undefined) errors.push(problem(`tiers[${i}].qualify`, "def.tierNeedsQualify"));
    if (isObj(t.qualify) && "spendCategories" in t.qualify) errors.push(problem(`tiers[${i}].qualify.spendCategories`, "def.spendCategoriesPlace"));
  });
  const partners = arr(raw.partners);
  duplicates(partners, "partners", errors, "def.duplicatePartner");
  const partnerCodes = new Set(partners.map((p) => (isObj(p) ? p.code : undefined)));
  const stores = arr(raw.stores);
  duplicates(stores, "stores", errors, "def.duplicateStore");
  stores.forEach((s, i) => {
    if (isObj(s) && typeof s.partner === "string" && !partnerCodes.has(s.partner)) errors.push(problem(`stores[${i}].partner`, "def.unknownPartner", { code: s.partner }));
  });
  const period = isObj(raw.qualification) ? raw.qualification.period : "lifetime";
  if (isObj(raw.expiry) && raw.expiry.endOfPeriod === true && (period === "lifetime" || period === undefined)) errors.push(problem("expiry.endOfPeriod", "def.lifetimeExpiry"));
  if (isObj(raw.expiry) && raw.expiry.endOfPeriod === true && isObj(period) && "rollingMonths" in period) errors.push(problem("expiry.endOfPeriod", "def.rollingExpiry"));
  const qh = isObj(raw.communications) ? raw.communications.quietHours : undefined;
  if (isObj(qh) && typeof qh.from === "string" && qh.from === qh.to) errors.push(problem("communications.quietHours.to", "def.quietHours"));
  return errors;
}

export function parseProgramDefinition(json: unknown): ParseResult {
  const result = programDefinitionSchema.safeParse(json, {
    error: (iss) => (iss.input === undefined ? m("def.required") : undefined),
  });
  const cross = isObj(json) ? crossFieldErrors(json) : [];
  if (!result.success || cross.length) {
    // A cross-field message is the more specific one where both speak about the same path.
    const crossPaths = new Set(cross.map((e) => e.path));
    const structural = result.success ? [] : result.error.issues.flatMap((i) => issueProblems(i)).filter((e) => !crossPaths.has(e.path));
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

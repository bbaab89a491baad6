// A segment definition: a typed JSON value (nested AND/OR groups of conditions) that the
// builder edits, promotions and mailings reuse, and lib/segments/compile.ts turns into SQL.
import { z } from "zod";
import { AppError, formatPath, type ErrorDetail } from "@/lib/errors";
import { issueProblems, m, problem, say } from "@/lib/i18n/definition-issues";

/** Limits that keep a hostile or runaway definition from becoming a huge query. */
export const SEGMENT_LIMITS = { depth: 5, conditions: 40, listItems: 200, text: 200 } as const;

/** Comparison of a number: `between` takes `value` ≤ x ≤ `to`. */
export const CMP_OPS = ["gte", "gt", "lte", "lt", "eq", "between"] as const;
export type CmpOp = (typeof CMP_OPS)[number];

// Money in minor units and counts: integers within ±10^13 (100 billion RUB) — never Infinity,
// NaN or a float that loses precision.
const MAX_ABS = 10_000_000_000_000;
const intValue = z
  .number({ error: say("def.type.number") })
  .int({ error: m("def.wholeNumber") })
  .min(-MAX_ABS, { error: m("def.tooSmall") })
  .max(MAX_ABS, { error: m("def.tooLarge") });

const cmp = {
  op: z.enum(CMP_OPS, { error: m("def.cmpOp") }),
  value: intValue,
  to: intValue.optional(),
};

const text = z
  .string()
  .trim()
  .min(1, { error: m("def.notEmpty") })
  .max(SEGMENT_LIMITS.text, { error: m("def.maxChars", { max: SEGMENT_LIMITS.text }) });
const textList = z
  .array(text)
  .min(1, { error: m("def.pickOne") })
  .max(SEGMENT_LIMITS.listItems, { error: m("def.maxValues", { max: SEGMENT_LIMITS.listItems }) });
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: m("def.isoDate") })
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), { error: m("def.noSuchDate") });

/** When something happened: the last N days, between two dates (inclusive), or ever. */
export const periodSchema = z.discriminatedUnion(
  "kind",
  [
    z.strictObject({
      kind: z.literal("lastDays"),
      days: z
        .number()
        .int()
        .min(1, { error: m("def.daysRange", { min: 1, max: 3650 }) })
        .max(3650, { error: m("def.daysRange", { min: 1, max: 3650 }) }),
    }),
    z.strictObject({ kind: z.literal("between"), from: isoDate, to: isoDate }),
    z.strictObject({ kind: z.literal("allTime") }),
  ],
  { error: m("def.segmentPeriod") },
);
export type SegmentPeriod = z.infer<typeof periodSchema>;

export const REGISTRATION_CHANNELS = ["pos", "web", "app", "wallet", "ticketing", "import", "admin"] as const;
const score = z
  .number()
  .int()
  .min(1, { error: m("def.scores") })
  .max(5, { error: m("def.scores") });
const scores = z.array(score).max(5);

export const conditionSchema = z.discriminatedUnion(
  "kind",
  [
    /** Status (tier) held now. Customers without a status row hold the entry tier. */
    z.strictObject({ kind: z.literal("tier"), op: z.enum(["in", "notIn"]), tiers: textList }),
    /** Available points of the main (or promo) account. */
    z.strictObject({ kind: z.literal("balance"), account: z.enum(["main", "promo"]).optional(), ...cmp }),
    /** Spend (minor units, after discounts), visits or receipts in a period. */
    z.strictObject({ kind: z.literal("spend"), period: periodSchema, ...cmp }),
    z.strictObject({ kind: z.literal("visits"), period: periodSchema, ...cmp }),
    z.strictObject({ kind: z.literal("receipts"), period: periodSchema, ...cmp }),
    /** Days since the last receipt / visit. Customers who never bought (visited) do not match. */
    z.strictObject({ kind: z.literal("daysSinceLastPurchase"), ...cmp }),
    z.strictObject({ kind: z.literal("daysSinceLastVisit"), ...cmp }),
    /** Bought (or did not buy) a category / SKU in a period. */
    z.strictObject({ kind: z.literal("boughtCategory"), categories: textList, period: periodSchema, negate: z.boolean().optional() }),
    z.strictObject({ kind: z.literal("boughtSku"), skus: textList, period: periodSchema, negate: z.boolean().optional() }),
    /** Birthday in one of the months, or within the next N days (today included). */
    z.strictObject({
      kind: z.literal("birthdayMonth"),
      months: z
        .array(
          z
            .number()
            .int()
            .min(1, { error: m("def.month") })
            .max(12, { error: m("def.month") }),
        )
        .min(1, { error: m("def.pickMonth") })
        .max(12),
    }),
    z.strictObject({
      kind: z.literal("birthdayWithin"),
      days: z
        .number()
        .int()
        .min(0, { error: m("def.daysRange", { min: 0, max: 366 }) })
        .max(366, { error: m("def.daysRange", { min: 0, max: 366 }) }),
    }),
    z.strictObject({ kind: z.literal("registrationChannel"), channels: z.array(z.enum(REGISTRATION_CHANNELS)).min(1, { error: m("def.pickChannel") }) }),
    z.strictObject({ kind: z.literal("registeredIn"), period: periodSchema }),
    z.strictObject({ kind: z.literal("consent"), channel: z.enum(["email", "sms"]), given: z.boolean() }),
    /** Bought at a partner's stores / at given stores (by code) in a period. */
    z.strictObject({ kind: z.literal("boughtAtPartner"), partners: textList, period: periodSchema, negate: z.boolean().optional() }),
    z.strictObject({ kind: z.literal("boughtAtStore"), stores: textList, period: periodSchema, negate: z.boolean().optional() }),
    /**
     * RFM cell: quintile scores 1–5 (5 = best; by percent rank, ties share a score) of recency, frequency and monetary value over the
     * receipts of the last `days` days, among customers with at least one receipt then.
     * An empty list means "any score".
     */
    z.strictObject({ kind: z.literal("rfm"), days: z.number().int().min(1).max(3650).optional(), r: scores, f: scores, m: scores }),
  ],
  { error: (iss) => (iss.code === "invalid_union" ? m("def.conditionKind") : undefined) },
);
export type SegmentCondition = z.infer<typeof conditionSchema>;
export type ConditionKind = SegmentCondition["kind"];

export interface SegmentGroup {
  kind: "group";
  op: "and" | "or";
  children: SegmentNode[];
}
export type SegmentNode = SegmentGroup | SegmentCondition;
/** The root of every definition is a group. */
export type SegmentDefinition = SegmentGroup;

const nodeSchema: z.ZodType<SegmentNode> = z.lazy(() => z.union([groupSchema, conditionSchema], { error: m("def.nodeShape") }));
const groupSchema: z.ZodType<SegmentGroup> = z.strictObject({
  kind: z.literal("group"),
  op: z.enum(["and", "or"], { error: m("def.groupOp") }),
  children: z.array(nodeSchema).max(SEGMENT_LIMITS.conditions, { error: m("def.groupItems", { max: SEGMENT_LIMITS.conditions }) }),
});

/** Structural checks zod cannot express: nesting depth, total size, `between` bounds. */
function limitErrors(root: SegmentGroup): ErrorDetail[] {
  const errors: ErrorDetail[] = [];
  let conditions = 0;
  const walk = (node: SegmentNode, path: (string | number)[], depth: number) => {
    if (node.kind === "group") {
      if (depth > SEGMENT_LIMITS.depth) {
        errors.push(problem(formatPath(path), "def.nestDepth", { max: SEGMENT_LIMITS.depth }));
        return;
      }
      node.children.forEach((c, i) => walk(c, [...path, "children", i], depth + 1));
      return;
    }
    conditions += 1;
    if ("op" in node && node.op === "between") {
      const to = (node as { to?: number }).to;
      if (to === undefined) errors.push(problem(formatPath([...path, "to"]), "def.betweenTo"));
      else if (to < (node as { value: number }).value) errors.push(problem(formatPath([...path, "to"]), "def.betweenOrder"));
    }
    if ("period" in node && node.period.kind === "between" && node.period.from > node.period.to) errors.push(problem(formatPath([...path, "period", "to"]), "def.dateOrder"));
  };
  walk(root, [], 1);
  if (conditions > SEGMENT_LIMITS.conditions) errors.push(problem("", "def.maxConditions", { max: SEGMENT_LIMITS.conditions }));
  return errors;
}

/** Depth of raw JSON, checked before zod so a 10,000-level nesting never reaches the recursive parser. */
function rawDepth(v: unknown, limit: number, depth = 0): number {
  if (depth > limit) return depth;
  if (Array.isArray(v)) return Math.max(depth, ...v.map((x) => rawDepth(x, limit, depth + 1)));
  if (v && typeof v === "object") return Math.max(depth, ...Object.values(v).map((x) => rawDepth(x, limit, depth + 1)));
  return depth;
}

export type SegmentParseResult = { ok: true; value: SegmentDefinition } | { ok: false; errors: ErrorDetail[] };

export function parseSegmentDefinition(json: unknown): SegmentParseResult {
  // group → children array → node → period: 3 JSON levels per group level, plus slack.
  if (rawDepth(json, SEGMENT_LIMITS.depth * 3 + 4) > SEGMENT_LIMITS.depth * 3 + 3) return { ok: false, errors: [problem("", "def.nestDepth", { max: SEGMENT_LIMITS.depth })] };
  const parsed = groupSchema.safeParse(json);
  if (!parsed.success) {
    const errors = parsed.error.issues.flatMap((i) => issueProblems(i));
    return { ok: false, errors };
  }
  const errors = limitErrors(parsed.data);
  return errors.length ? { ok: false, errors } : { ok: true, value: parsed.data };
}

/** Parses or throws AppError("invalid_request") with every problem and its path. */
export function segmentDefinitionOrThrow(json: unknown): SegmentDefinition {
  const r = parseSegmentDefinition(json);
  if (!r.ok) throw new AppError("invalid_request", `The segment has ${r.errors.length} error(s): ${r.errors[0].path ? r.errors[0].path + " " : ""}${r.errors[0].message}`, { details: r.errors });
  return r.value;
}

/** An empty definition (everyone in the program). */
export const EMPTY_SEGMENT: SegmentDefinition = { kind: "group", op: "and", children: [] };

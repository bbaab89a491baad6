// A segment definition: a typed JSON value (nested AND/OR groups of conditions) that the
// builder edits, promotions and mailings reuse, and lib/segments/compile.ts turns into SQL.
import { z } from "zod";
import { AppError, formatPath, type ErrorDetail } from "@/lib/errors";

/** Limits that keep a hostile or runaway definition from becoming a huge query. */
export const SEGMENT_LIMITS = { depth: 5, conditions: 40, listItems: 200, text: 200 } as const;

/** Comparison of a number: `between` takes `value` ≤ x ≤ `to`. */
export const CMP_OPS = ["gte", "gt", "lte", "lt", "eq", "between"] as const;
export type CmpOp = (typeof CMP_OPS)[number];

// Money in minor units and counts: integers within ±10^13 (100 billion RUB) — never Infinity,
// NaN or a float that loses precision.
const MAX_ABS = 10_000_000_000_000;
const intValue = z.number({ error: "must be a number" }).int({ error: "must be a whole number" }).min(-MAX_ABS, { error: "is too small" }).max(MAX_ABS, { error: "is too large" });

const cmp = {
  op: z.enum(CMP_OPS, { error: "must be one of gte, gt, lte, lt, eq, between" }),
  value: intValue,
  to: intValue.optional(),
};

const text = z
  .string()
  .trim()
  .min(1, { error: "must not be empty" })
  .max(SEGMENT_LIMITS.text, { error: `at most ${SEGMENT_LIMITS.text} characters` });
const textList = z
  .array(text)
  .min(1, { error: "pick at least one" })
  .max(SEGMENT_LIMITS.listItems, { error: `at most ${SEGMENT_LIMITS.listItems} values` });
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "a date like 2026-01-31" })
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), { error: "no such date" });

/** When something happened: the last N days, between two dates (inclusive), or ever. */
export const periodSchema = z.discriminatedUnion(
  "kind",
  [
    z.strictObject({ kind: z.literal("lastDays"), days: z.number().int().min(1, { error: "1 to 3650 days" }).max(3650, { error: "1 to 3650 days" }) }),
    z.strictObject({ kind: z.literal("between"), from: isoDate, to: isoDate }),
    z.strictObject({ kind: z.literal("allTime") }),
  ],
  { error: 'expected {"kind":"lastDays","days":N}, {"kind":"between","from","to"} or {"kind":"allTime"}' },
);
export type SegmentPeriod = z.infer<typeof periodSchema>;

export const REGISTRATION_CHANNELS = ["pos", "web", "app", "wallet", "ticketing", "import", "admin"] as const;
const score = z.number().int().min(1, { error: "scores are 1 to 5" }).max(5, { error: "scores are 1 to 5" });
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
        .array(z.number().int().min(1, { error: "month 1–12" }).max(12, { error: "month 1–12" }))
        .min(1, { error: "pick at least one month" })
        .max(12),
    }),
    z.strictObject({ kind: z.literal("birthdayWithin"), days: z.number().int().min(0, { error: "0 to 366 days" }).max(366, { error: "0 to 366 days" }) }),
    z.strictObject({ kind: z.literal("registrationChannel"), channels: z.array(z.enum(REGISTRATION_CHANNELS)).min(1, { error: "pick at least one channel" }) }),
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
  { error: (iss) => (iss.code === "invalid_union" ? "unknown condition kind" : undefined) },
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

const nodeSchema: z.ZodType<SegmentNode> = z.lazy(() => z.union([groupSchema, conditionSchema], { error: "expected a group or a condition" }));
const groupSchema: z.ZodType<SegmentGroup> = z.strictObject({
  kind: z.literal("group"),
  op: z.enum(["and", "or"], { error: 'must be "and" or "or"' }),
  children: z.array(nodeSchema).max(SEGMENT_LIMITS.conditions, { error: `at most ${SEGMENT_LIMITS.conditions} items in a group` }),
});

/** Structural checks zod cannot express: nesting depth, total size, `between` bounds. */
function limitErrors(root: SegmentGroup): ErrorDetail[] {
  const errors: ErrorDetail[] = [];
  let conditions = 0;
  const walk = (node: SegmentNode, path: (string | number)[], depth: number) => {
    if (node.kind === "group") {
      if (depth > SEGMENT_LIMITS.depth) {
        errors.push({ path: formatPath(path), message: `groups nest at most ${SEGMENT_LIMITS.depth} levels deep` });
        return;
      }
      node.children.forEach((c, i) => walk(c, [...path, "children", i], depth + 1));
      return;
    }
    conditions += 1;
    if ("op" in node && node.op === "between") {
      const to = (node as { to?: number }).to;
      if (to === undefined) errors.push({ path: formatPath([...path, "to"]), message: "between needs an upper bound" });
      else if (to < (node as { value: number }).value) errors.push({ path: formatPath([...path, "to"]), message: "the upper bound is below the lower one" });
    }
    if ("period" in node && node.period.kind === "between" && node.period.from > node.period.to)
      errors.push({ path: formatPath([...path, "period", "to"]), message: "the end date is before the start date" });
  };
  walk(root, [], 1);
  if (conditions > SEGMENT_LIMITS.conditions) errors.push({ path: "", message: `a segment has at most ${SEGMENT_LIMITS.conditions} conditions` });
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
  if (rawDepth(json, SEGMENT_LIMITS.depth * 3 + 4) > SEGMENT_LIMITS.depth * 3 + 3) return { ok: false, errors: [{ path: "", message: `groups nest at most ${SEGMENT_LIMITS.depth} levels deep` }] };
  const parsed = groupSchema.safeParse(json);
  if (!parsed.success) {
    const errors = parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message }));
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

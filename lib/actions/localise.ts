// The one error localiser of server actions: every AppError and every zod issue becomes text in
// the requester's language (lib/i18n/messages/errors.ts), field errors stay keyed by the field's
// path, Next's redirect()/notFound() pass through, anything else is logged and reads as the
// generic text. Plain TypeScript: the client (lib/actions/client.ts) passes in t and the locale.
import { z } from "zod";
import { AppError, isDetailCode, isErrorCode, type ErrorCode } from "@/lib/errors";
import type { Locale } from "@/lib/i18n/locales";
import type { MessageKey } from "@/lib/i18n/messages/en";
import { formatDate, formatNumber, type Translate } from "@/lib/i18n/translate";
import type { ActionFailure, FieldErrors } from "./result";

export interface Texts {
  t: Translate;
  locale: Locale;
}

type Issue = z.core.$ZodIssue;
type IssueOf<C extends Issue["code"]> = Extract<Issue, { code: C }>;

/** The form's name of a field: `name`, `lines.0.price`; the whole input is `_`. */
export function fieldKey(path: readonly PropertyKey[]): string {
  return path.map(String).join(".") || "_";
}

/** A code a schema or a domain wrote as the message (`.min(1, "required")`, detail `email_taken`) → its text. */
export function codeText(t: Translate, message: string): string | null {
  if (isDetailCode(message)) return t(`errors.detail.${message}`);
  if (isErrorCode(message)) return t(`errors.code.${message}`);
  return null;
}

const num = (locale: Locale, n: number | bigint) => formatNumber(locale, Number(n));
const day = (locale: Locale, ms: number | bigint) => formatDate(locale, new Date(Number(ms)), "UTC", { dateStyle: "medium" });

type Kind = "string" | "number" | "array" | "date" | "file";
function kindOf(origin: string): Kind | null {
  if (origin === "string") return "string";
  if (origin === "number" || origin === "int" || origin === "bigint") return "number";
  if (origin === "array" || origin === "set") return "array";
  if (origin === "date") return "date";
  if (origin === "file") return "file";
  return null;
}

function bound(l: Texts, issue: IssueOf<"too_small"> | IssueOf<"too_big">): string {
  const small = issue.code === "too_small";
  const limit = small ? issue.minimum : issue.maximum;
  const kind = kindOf(issue.origin);
  const n = Number(limit);
  if (kind === "string" || kind === "array") {
    if (issue.exact) return l.t(`errors.zod.exact.${kind}`, { n });
    if (kind === "string" && small && n <= 1) return l.t("errors.detail.required");
    return small ? l.t(`errors.zod.too_small.${kind}`, { min: n }) : l.t(`errors.zod.too_big.${kind}`, { max: n });
  }
  if (kind === "number") {
    const exclusive = issue.inclusive === false ? ".exclusive" : "";
    return small
      ? l.t(`errors.zod.too_small.number${exclusive}` as MessageKey, { min: num(l.locale, limit) })
      : l.t(`errors.zod.too_big.number${exclusive}` as MessageKey, { max: num(l.locale, limit) });
  }
  if (kind === "date") return small ? l.t("errors.zod.too_small.date", { min: day(l.locale, limit) }) : l.t("errors.zod.too_big.date", { max: day(l.locale, limit) });
  if (kind === "file") return l.t(small ? "errors.zod.too_small.file" : "errors.zod.too_big.file");
  return l.t("errors.zod.invalid");
}

const TYPE_TEXT: Partial<Record<string, MessageKey>> = {
  string: "errors.zod.invalid_type.string",
  number: "errors.zod.invalid_type.number",
  nan: "errors.zod.invalid_type.number",
  bigint: "errors.zod.invalid_type.number",
  int: "errors.zod.invalid_type.int",
  boolean: "errors.zod.invalid_type.boolean",
  date: "errors.zod.invalid_type.date",
  array: "errors.zod.invalid_type.array",
  set: "errors.zod.invalid_type.array",
  tuple: "errors.zod.invalid_type.array",
};

const FORMAT_TEXT: Partial<Record<string, MessageKey>> = {
  email: "errors.zod.invalid_format.email",
  url: "errors.zod.invalid_format.url",
  date: "errors.zod.invalid_format.date",
  datetime: "errors.zod.invalid_format.datetime",
  time: "errors.zod.invalid_format.time",
  e164: "errors.zod.invalid_format.e164",
  json_string: "errors.zod.invalid_format.json_string",
  lowercase: "errors.zod.invalid_format.lowercase",
  uppercase: "errors.zod.invalid_format.uppercase",
  starts_with: "errors.zod.invalid_format.starts_with",
  ends_with: "errors.zod.invalid_format.ends_with",
  includes: "errors.zod.invalid_format.includes",
};

/**
 * One text per zod issue code (zod 4). Keyed by every code of `$ZodIssue`, so a zod upgrade that
 * adds a code is a type error here until it has a text.
 */
const ISSUE_TEXT: { [C in Issue["code"]]: (l: Texts, issue: IssueOf<C>) => string } = {
  invalid_type: (l, i) => l.t(TYPE_TEXT[i.expected] ?? "errors.zod.invalid"),
  too_small: bound,
  too_big: bound,
  invalid_format: (l, i) => {
    const extra = i as { prefix?: string; suffix?: string; includes?: string };
    return l.t(FORMAT_TEXT[i.format] ?? "errors.zod.invalid_format", { prefix: extra.prefix ?? "", suffix: extra.suffix ?? "", includes: extra.includes ?? "" });
  },
  not_multiple_of: (l, i) => l.t("errors.zod.not_multiple_of", { divisor: num(l.locale, i.divisor) }),
  unrecognized_keys: (l, i) => l.t("errors.zod.unrecognized_keys", { keys: i.keys.join(", ") }),
  // The branch that got furthest (not a mere type or literal mismatch) says what is wrong:
  // `"" | null | coerce.number().min(0)` given "-5" reads "At least 0".
  invalid_union: (l, i) => {
    const branches = i.errors.filter((b) => b.length > 0);
    const telling = branches.find((b) => b.every((x) => x.code !== "invalid_type" && x.code !== "invalid_value"));
    if (telling) return issueText(l, telling[0]);
    return l.t(branches.length && branches.every((b) => b[0].code === "invalid_value") ? "errors.zod.invalid_value" : "errors.zod.invalid");
  },
  // A bad key of a record or map, a bad value of a map: what is wrong with it.
  invalid_key: (l, i) => (i.issues[0] ? issueText(l, i.issues[0]) : l.t("errors.zod.invalid")),
  invalid_element: (l, i) => (i.issues[0] ? issueText(l, i.issues[0]) : l.t("errors.zod.invalid")),
  invalid_value: (l) => l.t("errors.zod.invalid_value"),
  custom: (l) => l.t("errors.zod.custom"),
};

/** Every zod issue code the localiser has a text for (the test walks them). */
export const ZOD_ISSUE_CODES = Object.keys(ISSUE_TEXT) as Issue["code"][];

/** One zod issue → text. A message that is a detail or error code wins (`.min(3, "required")`). */
export function issueText(l: Texts, issue: Issue): string {
  const coded = codeText(l.t, issue.message);
  if (coded) return coded;
  const text = ISSUE_TEXT[issue.code] as (l: Texts, issue: Issue) => string;
  return text(l, issue);
}

/** Issues → the first text per field. */
export function issueFieldErrors(l: Texts, issues: readonly Issue[]): FieldErrors {
  const out: FieldErrors = {};
  for (const i of issues) out[fieldKey(i.path)] ??= issueText(l, i);
  return out;
}

/** An invalid input reads as its first field's problem; any other code as the code's (or the thrower's) text. */
function failure(fieldErrors: FieldErrors, headline: string, code: ErrorCode, specific = false): ActionFailure {
  const first = Object.values(fieldErrors)[0];
  return { ok: false, error: code === "invalid_request" && first && !specific ? first : headline, fieldErrors: first ? fieldErrors : undefined, code };
}

/** A failed parse of the action's input. */
export function invalidInputFailure(l: Texts, issues: readonly Issue[]): ActionFailure {
  return failure(issueFieldErrors(l, issues), l.t("errors.code.invalid_request"), "invalid_request");
}

/** An AppError → its text (a specific `text` key, else the code's), details → field errors. */
export function appErrorFailure(l: Texts, err: AppError): ActionFailure {
  const fieldErrors: FieldErrors = err.issues?.length ? issueFieldErrors(l, err.issues) : {};
  if (!err.issues?.length) for (const d of err.details ?? []) fieldErrors[d.path] ??= d.text ? l.t(d.text.key, d.text.values) : (codeText(l.t, d.message) ?? d.message);
  const headline = err.text ? l.t(err.text.key, err.text.values) : l.t(`errors.code.${err.code}`, { seconds: err.retryAfter ?? 60 });
  return failure(fieldErrors, headline, err.code, !!err.text);
}

/** Next.js signals redirect() and notFound() by throwing an object with a `digest`: never swallow it. */
export function isNextSignal(err: unknown): boolean {
  return !!err && typeof err === "object" && "digest" in err;
}

/**
 * Whatever a server action threw → what the requester reads. Rethrows Next's signals; logs and
 * hides everything that is not an AppError or a zod error.
 */
export function localiseError(l: Texts, err: unknown, log: (msg: string, err: unknown) => void = console.error): ActionFailure {
  if (isNextSignal(err)) throw err;
  if (err instanceof AppError) return appErrorFailure(l, err);
  if (err instanceof z.ZodError) return invalidInputFailure(l, err.issues);
  log("server action failed", err);
  return { ok: false, error: l.t("errors.generic"), code: "internal_error" };
}

// One error class with a code, one map from code to HTTP status, one JSON shape (CONTRACTS.md).
// Every code is listed once in ERROR_CODES: a new code is a type error until it has an HTTP status
// here and a Russian and English text in lib/i18n/messages/errors.ts.
import type { z } from "zod";
import type { MessageKey } from "@/lib/i18n/messages/en";

export const ERROR_CODES = [
  "invalid_request",
  "invalid_json",
  "unauthorized",
  "forbidden",
  "terminal_not_approved",
  "not_found",
  "customer_not_found",
  "purchase_not_found",
  "conflict",
  "idempotency_key_reused",
  "request_in_progress",
  "duplicate_receipt",
  "invalid_state",
  "already_exists",
  "insufficient_points",
  "redemption_not_allowed",
  "redemption_code_required",
  "invalid_redemption_code",
  "redeem_limit_exceeded",
  "customer_blocked",
  "invalid_code",
  "code_expired",
  "too_many_attempts",
  "sms_country_not_allowed",
  "out_of_stock",
  "not_available",
  "return_exceeds_purchase",
  "gift_card_not_found",
  "gift_card_inactive",
  "gift_card_insufficient",
  "invalid_pin",
  "rate_limited",
  "unavailable",
  "internal_error",
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * Codes a domain function puts in `ErrorDetail.message` instead of English prose, so the action
 * client can show the field's problem in the requester's language (texts `errors.detail.*`).
 * The processing API passes them through unchanged.
 */
export const DETAIL_CODES = [
  "required",
  "already_used",
  "invalid_phone",
  "invalid_email",
  "invalid_date",
  "implausible",
  "in_future",
  "after_start",
  "out_of_range",
  "two_decimals",
  "code_chars",
  "unknown_time_zone",
  "email_taken",
  "phone_taken",
  "same_phone",
  "already_verified",
  "already_set",
  "partner_required",
  "unknown_partner",
  "own_role",
  "same_customer",
  "already_merged",
  "exact_ref",
  "not_staff",
  "unknown_tier",
  "too_short",
  "unknown_promotion",
  "not_code_promotion",
] as const;

export type DetailCode = (typeof DETAIL_CODES)[number];

/** `message` is a DetailCode (or an ErrorCode) where a person reads it; free text for the API only. */
/**
 * A problem with one field. `text`, when set, is the problem in the catalogue's words (key and
 * values), so people read it in their language; `message` stays what machines get.
 */
export type ErrorDetail = { path: string; message: DetailCode | ErrorCode | (string & {}); text?: ErrorText };

/** A text of lib/i18n that says more than the code's own text (e.g. "the file is not valid JSON"). */
export interface ErrorText {
  key: MessageKey;
  values?: Record<string, string | number>;
}

const STATUS: Record<ErrorCode, number> = {
  invalid_request: 400,
  invalid_json: 400,
  unauthorized: 401,
  forbidden: 403,
  terminal_not_approved: 403,
  not_found: 404,
  customer_not_found: 404,
  purchase_not_found: 404,
  conflict: 409,
  idempotency_key_reused: 409,
  request_in_progress: 409,
  duplicate_receipt: 409,
  invalid_state: 409,
  already_exists: 409,
  insufficient_points: 422,
  redemption_not_allowed: 422,
  redemption_code_required: 422,
  invalid_redemption_code: 422,
  redeem_limit_exceeded: 422,
  customer_blocked: 422,
  invalid_code: 422,
  code_expired: 422,
  too_many_attempts: 422,
  sms_country_not_allowed: 422,
  out_of_stock: 422,
  not_available: 422,
  return_exceeds_purchase: 422,
  gift_card_not_found: 422,
  gift_card_inactive: 422,
  gift_card_insufficient: 422,
  invalid_pin: 422,
  rate_limited: 429,
  unavailable: 503,
  internal_error: 500,
};

export interface AppErrorOptions {
  details?: ErrorDetail[];
  status?: number;
  /** Seconds, for 429 answers. */
  retryAfter?: number;
  /** The zod issues behind `details`, so a person reads them in their language (never serialised). */
  issues?: readonly z.core.$ZodIssue[];
  /** A more specific text for people than the code's own (lib/actions/localise.ts). */
  text?: ErrorText;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: ErrorDetail[];
  readonly status: number;
  /** Seconds, for 429 answers. */
  readonly retryAfter?: number;
  readonly issues?: readonly z.core.$ZodIssue[];
  readonly text?: ErrorText;

  constructor(code: ErrorCode, message: string, opts: AppErrorOptions = {}) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.details = opts.details;
    this.status = opts.status ?? STATUS[code] ?? 400;
    this.retryAfter = opts.retryAfter;
    this.issues = opts.issues;
    this.text = opts.text;
  }
}

export function isErrorCode(x: unknown): x is ErrorCode {
  return typeof x === "string" && (ERROR_CODES as readonly string[]).includes(x);
}

export function isDetailCode(x: unknown): x is DetailCode {
  return typeof x === "string" && (DETAIL_CODES as readonly string[]).includes(x);
}

export function httpStatusOf(code: ErrorCode): number {
  return STATUS[code] ?? 400;
}

export function errorBody(err: AppError, requestId?: string) {
  return {
    error: {
      code: err.code,
      message: err.message,
      ...(err.details?.length ? { details: err.details.map((d) => ({ path: d.path, message: d.message })) } : {}),
      ...(requestId ? { requestId } : {}),
    },
  };
}

/** zod issues → details with JSON paths like `lines[0].price`. */
export function zodDetails(issues: readonly { path: PropertyKey[]; message: string }[]): ErrorDetail[] {
  return issues.map((i) => ({ path: formatPath(i.path), message: i.message }));
}

/** A domain's own validation failed: details for the API, the issues for people. */
export function invalidInput(message: string, issues: readonly z.core.$ZodIssue[]): AppError {
  return new AppError("invalid_request", message, { details: zodDetails(issues), issues });
}

export function formatPath(path: PropertyKey[]): string {
  let out = "";
  for (const p of path) {
    if (typeof p === "number") out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out || "(root)";
}

// One error class with a code, one map from code to HTTP status, one JSON shape (CONTRACTS.md).
export type ErrorDetail = { path: string; message: string };

const STATUS: Record<string, number> = {
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
  business_rule: 422,
  gift_card_not_found: 422,
  gift_card_inactive: 422,
  gift_card_insufficient: 422,
  invalid_pin: 422,
  rate_limited: 429,
  unavailable: 503,
  internal_error: 500,
};

export class AppError extends Error {
  readonly code: string;
  readonly details?: ErrorDetail[];
  readonly status: number;
  /** Seconds, for 429 answers. */
  readonly retryAfter?: number;

  constructor(code: string, message: string, opts: { details?: ErrorDetail[]; status?: number; retryAfter?: number } = {}) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.details = opts.details;
    this.status = opts.status ?? STATUS[code] ?? 400;
    this.retryAfter = opts.retryAfter;
  }
}

export function httpStatusOf(code: string): number {
  return STATUS[code] ?? 400;
}

export function errorBody(err: AppError, requestId?: string) {
  return {
    error: {
      code: err.code,
      message: err.message,
      ...(err.details?.length ? { details: err.details } : {}),
      ...(requestId ? { requestId } : {}),
    },
  };
}

/** zod issues → details with JSON paths like `lines[0].price`. */
export function zodDetails(issues: { path: PropertyKey[]; message: string }[]): ErrorDetail[] {
  return issues.map((i) => ({ path: formatPath(i.path), message: i.message }));
}

export function formatPath(path: PropertyKey[]): string {
  let out = "";
  for (const p of path) {
    if (typeof p === "number") out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out || "(root)";
}

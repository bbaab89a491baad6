// Every operation of the processing API, once: path, request and response schemas, status, whether
// it is idempotent and how it runs. The route handlers are built from these (lib/pos/route.ts) and
// the OpenAPI document lists exactly these (lib/pos/openapi.ts).
import type { z } from "zod";
import type { ErrorCode } from "@/lib/errors";
import * as s from "./schemas";

/** How an operation talks to the database. */
export type Transaction =
  /** Reads on the processing API's pool, no transaction (lookup, calculate). */
  | "none"
  /** One transaction on a raw connection (everything on the hot path). */
  | "sql"
  /** One Prisma transaction on the same pool (operations that use the ORM: registration, codes). */
  | "orm";

export interface Operation<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType, T extends Transaction = Transaction> {
  method: "get" | "post";
  path: string;
  summary: string;
  description?: string;
  /** The JSON body (POST) or the query string (GET). */
  request: Req;
  /** Query parameters as documented (GET). */
  query?: { name: string; description: string; required?: boolean }[];
  pathId?: boolean;
  /** Name of the path parameter (default `id`). */
  pathParam?: string;
  response: Res;
  status: 200 | 201;
  /** The answer is stored with the Idempotency-Key and replayed for a retry. */
  idempotent: boolean;
  /** Counted against the key's rate limit (lib/pos/rate-limit.ts): 429 with Retry-After past it. */
  rateLimited?: boolean;
  transaction: T;
  /** Prices with the promotions in force: the terminal-key statement also reads their cache stamp (one round trip less). */
  promotions?: boolean;
  errors: ErrorCode[];
}

function op<Req extends z.ZodType, Res extends z.ZodType, T extends Transaction>(o: Operation<Req, Res, T>): Operation<Req, Res, T> {
  return o;
}

const GIFT_CARD_ERRORS: ErrorCode[] = ["gift_card_not_found", "gift_card_inactive", "gift_card_insufficient", "invalid_pin", "too_many_attempts"];
const RECEIPT_ERRORS: ErrorCode[] = [
  "invalid_request",
  "unauthorized",
  "customer_not_found",
  "insufficient_points",
  "redemption_not_allowed",
  "redemption_code_required",
  "invalid_redemption_code",
  "redeem_limit_exceeded",
  "customer_blocked",
  "unavailable",
  ...GIFT_CARD_ERRORS,
];
const STATE_ERRORS: ErrorCode[] = ["unauthorized", "forbidden", "purchase_not_found", "invalid_state", "unavailable"];

export const operations = {
  lookupCustomer: op({
    method: "get",
    path: "/customers/lookup",
    summary: "Look up a customer",
    description:
      "Exactly one of card, phone or qr. Name, status, balances, whether points can be spent here, cashier hints. Terminals of a partner's store see masked names. Lookups are rate-limited per key (POS_LOOKUP_LIMIT per POS_LOOKUP_WINDOW_S seconds, by default 120 a minute): past the limit, 429 rate_limited with Retry-After.",
    request: s.lookupQuery,
    query: [
      { name: "card", description: "card number" },
      { name: "phone", description: "E.164 phone" },
      { name: "qr", description: "QR token" },
    ],
    response: s.customerView,
    status: 200,
    rateLimited: true,
    idempotent: false,
    transaction: "none",
    errors: ["invalid_request", "unauthorized", "customer_not_found", "rate_limited", "unavailable"],
  }),
  registerCustomer: op({
    method: "post",
    path: "/customers",
    summary: "Register a customer at the till",
    description: "Creates the customer with a virtual card and sends an SMS code to confirm the phone.",
    request: s.registerRequest,
    response: s.registration,
    status: 201,
    idempotent: true,
    transaction: "orm",
    errors: ["invalid_request", "unauthorized", "already_exists", "rate_limited", "sms_country_not_allowed", "unavailable"],
  }),
  confirmPhone: op({
    method: "post",
    path: "/customers/{id}/confirm",
    summary: "Confirm the phone with the SMS code",
    request: s.confirmPhoneRequest,
    pathId: true,
    response: s.phoneConfirmation,
    status: 200,
    idempotent: true,
    transaction: "orm",
    errors: ["invalid_request", "unauthorized", "customer_not_found", "invalid_code", "code_expired", "too_many_attempts", "unavailable"],
  }),
  calculatePurchase: op({
    method: "post",
    path: "/purchases/calculate",
    summary: "Price a basket (writes nothing)",
    request: s.basket,
    response: s.pricedBasket,
    status: 200,
    idempotent: false,
    transaction: "none",
    promotions: true,
    errors: RECEIPT_ERRORS.filter((e) => e !== "redemption_code_required" && e !== "invalid_redemption_code"),
  }),
  confirmPurchase: op({
    method: "post",
    path: "/purchases",
    summary: "Confirm a receipt",
    description:
      'Commits in one step, or with `"hold": {"ttlSeconds": N}` reserves the points and waits for commit or void (voided automatically after the TTL). `"offline": true` with the original `receipt.at` for receipts the till could not send in time.',
    request: s.confirmRequest,
    response: s.pricedBasket,
    status: 201,
    idempotent: true,
    transaction: "sql",
    promotions: true,
    errors: [...RECEIPT_ERRORS, "duplicate_receipt"],
  }),
  commitPurchase: op({
    method: "post",
    path: "/purchases/{id}/commit",
    summary: "Commit a held receipt",
    request: s.emptyRequest,
    pathId: true,
    response: s.pricedBasket,
    status: 200,
    idempotent: true,
    transaction: "sql",
    errors: STATE_ERRORS,
  }),
  voidPurchase: op({
    method: "post",
    path: "/purchases/{id}/void",
    summary: "Void a held receipt (the reserved points return)",
    request: s.emptyRequest,
    pathId: true,
    response: s.pricedBasket,
    status: 200,
    idempotent: true,
    transaction: "sql",
    errors: STATE_ERRORS,
  }),
  cancelPurchase: op({
    method: "post",
    path: "/purchases/{id}/cancel",
    summary: "Reverse a whole committed receipt",
    request: s.emptyRequest,
    pathId: true,
    response: s.pricedBasket,
    status: 200,
    idempotent: true,
    transaction: "sql",
    errors: STATE_ERRORS,
  }),
  returnPurchase: op({
    method: "post",
    path: "/purchases/{id}/returns",
    summary: "Return lines of a committed receipt (partial or full)",
    request: s.returnRequest,
    pathId: true,
    response: s.returnResult,
    status: 201,
    idempotent: true,
    transaction: "sql",
    errors: ["invalid_request", ...STATE_ERRORS, "return_exceeds_purchase", "conflict"],
  }),
  authorizeRedemption: op({
    method: "post",
    path: "/redemptions/authorize",
    summary: "Send the one-time code for spending points",
    request: s.authorizeRedemptionRequest,
    response: s.redemptionAuthorization,
    status: 200,
    idempotent: true,
    transaction: "orm",
    errors: ["invalid_request", "unauthorized", "customer_not_found", "insufficient_points", "customer_blocked", "redemption_not_allowed", "rate_limited", "sms_country_not_allowed", "unavailable"],
  }),
  recordVisit: op({
    method: "post",
    path: "/visits",
    summary: "Record an attendance / validate a ticket",
    description: "Counts once per event and customer; with purchaseId + lineNo activates that ticket line's pending points.",
    request: s.visitRequest,
    response: s.visitResult,
    status: 200,
    idempotent: true,
    transaction: "sql",
    errors: ["invalid_request", "unauthorized", "customer_not_found", "purchase_not_found", "invalid_state", "unavailable"],
  }),
  sellGiftCard: op({
    method: "post",
    path: "/gift-cards",
    summary: "Sell and activate a gift certificate",
    description:
      "Without `number`: a new certificate with a new number and PIN (`pin` is shown in this answer only). With `number`: activates a pre-printed certificate of a console batch at its printed face value; its PIN is printed on it, so `pin` is null. Selling earns no points.",
    request: s.giftCardSaleRequest,
    response: s.giftCardSale,
    status: 201,
    idempotent: true,
    transaction: "sql",
    errors: ["invalid_request", "unauthorized", "gift_card_not_found", "gift_card_inactive", "invalid_state", "unavailable"],
  }),
  checkGiftCard: op({
    method: "get",
    path: "/gift-cards/{number}",
    summary: "A gift certificate's balance and status",
    description: "Needs the certificate's PIN. Wrong PINs are counted; after 5 the certificate refuses every PIN (too_many_attempts) until staff unblock it in the console.",
    request: s.giftCardQuery,
    query: [{ name: "pin", description: "the certificate's PIN", required: true }],
    pathId: true,
    pathParam: "number",
    response: s.giftCardView,
    status: 200,
    idempotent: false,
    transaction: "none",
    errors: ["invalid_request", "unauthorized", "gift_card_not_found", "gift_card_inactive", "invalid_pin", "too_many_attempts", "unavailable"],
  }),
} as const;

export const OPERATIONS: Operation[] = Object.values(operations);

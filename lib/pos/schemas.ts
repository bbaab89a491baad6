// The processing API's request and response shapes (CONTRACTS.md, "POS / processing API v1").
// Route handlers validate requests with these schemas, answers are typed by the response schemas
// (z.infer) and built from them in one place (lib/pos/answers.ts), and /api/pos/v1/openapi.json is
// generated from the very same objects: the validation, the answers and the document cannot disagree.
import { z } from "zod";
import { MAX_AMOUNT } from "@/lib/rules/money";

/** Named request schemas (OpenAPI components, input mode: defaults make fields optional). */
export const posRequests = z.registry<{ id: string; description?: string }>();
/** Named response schemas (OpenAPI components, output mode: every field the answer carries). */
export const posResponses = z.registry<{ id: string; description?: string }>();

/** Longest basket the API accepts; a till never sends more, and bigger bodies are refused early. */
export const MAX_LINES = 500;
export const MAX_POINTS = 1_000_000_000;
/** Face value of one certificate, minor units (₽1,000,000). */
export const MAX_GIFT_CARD_AMOUNT = 100_000_000;

const text = (max: number) => z.string().trim().min(1).max(max);
const code = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[\p{L}\p{N}][\p{L}\p{N}._:/#-]*$/u, { error: "letters, digits and . _ : / # - only" });
const phone = z
  .string()
  .trim()
  .regex(/^\+[1-9]\d{7,14}$/, { error: "an E.164 phone number such as +79161234567" });
const isoDateTime = z.iso.datetime({ offset: true, error: "an ISO 8601 date-time with an offset, e.g. 2026-11-22T12:00:00+03:00" });
const points = z.number().int({ error: "a whole number of points" }).min(0).max(MAX_POINTS);
const money = z.number().int({ error: "an integer amount in minor units" }).min(0).max(MAX_AMOUNT);

export const customerRef = z
  .union(
    [
      z.strictObject({
        card: z
          .string()
          .trim()
          .regex(/^\d{6,20}$/, { error: "card digits" }),
      }),
      z.strictObject({ phone }),
      z.strictObject({
        qr: z
          .string()
          .trim()
          .min(8)
          .max(128)
          .regex(/^[A-Za-z0-9_-]+$/),
      }),
      z.strictObject({
        id: z
          .string()
          .trim()
          .min(1)
          .max(64)
          .regex(/^[a-z]{3}_[0-9a-z]+$/),
      }),
    ],
    { error: 'one of {"card"}, {"phone"}, {"qr"} or {"id"}' },
  )
  .register(posRequests, { id: "CustomerRef", description: "Identifies a customer: card number, phone (E.164), QR token or id." });
export type CustomerRef = z.infer<typeof customerRef>;

export const basketLine = z
  .strictObject({
    lineNo: z.number().int().min(1).max(100_000),
    sku: code,
    category: code,
    name: z.string().max(200).optional(),
    quantity: z
      .number()
      .positive()
      .max(1_000_000)
      .refine((q) => Math.abs(q * 1000 - Math.round(q * 1000)) < 1e-6, { error: "at most 3 decimals" }),
    price: money,
    discount: money.optional(),
  })
  .register(posRequests, { id: "BasketLine" });

/** Gift certificates one receipt may carry. */
export const MAX_GIFT_CARDS = 10;
const giftCardNumber = z
  .string()
  .trim()
  .regex(/^[0-9A-Za-z-]{4,32}$/, { error: "the certificate number (4-32 letters, digits or -)" });
const giftCardPin = z
  .string()
  .trim()
  .regex(/^\d{4,12}$/, { error: "the certificate's PIN (digits)" });

export const giftCardTender = z
  .strictObject({ number: giftCardNumber, pin: giftCardPin, amount: money.min(1) })
  .register(posRequests, { id: "GiftCardTender", description: "A gift certificate paying `amount` (minor units) of the receipt." });

export const basket = z
  .strictObject({
    customer: customerRef.optional(),
    receipt: z.strictObject({ number: text(64), at: isoDateTime.optional() }),
    lines: z
      .array(basketLine)
      .min(1, { error: "a receipt has at least one line" })
      .max(MAX_LINES, { error: `at most ${MAX_LINES} lines` })
      .refine((ls) => new Set(ls.map((l) => l.lineNo)).size === ls.length, { error: "lineNo values must be unique" }),
    redeemPoints: points.default(0),
    promoCodes: z
      .array(
        z
          .string()
          .trim()
          .regex(/^[A-Za-z0-9_-]{1,64}$/, { error: "letters, digits, _ and - (1-64)" }),
      )
      .max(20)
      .default([]),
    giftCards: z
      .array(giftCardTender)
      .max(MAX_GIFT_CARDS, { error: `at most ${MAX_GIFT_CARDS} certificates` })
      .refine((gs) => new Set(gs.map((g) => g.number)).size === gs.length, { error: "a certificate appears once" })
      .optional()
      .meta({ description: "Gift certificates paying the receipt like money, after discounts and points (at most the payable amount in total)." }),
  })
  .register(posRequests, { id: "Basket" });
export type BasketRequest = z.infer<typeof basket>;

export const confirmRequest = basket
  .extend({
    redemptionCode: z
      .string()
      .trim()
      .regex(/^\d{6}$/, { error: "the 6-digit code from the SMS" })
      .optional(),
    hold: z.strictObject({ ttlSeconds: z.number().int().min(30).max(86_400) }).optional(),
    offline: z.boolean().default(false),
  })
  .register(posRequests, { id: "ConfirmRequest" });
export type ConfirmRequest = z.infer<typeof confirmRequest>;

export const returnRequest = z
  .strictObject({
    returnNumber: text(64),
    at: isoDateTime.optional(),
    reason: z
      .string()
      .trim()
      .regex(/^[a-z0-9_-]{1,32}$/, { error: "a reason code: 1–32 of a-z, 0-9, _ and -" })
      .optional()
      .meta({ description: 'Why the goods came back: "defect", "wrong_size", "changed_mind", "not_as_described", "expired", "other", or the till\'s own code. Partners see returns by reason.' }),
    lines: z
      .array(z.strictObject({ lineNo: z.number().int().min(1).max(100_000), quantity: z.number().positive().max(1_000_000) }))
      .min(1)
      .max(MAX_LINES),
  })
  .register(posRequests, { id: "ReturnRequest" });

export const giftCardSaleRequest = z
  .strictObject({
    amount: money.min(100, { error: "at least 100 minor units" }).max(MAX_GIFT_CARD_AMOUNT, { error: `at most ${MAX_GIFT_CARD_AMOUNT} minor units` }),
    number: giftCardNumber.optional().meta({ description: "A pre-printed certificate of a console batch; `amount` must be its printed face value." }),
  })
  .register(posRequests, { id: "GiftCardSaleRequest" });

export const giftCardQuery = z.object({ pin: giftCardPin });

export const emptyRequest = z.strictObject({}).register(posRequests, { id: "Empty" });

export const registerRequest = z
  .strictObject({
    phone,
    firstName: text(100).optional(),
    lastName: text(100).optional(),
    email: z.email().max(254).optional(),
    birthDate: z.iso.date({ error: "a date such as 1990-05-17" }).optional(),
    consents: z.strictObject({ sms: z.boolean().optional(), email: z.boolean().optional() }).optional(),
  })
  .register(posRequests, { id: "RegisterRequest" });

export const confirmPhoneRequest = z
  .strictObject({
    code: z
      .string()
      .trim()
      .regex(/^\d{6}$/, { error: "6 digits" }),
  })
  .register(posRequests, { id: "ConfirmPhoneRequest" });

export const authorizeRedemptionRequest = z.strictObject({ customer: customerRef, points: points.min(1) }).register(posRequests, { id: "AuthorizeRedemptionRequest" });

export const visitRequest = z
  .strictObject({
    customer: customerRef,
    eventCode: code,
    at: isoDateTime.optional(),
    purchaseId: z.string().min(1).max(64).optional(),
    lineNo: z.number().int().min(1).max(100_000).optional(),
  })
  .refine((v) => (v.purchaseId === undefined) === (v.lineNo === undefined), { error: "purchaseId and lineNo go together", path: ["lineNo"] })
  .register(posRequests, { id: "VisitRequest" });

export const lookupQuery = z
  .object({
    card: z
      .string()
      .trim()
      .regex(/^\d{6,20}$/)
      .optional(),
    phone: phone.optional(),
    qr: z
      .string()
      .trim()
      .min(8)
      .max(128)
      .regex(/^[A-Za-z0-9_-]+$/)
      .optional(),
  })
  .refine((q) => [q.card, q.phone, q.qr].filter((v) => v !== undefined).length === 1, { error: "exactly one of card, phone or qr" });

// ---- responses (documented in OpenAPI) ----

const int = z.number().int();
const isoTime = z.iso.datetime({ offset: true });

export const balances = z.object({ main: int, promo: int }).register(posResponses, { id: "Balances" });

export const customerState = z
  .object({ id: z.string(), tier: z.string(), balances })
  .register(posResponses, { id: "CustomerState", description: "The customer's status code and balances after the operation." });

export const pricedLine = z
  .object({
    lineNo: int,
    amount: int,
    discount: int,
    pointsRedeemed: int,
    promoPointsRedeemed: int.meta({ description: "The part of pointsRedeemed paid from the promo account (this line is one its promotion's items select)." }),
    pointsEarned: int,
    payable: int,
    pointsPending: z.literal(true).optional(),
  })
  .register(posResponses, { id: "PricedLine" });

export const totals = z
  .object({
    amount: int,
    discount: int,
    pointsRedeemed: int,
    promoPointsRedeemed: int.meta({
      description:
        "The part of pointsRedeemed paid from the promo account: promo points pay first, only on the lines their promotion's basket.items select; main points pay the rest, both under one maxRedeemShare cap.",
    }),
    pointsEarned: int,
    payable: int.meta({ description: "What is left to pay after discounts and points (gift certificates pay part of it: giftCardsPaid)." }),
    giftCardsPaid: int.meta({ description: "Paid by gift certificates; payable − giftCardsPaid is left to pay by other means." }),
  })
  .register(posResponses, { id: "Totals" });

export const returnTotals = z
  .object({
    amount: int,
    discount: int,
    payable: int,
    pointsRefunded: int,
    promoPointsRefunded: int.meta({ description: "The part of pointsRefunded given back to the promo account (to the promotion whose points paid)." }),
    pointsReclaimed: int,
    promoPointsReclaimed: int.meta({ description: "Promo-account points a promoAccount promotion gave that the returned units take back (from the balance, or as debt)." }),
  })
  .register(posResponses, { id: "ReturnTotals" });

export const appliedPromotion = z
  .object({
    code: z.string(),
    name: z.string(),
    version: int,
    discount: int,
    points: int,
    lines: z.array(z.object({ lineNo: int, discount: int })),
  })
  .register(posResponses, { id: "AppliedPromotion" });

export const promoCodeResult = z
  .object({
    code: z.string(),
    status: z.enum(["applied", "not_applicable", "unknown", "expired", "not_yet_valid", "used_up"]),
    message: z.string(),
  })
  .register(posResponses, { id: "PromoCodeResult" });

export const giftCardPayment = z
  .object({ number: z.string(), amount: int.meta({ description: "Paid on this receipt (refunded, in a return)." }), balance: int.meta({ description: "Left on the certificate." }) })
  .register(posResponses, { id: "GiftCardPayment" });

export const pricedBasket = z
  .object({
    purchaseId: z.string().optional(),
    status: z.enum(["held", "committed", "voided", "cancelled"]).optional(),
    holdExpiresAt: isoTime.optional(),
    customer: customerState.nullable(),
    lines: z.array(pricedLine),
    totals,
    maxRedeemablePoints: int.meta({ description: "Points that may still be spent on this receipt (0 once it is committed, voided or cancelled)." }),
    requiresRedemptionCode: z.boolean(),
    appliedPromotions: z.array(appliedPromotion),
    promoCodes: z.array(promoCodeResult),
    receiptMessages: z.array(z.string()),
    cashierHints: z.array(z.string()),
    reversed: returnTotals.optional().meta({ description: "Cancel: what the reversal gave back and took back." }),
    giftCards: z.array(giftCardPayment).meta({ description: "The certificates paying this receipt (void and cancel credit them back)." }),
  })
  .register(posResponses, { id: "PricedBasket" });

export const offer = z
  .object({
    code: z.string().meta({ description: "The promotion's code." }),
    name: z.string(),
    description: z.string().nullable(),
    summary: z.string().meta({ description: 'What it gives, in the program\'s language ("20% off", "buy 2, get 1 free").' }),
    promoCode: z.string().nullable().meta({ description: "The member's own code that unlocks it (send it in promoCodes), when it needs one." }),
    validUntil: isoTime.nullable(),
  })
  .register(posResponses, { id: "Offer" });

export const promoBalance = z
  .object({
    promotion: z.string().nullable().meta({ description: "The promotion's code whose points these are; null: promo points of no promotion (imported, adjusted), spendable on any line." }),
    version: int.nullable().meta({ description: "The promotion's version the points were issued under: its items are what they pay for." }),
    name: z.string().nullable().meta({ description: "The promotion's name in the program's language." }),
    points: int,
    expiresAt: isoTime.nullable().meta({ description: "When the soonest of these points expire (null: never)." }),
    items: z
      .object({ categories: z.array(z.string()), skus: z.array(z.string()), excludeSkus: z.array(z.string()) })
      .nullable()
      .meta({ description: "The lines these points can pay for (the promotion's basket.items); null: any line." }),
    partner: z.string().nullable().meta({ description: "A coalition partner's promotion: its points pay only in that partner's stores (null: any store)." }),
    spendableHere: z.boolean().meta({ description: "Whether this store's till takes these points (on the items above)." }),
  })
  .register(posResponses, { id: "PromoBalance" });

export const customerView = z
  .object({
    id: z.string(),
    firstName: z.string().nullable(),
    lastName: z.string().nullable(),
    tier: z.object({ code: z.string(), name: z.string() }),
    balances,
    promoBalances: z.array(promoBalance).meta({ description: "The promo balance per promotion (and version), soonest-expiring first: what each can pay for; `balances.promo` is their sum." }),
    pending: int,
    canRedeem: z.boolean(),
    phoneConfirmed: z.boolean(),
    card: z.string().nullable(),
    cashierHints: z.array(z.string()),
    offers: z.array(offer).meta({ description: "Personal offers: the promotions this customer can use now at this store." }),
  })
  .register(posResponses, { id: "Customer" });

export const registration = z.object({ id: z.string(), card: z.string(), phoneConfirmed: z.boolean(), codeSent: z.boolean(), codeExpiresAt: isoTime }).register(posResponses, { id: "Registration" });

export const phoneConfirmation = z.object({ id: z.string(), phoneConfirmed: z.literal(true) }).register(posResponses, { id: "PhoneConfirmation" });

export const returnResult = z
  .object({
    returnId: z.string(),
    purchaseId: z.string(),
    returnNumber: z.string(),
    lines: z.array(z.object({ lineNo: int, quantity: z.number(), amount: int, discount: int, payable: int, pointsRefunded: int, promoPointsRefunded: int, pointsReclaimed: int })),
    totals: returnTotals,
    customer: customerState.nullable(),
    giftCards: z.array(giftCardPayment).meta({ description: "Money of the returned lines credited back to the receipt's certificates first (the rest is refunded by other means)." }),
  })
  .register(posResponses, { id: "ReturnResult" });

export const giftCardSale = z
  .object({
    number: z.string(),
    pin: z.string().nullable().meta({ description: "The new certificate's PIN, shown this once; null when a printed certificate was activated (its PIN is printed on it)." }),
    balance: int,
    expiresAt: isoTime,
  })
  .register(posResponses, { id: "GiftCardSale" });

export const giftCardView = z.object({ number: z.string(), balance: int, status: z.enum(["active", "used", "expired", "blocked"]), expiresAt: isoTime }).register(posResponses, { id: "GiftCard" });

export const redemptionAuthorization = z.object({ sent: z.boolean(), phone: z.string(), points: int, expiresAt: isoTime }).register(posResponses, { id: "RedemptionAuthorization" });

export const visitResult = z.object({ visitId: z.string(), counted: z.boolean(), activatedPoints: int, customer: customerState }).register(posResponses, { id: "VisitResult" });

export const errorResponse = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
      requestId: z.string().optional(),
    }),
  })
  .register(posResponses, { id: "Error" });

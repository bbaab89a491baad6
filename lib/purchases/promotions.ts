// The promotions step of a receipt (CONTRACTS.md, "Promotions"): the one place the promotions
// engine plugs into the till's operations. It loads the promotions in force and the customer's
// audience facts, answers every promo code, prices (the engine runs inside priceBasket), holds
// the limits in the receipt's transaction (pricing again without a promotion whose limit ran
// out), and after a commit credits promo-account points and issues codes.
import { AppError } from "@/lib/errors";
import { accrue, type AccrueInput, type LockedAccount } from "@/lib/ledger";
import type { Locale } from "@/lib/i18n/locales";
import { translator, type Translate } from "@/lib/i18n/translate";
import { customerSegments, promotionCustomer } from "@/lib/promotions/audience";
import { claimCodeAttempts, findCodes, issueCode, refundCodeAttempts, type FoundCode } from "@/lib/promotions/codes";
import { promoText } from "@/lib/promotions/definition";
import type { ActivePromotion, AppliedPromotionResult, PromotionContext, RejectReason } from "@/lib/promotions/engine";
import { purchasePromotions, remainingFor, reservePromotions, type LimitRow, type StoredPromotionUse } from "@/lib/promotions/reserve";
import { promotionsInForce } from "@/lib/promotions/store";
import type { PricedBasket } from "@/lib/rules/price-basket";
import type { PosContext } from "./context";
import type { PosCustomer } from "./customer";

export interface AppliedPromotion {
  code: string;
  name: string;
  version: number;
  /** Minor units the promotion took off the receipt. */
  discount: number;
  /** Bonus points (and promo-account points) it gave. */
  points: number;
  lines: { lineNo: number; discount: number }[];
}

export type PromoCodeStatus = "applied" | "not_applicable" | "unknown" | "expired" | "not_yet_valid" | "used_up";

export interface PromoCodeResult {
  code: string;
  status: PromoCodeStatus;
  message: string;
}

export interface PromotionResult {
  applied: AppliedPromotion[];
  codes: PromoCodeResult[];
}

export const NO_PROMOTIONS: PromotionResult = Object.freeze({ applied: [], codes: [] }) as PromotionResult;

/** What pricing needs to apply promotions to one receipt. */
export interface PromotionSetup {
  list: readonly ActivePromotion[];
  context: PromotionContext;
  found: FoundCode[];
  /** Too many wrong codes this hour: every code is refused unread. */
  throttled: boolean;
  /** Promotion code → id of the promo code that unlocks it. */
  codeIds: Map<string, string>;
}

/** Loads what the engine needs; null when the program has no promotions and the till sent no code. */
export async function preparePromotions(
  ctx: PosContext,
  input: { customer: PosCustomer | null; tierCode: string | null; promoCodes: string[]; at: Date; list?: readonly ActivePromotion[]; limitRows?: readonly LimitRow[] },
): Promise<PromotionSetup | null> {
  const { till } = ctx;
  const list = input.list ?? (await promotionsInForce(ctx.sql, till.programId, ctx.promotionsStamp));
  if (!list.length && !input.promoCodes.length) return null;
  const customer = input.customer && input.tierCode ? input.customer : null;
  const presented = [...new Set(input.promoCodes.map((c) => c.trim().toUpperCase()))];
  let found: FoundCode[] = [];
  let throttled = false;
  if (presented.length) {
    // Attempts are claimed before the lookup, outside the receipt's transaction.
    const key = customer ? customer.id : `till:${till.terminalId}`;
    throttled = !(await claimCodeAttempts(ctx.db, key, presented.length, ctx.now));
    if (throttled) found = presented.map((code) => ({ code, usable: null, status: "not_applicable" }));
    else {
      found = await findCodes(ctx.sql, { programId: till.programId, codes: presented, customerId: customer?.id ?? null, at: input.at, promotions: new Map(list.map((p) => [p.def.code, p.def])) });
      await refundCodeAttempts(ctx.db, key, found.filter((f) => f.status !== "unknown").length, ctx.now);
    }
  }
  const codes = new Map<string, string>();
  const codeIds = new Map<string, string>();
  for (const f of found) {
    if (!f.usable || codes.has(f.usable.promotionCode)) continue;
    codes.set(f.usable.promotionCode, f.code);
    codeIds.set(f.usable.promotionCode, f.usable.id);
  }
  const segments = customer ? await customerSegments(ctx.db, till.programId, customer.id, list, input.at) : new Set<string>();
  const remaining = await remainingFor(ctx.sql, list, customer, input.at, till.store.timezone, input.limitRows);
  return {
    list,
    found,
    throttled,
    codeIds,
    context: {
      at: input.at,
      timeZone: till.store.timezone,
      customer: customer ? promotionCustomer(customer, input.tierCode!, segments) : null,
      codes,
      remaining,
      // The answer words only the presented codes' reasons (promotionResult): the other ~185 refusals are not listed.
      reasons: "codes",
    },
  };
}

export function promotionsInput(setup: PromotionSetup | null, refused?: ReadonlyMap<string, RejectReason>) {
  if (!setup || !setup.list.length) return undefined;
  return { list: setup.list, context: refused?.size ? { ...setup.context, refused } : setup.context };
}

export function reasonText(t: Translate, reason: RejectReason): string {
  return t(`promo.reason.${reason}`);
}

/** The POS answer's promotions: what applied, and every presented code's status with its message. */
export function promotionResult(priced: PricedBasket, setup: PromotionSetup | null, locale: Locale): PromotionResult {
  if (!setup) return NO_PROMOTIONS;
  const t = translator(locale);
  const applied = priced.promotions.applied.map((a) => ({
    code: a.code,
    name: promoText(a.def.name, locale),
    version: a.version,
    discount: a.discount,
    points: a.points,
    lines: a.lines.filter((l) => l.discount > 0).map((l) => ({ lineNo: l.lineNo, discount: l.discount })),
  }));
  // The reasons are looked up only for a presented code that did not apply (most receipts present none).
  let rejected: Map<string, RejectReason> | null = null;
  const reasonOf = (code: string) => (rejected ??= new Map(priced.promotions.rejected.map((r) => [r.code, r.reason]))).get(code);
  const codes = setup.found.map((f): PromoCodeResult => {
    if (setup.throttled) return { code: f.code, status: "not_applicable", message: t("pos.promo.throttled") };
    if (f.usable) {
      const a = applied.find((x) => x.code === f.usable!.promotionCode);
      if (a && setup.context.codes.get(a.code) === f.code) return { code: f.code, status: "applied", message: t("pos.promo.applied", { code: f.code, name: a.name }) };
      const reason = reasonOf(f.usable.promotionCode) ?? "nothing_to_give";
      return { code: f.code, status: "not_applicable", message: t("pos.promo.notApplicable", { code: f.code, reason: reasonText(t, reason) }) };
    }
    const status = f.status ?? "unknown";
    const key = ({ unknown: "pos.promo.unknown", expired: "pos.promo.expired", not_yet_valid: "pos.promo.notYetValid", used_up: "pos.promo.usedUp" } as const)[status as "unknown"];
    return { code: f.code, status, message: t(key ?? "pos.promo.unknown", { code: f.code }) };
  });
  return { applied, codes };
}

/**
 * Prices the receipt and holds its promotions' limits in the receipt's transaction. A limit that
 * ran out since pricing refuses that promotion; the receipt is priced again without it.
 */
export async function priceAndReserve(
  ctx: PosContext,
  setup: PromotionSetup | null,
  price: (promotions: ReturnType<typeof promotionsInput>) => PricedBasket,
  reserve: { purchaseId: string; customerId: string | null; at: Date; status: "held" | "committed" },
  refusedBefore?: ReadonlyMap<string, RejectReason>,
): Promise<PricedBasket> {
  const refused = new Map<string, RejectReason>(refusedBefore);
  for (let attempt = 0; ; attempt++) {
    const priced = price(promotionsInput(setup, refused));
    if (!setup || !priced.promotions.applied.length) return priced;
    const r = await reservePromotions(ctx.sql, { ...reserve, programId: ctx.till.programId, timeZone: ctx.till.store.timezone, applied: priced.promotions.applied, codeIds: setup.codeIds });
    if (!r) return priced;
    for (const [code, reason] of r) refused.set(code, reason);
    // Each round refuses at least one more promotion, so this ends; the guard is for safety.
    if (attempt > setup.list.length) throw new AppError("internal_error", "Promotions could not be reserved");
  }
}

/** What finishing a committed use needs: promo-account points (with their expiry) and an issued code. */
export type FinishedUse = Pick<StoredPromotionUse, "promotionId" | "versionId" | "promoAccountPoints" | "expiresInDays" | "issue">;

/** A receipt's uses as the engine applied them (confirm knows them; no read back). */
export function appliedUses(applied: readonly AppliedPromotionResult[]): FinishedUse[] {
  return applied.map((a) => ({
    promotionId: a.id,
    versionId: a.versionId,
    promoAccountPoints: a.promoAccountPoints,
    expiresInDays: a.def.effect.type === "promoAccount" ? (a.def.effect.expiresInDays ?? null) : null,
    issue: a.issue,
  }));
}

/** The promo-account accrual of a committed use (null: it gives none). */
export function promoAccrual(u: FinishedUse, r: { purchaseId: string; at: Date }): AccrueInput | null {
  if (u.promoAccountPoints <= 0) return null;
  return {
    amount: u.promoAccountPoints,
    at: r.at,
    activation: { kind: "immediate" },
    expiresAt: u.expiresInDays ? new Date(r.at.getTime() + u.expiresInDays * 86_400_000) : null,
    reason: "promotion",
    purchaseId: r.purchaseId,
    promotionId: u.promotionId,
    // The points pay for the items of the version this receipt used, whatever versions come later.
    lotPromotionVersionId: u.versionId,
  };
}

/**
 * After a receipt commits (one step, or a hold's commit): promo-account points and issued codes.
 * Returns the receipt messages of the issued codes. Without `uses`, the receipt's committed uses
 * are read back (a hold's commit). Without `promo`, no promo-account points (the caller wrote them:
 * a committed receipt's one write).
 */
export async function finishPromotions(
  ctx: PosContext,
  input: { purchaseId: string; customerId: string | null; promo: LockedAccount | null; at: Date; locale: Locale; uses?: readonly FinishedUse[] },
): Promise<string[]> {
  if (!input.customerId) return [];
  const uses = input.uses ?? (await purchasePromotions(ctx.sql, input.purchaseId)).filter((u) => u.status === "committed");
  const t = translator(input.locale);
  const messages: string[] = [];
  for (const u of uses) {
    const points = promoAccrual(u, input);
    if (points && input.promo) await accrue(ctx.sql, input.promo, points);
    if (u.issue) {
      const issued = await issueCode(ctx.sql, {
        programId: ctx.till.programId,
        promotionCode: u.issue.promotion,
        customerId: input.customerId,
        purchaseId: input.purchaseId,
        at: input.at,
        validDays: u.issue.validDays,
      });
      if (issued) {
        const target = (await promotionsInForce(ctx.sql, ctx.till.programId, ctx.promotionsStamp)).find((p) => p.def.code === u.issue!.promotion);
        messages.push(t("pos.promo.issued", { code: issued.code, name: target ? promoText(target.def.name, input.locale) : u.issue.promotion, date: issued.expiresAt.toISOString().slice(0, 10) }));
      }
    }
  }
  return messages;
}

/** A stored receipt's promotions as the till sees them (commit, void, cancel answers). */
export async function storedPromotions(ctx: PosContext, purchaseId: string, locale: Locale): Promise<PromotionResult> {
  const uses = await purchasePromotions(ctx.sql, purchaseId);
  if (!uses.length) return NO_PROMOTIONS;
  return {
    applied: uses.map((u) => ({
      code: u.code,
      name: promoText(u.name, locale),
      version: u.version,
      discount: u.discount,
      points: u.points,
      lines: u.lines.filter((l) => l.discount > 0).map((l) => ({ lineNo: l.lineNo, discount: l.discount })),
    })),
    codes: [],
  };
}

// The editor's live preview: a sample basket priced by the real engine (priceBasket) with the
// promotion being edited in place of its stored version, next to every other promotion in force.
// Limits and budgets count as they stand (uses and budgets left of every stored promotion, the
// draft under its stored counters), nothing is reserved or written; the sample member has not used
// any promotion yet. The draft counts as running so its effect shows while it is a draft or paused.
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { definitionInForce } from "@/lib/program/in-force";
import { zonedParts } from "@/lib/time";
import { priceBasket, type PricedBasket } from "@/lib/rules/price-basket";
import { parsePromotion, type PromotionDefinition } from "./definition";
import type { ActivePromotion, PromotionCustomer, RejectReason } from "./engine";
import { inHoldout } from "./holdout";
import { remainingFor } from "./reserve";
import { currentDefinitions } from "./store";

export interface PreviewLine {
  sku: string;
  category: string;
  /** Unit price, minor units. */
  price: number;
  quantity: number;
}

export interface PreviewBasket {
  lines: PreviewLine[];
  /** Null: an anonymous receipt. */
  tierCode: string | null;
  segments: string[];
  newMember: boolean;
  birthday: boolean;
  code: string;
  storeCode: string | null;
  at: Date;
  /** Weekdays and hours off: "what would apply on a matching day". */
  ignoreCalendar: boolean;
}

export interface PreviewAnswer {
  lines: { lineNo: number; sku: string; category: string; amount: number; discount: number; payable: number; pointsEarned: number; promotions: { code: string; discount: number; points: number }[] }[];
  totals: PricedBasket["totals"];
  applied: { code: string; def: PromotionDefinition; draft: boolean; discount: number; points: number; promoAccountPoints: number; issues: string | null }[];
  rejected: { code: string; def: PromotionDefinition; draft: boolean; reason: RejectReason }[];
  /** The promotion the entered code belongs to (null: no code, or not found). */
  codeFor: string | null;
  /** What is left of the draft's limits now (null fields: no such limit); null without limits. */
  draftLeft: { uses: number | null; money: number | null; points: number | null } | null;
  store: string;
}

export const PREVIEW_LIMITS = { lines: 30, quantity: 1000, price: 100_000_000 } as const;

/** A member id outside every holdout of the list (the preview shows what a member gets; the holdout is the statistics' business). */
function sampleCustomerId(list: readonly ActivePromotion[]): string {
  for (let i = 0; i < 1000; i++) {
    const id = `preview-${i}`;
    if (!list.some((p) => p.def.audience?.holdoutPercent && inHoldout(p.def.code, id, p.def.audience.holdoutPercent))) return id;
  }
  return "preview";
}

export async function previewPromotion(db: Db, programId: string, draftJson: unknown, basket: PreviewBasket): Promise<PreviewAnswer> {
  const parsed = parsePromotion(draftJson);
  if (!parsed.ok) throw new AppError("invalid_request", "The promotion has errors", { details: parsed.errors });
  const draft: PromotionDefinition = { ...parsed.value, status: "active" };
  if (!basket.lines.length) throw new AppError("invalid_request", "Add a line to the basket", { details: [{ path: "lines", message: "add at least one line" }] });
  const [program, stored, stores] = await Promise.all([
    definitionInForce(db, programId, basket.at),
    currentDefinitions(db, programId),
    db.store.findMany({ where: { programId }, select: { code: true, tags: true, timezone: true, partner: { select: { code: true } } }, orderBy: { code: "asc" } }),
  ]);
  if (!program) throw new AppError("unavailable", "The program has no rules yet");
  const store = stores.find((s) => s.code === basket.storeCode) ?? stores[0];
  const timeZone = store?.timezone ?? (await db.program.findUniqueOrThrow({ where: { id: programId }, select: { timezone: true } })).timezone;
  const list: ActivePromotion[] = [
    { id: "draft", versionId: "draft", version: 0, def: draft },
    ...stored.filter((p) => p.def.code !== draft.code && (p.def.status === "active" || p.def.status === "paused")),
  ];

  const entered = basket.code.trim().toUpperCase();
  let codeFor: string | null = null;
  if (entered) {
    codeFor = list.find((p) => p.def.codes?.shared?.toUpperCase() === entered)?.def.code ?? null;
    if (!codeFor) {
      const found = await db.promoCode.findFirst({ where: { programId, code: entered, revokedAt: null }, select: { promotion: { select: { code: true } } } });
      codeFor = found?.promotion.code ?? null;
    }
  }

  const at = basket.at;
  // The draft is priced under its stored counters (a new version keeps the uses and budgets spent).
  const storedId = stored.find((p) => p.def.code === draft.code)?.id;
  const counted = [...list.filter((p) => p.id !== "draft"), ...(storedId ? [{ id: storedId, def: draft }] : [])];
  const remaining = await remainingFor(db, counted, null, at, timeZone);
  const left = remaining.get(draft.code);
  const limits = draft.limits;
  const draftLeft =
    limits?.total !== undefined || limits?.budget?.money !== undefined || limits?.budget?.points !== undefined
      ? {
          uses: limits.total !== undefined ? Math.max(0, left?.total ?? limits.total) : null,
          money: limits.budget?.money !== undefined ? (left?.money ?? limits.budget.money) : null,
          points: limits.budget?.points !== undefined ? (left?.points ?? limits.budget.points) : null,
        }
      : null;
  const customer: PromotionCustomer | null =
    basket.tierCode === null
      ? null
      : {
          id: sampleCustomerId(list),
          tierCode: basket.tierCode,
          blocked: false,
          registeredAt: basket.newMember ? at : new Date(at.getTime() - 3650 * 86_400_000),
          birthday: basket.birthday ? { month: zonedParts(at, timeZone).month, day: zonedParts(at, timeZone).day } : null,
          segments: new Set(basket.segments),
        };
  const priced = priceBasket({
    definition: program.definition,
    customer: customer ? { tierCode: customer.tierCode, balances: { main: 0, promo: 0 } } : null,
    store: { code: store?.code ?? "", partnerCode: store?.partner?.code ?? null, tags: store?.tags ?? [] },
    lines: basket.lines.map((l, i) => ({ lineNo: i + 1, sku: l.sku, category: l.category, quantity: l.quantity, price: l.price })),
    redeemPoints: 0,
    promotions: {
      list,
      context: { at, timeZone, customer, codes: new Map(codeFor ? [[codeFor, entered]] : []), ignoreCalendar: basket.ignoreCalendar, remaining },
    },
  });

  const defs = new Map(list.map((p) => [p.def.code, p.def]));
  return {
    lines: priced.lines.map((l) => ({
      lineNo: l.lineNo,
      sku: l.sku,
      category: l.category,
      amount: l.amount,
      discount: l.discount,
      payable: l.payable,
      pointsEarned: l.pointsEarned,
      promotions: priced.promotions.applied.flatMap((a) => a.lines.filter((x) => x.lineNo === l.lineNo).map((x) => ({ code: a.code, discount: x.discount, points: x.points }))),
    })),
    totals: priced.totals,
    applied: priced.promotions.applied.map((a) => ({
      code: a.code,
      def: a.def,
      draft: a.code === draft.code,
      discount: a.discount,
      points: a.points,
      promoAccountPoints: a.promoAccountPoints,
      issues: a.issue?.promotion ?? null,
    })),
    rejected: priced.promotions.rejected.map((r) => ({ code: r.code, def: defs.get(r.code)!, draft: r.code === draft.code, reason: r.reason })),
    codeFor,
    draftLeft,
    store: store?.code ?? "",
  };
}

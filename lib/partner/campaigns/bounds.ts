// What the owner lets one partner's campaigns do: the effect types, the largest percent and the
// largest budgets, and whether every version waits for approval. The check is pure (checkBounds)
// and runs on the definition the partner's form became, server-side, before anything is stored.
import { writeAudit, type AuditActor } from "@/lib/audit/write-audit";
import type { Db } from "@/lib/db/client";
import { AppError, type ErrorDetail } from "@/lib/errors";
import type { EffectType, PromotionDefinition } from "@/lib/promotions/definition";

/** The effects a partner may ever be given (issueCode points at other promotions; fixedPrice and multipliers stay the owner's). */
export const PARTNER_EFFECTS = ["percentOff", "amountOff", "buyXgetY", "bonusPoints", "promoAccount"] as const satisfies readonly EffectType[];
export type PartnerEffect = (typeof PARTNER_EFFECTS)[number];
/** Effects paid in money (the money budget) and in points (the points budget). */
const MONEY_EFFECTS: readonly EffectType[] = ["percentOff", "amountOff", "buyXgetY"];
const POINTS_EFFECTS: readonly EffectType[] = ["bonusPoints", "promoAccount"];

export interface CampaignBounds {
  effectTypes: PartnerEffect[];
  maxPercent: number;
  /** Minor units; null: no cap. */
  maxBudgetMoney: number | null;
  maxBudgetPoints: number | null;
  requireApproval: boolean;
}

/** A partner the owner has not configured yet: modest discounts, budgets capped, every version approved. */
export const DEFAULT_BOUNDS: CampaignBounds = {
  effectTypes: ["percentOff", "bonusPoints", "promoAccount"],
  maxPercent: 15,
  maxBudgetMoney: 5_000_000,
  maxBudgetPoints: 50_000,
  requireApproval: true,
};

const isPartnerEffect = (x: string): x is PartnerEffect => (PARTNER_EFFECTS as readonly string[]).includes(x);

/** The partner's bounds (the defaults when the owner has not set them). */
export async function campaignBounds(db: Db, partnerId: string): Promise<CampaignBounds> {
  const row = await db.partnerCampaignBounds.findUnique({ where: { partnerId } });
  if (!row) return DEFAULT_BOUNDS;
  return {
    effectTypes: row.effectTypes.filter(isPartnerEffect),
    maxPercent: row.maxPercent,
    maxBudgetMoney: row.maxBudgetMoney,
    maxBudgetPoints: row.maxBudgetPoints,
    requireApproval: row.requireApproval,
  };
}

/** Every way `def` goes beyond the bounds, with the definition's path (`effect.percent`, `limits.budget.money`). */
export function checkBounds(def: PromotionDefinition, b: CampaignBounds): ErrorDetail[] {
  const out: ErrorDetail[] = [];
  const e = def.effect;
  const over = (path: string, key: "effect" | "percent" | "budgetMoney" | "budgetPoints" | "budgetRequired", values: Record<string, string | number>) =>
    out.push({ path, message: "out_of_range", text: { key: `partner.cmp.bounds.${key}`, values } });
  if (!(b.effectTypes as string[]).includes(e.type)) over("effect.type", "effect", { type: e.type });
  // buyXgetY: the share of the qualifying units' price given away ("4 + 1 free" is 20 %).
  const percent = e.type === "percentOff" || e.type === "bonusPoints" ? e.percent : e.type === "buyXgetY" ? (e.percent * e.get) / (e.buy + e.get) : undefined;
  if (percent !== undefined && percent > b.maxPercent) over("effect.percent", "percent", { max: b.maxPercent });
  const budget = def.limits?.budget;
  if (MONEY_EFFECTS.includes(e.type) && b.maxBudgetMoney !== null) {
    if (budget?.money === undefined) over("limits.budget.money", "budgetRequired", { max: b.maxBudgetMoney / 100 });
    else if (budget.money > b.maxBudgetMoney) over("limits.budget.money", "budgetMoney", { max: b.maxBudgetMoney / 100 });
  }
  if (POINTS_EFFECTS.includes(e.type) && b.maxBudgetPoints !== null) {
    if (budget?.points === undefined) over("limits.budget.points", "budgetRequired", { max: b.maxBudgetPoints });
    else if (budget.points > b.maxBudgetPoints) over("limits.budget.points", "budgetPoints", { max: b.maxBudgetPoints });
  }
  return out;
}

/** Throws `invalid_request` listing every bound `def` breaks (paths moved by `at`, e.g. to a form's fields). */
export function boundsOrThrow(def: PromotionDefinition, b: CampaignBounds, at: (path: string) => string = (p) => p) {
  const errors = checkBounds(def, b).map((e) => ({ ...e, path: at(e.path) }));
  if (errors.length)
    throw new AppError("invalid_request", `The campaign goes beyond what the owner allows (${errors.map((e) => e.path).join(", ")})`, { details: errors, text: { key: "partner.cmp.bounds.title" } });
}

/** The console's save of one partner's bounds (owner), audited. The partner must be the program's. */
export async function setCampaignBounds(db: Db, input: { programId: string; partnerId: string; bounds: CampaignBounds; actor: AuditActor }): Promise<CampaignBounds> {
  const b = input.bounds;
  const details: ErrorDetail[] = [];
  if (!b.effectTypes.every(isPartnerEffect)) details.push({ path: "effectTypes", message: "out_of_range" });
  if (!(b.maxPercent > 0 && b.maxPercent <= 100)) details.push({ path: "maxPercent", message: "out_of_range" });
  if (b.maxBudgetMoney !== null && !(Number.isInteger(b.maxBudgetMoney) && b.maxBudgetMoney >= 0 && b.maxBudgetMoney <= 2_000_000_000))
    details.push({ path: "maxBudgetMoney", message: "out_of_range" });
  if (b.maxBudgetPoints !== null && !(Number.isInteger(b.maxBudgetPoints) && b.maxBudgetPoints >= 0 && b.maxBudgetPoints <= 2_000_000_000))
    details.push({ path: "maxBudgetPoints", message: "out_of_range" });
  if (details.length) throw new AppError("invalid_request", "The bounds are invalid", { details });
  return db.$transaction(async (tx) => {
    const partner = await tx.partner.findFirst({ where: { id: input.partnerId, programId: input.programId }, select: { id: true } });
    if (!partner) throw new AppError("not_found", "Partner not found");
    const before = await tx.partnerCampaignBounds.findUnique({ where: { partnerId: partner.id } });
    const data = { effectTypes: [...new Set(b.effectTypes)], maxPercent: b.maxPercent, maxBudgetMoney: b.maxBudgetMoney, maxBudgetPoints: b.maxBudgetPoints, requireApproval: b.requireApproval };
    await tx.partnerCampaignBounds.upsert({
      where: { partnerId: partner.id },
      create: { partnerId: partner.id, programId: input.programId, ...data, updatedById: input.actor.id ?? null },
      update: { ...data, updatedById: input.actor.id ?? null },
    });
    await writeAudit(tx, { programId: input.programId, actor: input.actor, action: "partner.campaign_bounds", entityType: "partner", entityId: partner.id, before, after: data });
    return { ...data, effectTypes: data.effectTypes.filter(isPartnerEffect) };
  });
}

/** Every partner of the program with its bounds (the defaults where none are set) and campaigns in force. */
export async function partnersWithBounds(db: Db, programId: string) {
  const [partners, rows, running] = await Promise.all([
    db.partner.findMany({ where: { programId }, orderBy: { name: "asc" }, select: { id: true, code: true, name: true } }),
    db.partnerCampaignBounds.findMany({ where: { programId } }),
    db.promotion.groupBy({ by: ["partnerId"], where: { programId, partnerId: { not: null }, currentVersionId: { not: null } }, _count: { _all: true } }),
  ]);
  const byPartner = new Map(rows.map((r) => [r.partnerId, r]));
  const count = new Map(running.map((r) => [r.partnerId, r._count._all]));
  return partners.map((p) => {
    const r = byPartner.get(p.id);
    const bounds: CampaignBounds = r
      ? { effectTypes: r.effectTypes.filter(isPartnerEffect), maxPercent: r.maxPercent, maxBudgetMoney: r.maxBudgetMoney, maxBudgetPoints: r.maxBudgetPoints, requireApproval: r.requireApproval }
      : DEFAULT_BOUNDS;
    return { ...p, bounds, configured: Boolean(r), campaigns: count.get(p.id) ?? 0 };
  });
}

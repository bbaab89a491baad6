// Earning on a committed receipt: the accrual lots (available now, on a date, or per ticket line
// awaiting validation) and the status metrics the receipt adds to.
import { accrue, type AccrueInput, type LockedAccount } from "@/lib/ledger";
import type { Sql } from "@/lib/db/sql";
import type { ProgramDefinition } from "@/lib/program/definition";
import { compileRules, lineActivation } from "@/lib/rules/compiled-rules";
import { lotAvailableAt, lotExpiresAt } from "@/lib/rules/expiry";
import { recordActivity, type Activity, type PricingTierState } from "@/lib/tiers/activity";

export interface EarnLine {
  lineNo: number;
  category: string;
  pointsEarned: number;
  /** The line's amount after discounts: what it adds to `spend`. */
  net: number;
}

export type PendingPoints = { points: number; availableAt: Date | null }[];

/**
 * A receipt's earned points as accruals: one lot for the immediately available points, one per
 * activation date, and one per line for points that wait for a ticket validation (each ticket
 * is validated on its own). Also what is pending, for the receipt messages.
 */
export function earnAccruals(def: ProgramDefinition, purchaseId: string, lines: EarnLine[], at: Date): { accruals: AccrueInput[]; pending: PendingPoints } {
  const rules = compileRules(def);
  const expiresAt = lotExpiresAt(def, at);
  let immediate = 0;
  const byDate = new Map<number, number>();
  const accruals: AccrueInput[] = [];
  const pending: PendingPoints = [];
  for (const l of lines) {
    if (l.pointsEarned <= 0) continue;
    const activation = lineActivation(rules, l.category);
    const availableAt = lotAvailableAt(def, activation, at);
    if (availableAt === null) {
      accruals.push({ amount: l.pointsEarned, at, activation: { kind: "validation" }, expiresAt, reason: "purchase", purchaseId, purchaseLineNo: l.lineNo });
      pending.push({ points: l.pointsEarned, availableAt: null });
    } else if (availableAt.getTime() <= at.getTime()) {
      immediate += l.pointsEarned;
    } else {
      byDate.set(availableAt.getTime(), (byDate.get(availableAt.getTime()) ?? 0) + l.pointsEarned);
    }
  }
  if (immediate > 0) accruals.push({ amount: immediate, at, activation: { kind: "immediate" }, expiresAt, reason: "purchase", purchaseId });
  for (const [time, points] of byDate) {
    accruals.push({ amount: points, at, activation: { kind: "date", availableAt: new Date(time) }, expiresAt, reason: "purchase", purchaseId });
    pending.push({ points, availableAt: new Date(time) });
  }
  return { accruals, pending };
}

/** Accrues a receipt's earned points (earnAccruals), one `accrue` each. Returns what is pending. */
export async function earnPoints(sql: Sql, main: LockedAccount, def: ProgramDefinition, purchaseId: string, lines: EarnLine[], at: Date): Promise<PendingPoints> {
  const { accruals, pending } = earnAccruals(def, purchaseId, lines, at);
  for (const a of accruals) await accrue(sql, main, a);
  return pending;
}

function spendByCategory(lines: EarnLine[]) {
  const out: Record<string, number> = {};
  for (const l of lines) out[l.category] = (out[l.category] ?? 0) + l.net;
  return out;
}

/** What a committed receipt adds to the status metrics of its period. */
export function purchaseActivity(input: { programId: string; customerId: string; definition: ProgramDefinition; at: Date; lines: EarnLine[] }): Activity {
  return {
    programId: input.programId,
    customerId: input.customerId,
    definition: input.definition,
    at: input.at,
    spend: input.lines.reduce((s, l) => s + l.net, 0),
    spendByCategory: spendByCategory(input.lines),
    purchases: 1,
  };
}

/**
 * A committed receipt counts toward the status metrics of its period (and may upgrade at once).
 * `known`: what the receipt's pricing read (tierForReceipt), saving the re-read.
 */
export function countPurchase(sql: Sql, input: { programId: string; customerId: string; definition: ProgramDefinition; at: Date; lines: EarnLine[] }, known?: PricingTierState | null) {
  return recordActivity(sql, purchaseActivity(input), known);
}

// The four files of a legacy import (CONTRACTS.md "Legacy import"): their columns, and one
// validator per row that turns the strings into typed values or says which column is wrong.
import { normalizePhone } from "@/lib/customers/phone";
import { zonedTimeToInstant } from "@/lib/time";

export type FileName = "customers.csv" | "points.csv" | "history.csv" | "achievements.csv";

export const FILES: Record<FileName, { columns: string[]; required: string[] }> = {
  "customers.csv": {
    columns: ["external_id", "phone", "email", "first_name", "last_name", "birth_date", "registered_at", "card_number", "tier", "tier_since", "legacy_balance", "consent_sms", "consent_email"],
    required: ["external_id", "phone", "legacy_balance"],
  },
  "points.csv": { columns: ["external_id", "points", "earned_at", "expires_at", "account"], required: ["external_id", "points", "earned_at"] },
  "history.csv": {
    columns: ["external_id", "receipt_number", "store", "at", "amount", "kind", "points_earned", "points_spent"],
    required: ["external_id", "receipt_number", "store", "at", "amount"],
  },
  "achievements.csv": { columns: ["external_id", "code", "name", "achieved_at"], required: ["external_id", "code", "name", "achieved_at"] },
};

export const FILE_ORDER: FileName[] = ["customers.csv", "points.csv", "history.csv", "achievements.csv"];

export interface BadRow {
  file: string;
  line: number;
  column: string;
  reason: string;
}

export class RowError extends Error {
  constructor(
    readonly column: string,
    readonly reason: string,
  ) {
    super(`${column}: ${reason}`);
  }
}

export interface ValueContext {
  timezone: string;
  tiers: Set<string>;
  stores: Map<string, string>;
  now: Date;
}

const MAX_TEXT = 200;

function text(v: string | undefined, column: string, required: boolean, max = MAX_TEXT): string | null {
  const s = (v ?? "").trim();
  if (!s) {
    if (required) throw new RowError(column, "is required");
    return null;
  }
  if (s.length > max) throw new RowError(column, `is longer than ${max} characters`);
  return s;
}

function int(v: string | undefined, column: string, required: boolean, min: number): number | null {
  const s = text(v, column, required);
  if (s === null) return null;
  if (!/^-?\d+$/.test(s)) throw new RowError(column, `"${s}" is not a whole number (minor units)`);
  const n = Number(s);
  if (!Number.isSafeInteger(n) || n > 2_000_000_000) throw new RowError(column, `${s} is too large`);
  if (n < min) throw new RowError(column, `${s} is below ${min}`);
  return n;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/;

const midnights = new Map<string, number>();

/** YYYY-MM-DD (midnight in the program's zone) or ISO 8601 (no offset: the program's zone). */
export function parseInstant(s: string, timezone: string): Date | null {
  const m = DATE_RE.exec(s);
  if (!m) return null;
  const [y, mo, d, h = "0", mi = "0", sec = "0", frac = "0", off] = m.slice(1);
  const Y = +y,
    M = +mo,
    D = +d,
    H = +h,
    MI = +mi,
    S = +sec;
  const ms = Math.floor(Number(`0.${frac}`) * 1000);
  if (M < 1 || M > 12 || D < 1 || D > new Date(Date.UTC(Y, M, 0)).getUTCDate() || H > 23 || MI > 59 || S > 59) return null;
  if (!off && timezone === "UTC") return new Date(Date.UTC(Y, M - 1, D, H, MI, S, ms)); // birth dates: no zone arithmetic
  if (!off) {
    if (h !== "0" || mi !== "0" || sec !== "0" || frac !== "0") return zonedTimeToInstant(timezone, Y, M, D, H, MI, S, ms);
    // A date alone: its midnight in the zone, worked out once per date (files repeat dates a lot).
    const key = `${timezone} ${Y}-${M}-${D}`;
    let midnight = midnights.get(key);
    if (midnight === undefined) {
      if (midnights.size > 50_000) midnights.clear();
      midnight = zonedTimeToInstant(timezone, Y, M, D).getTime();
      midnights.set(key, midnight);
    }
    return new Date(midnight);
  }
  let offsetMin = 0;
  if (off !== "Z") {
    const sign = off[0] === "-" ? -1 : 1;
    const digits = off.slice(1).replace(":", "");
    offsetMin = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0));
  }
  return new Date(Date.UTC(Y, M - 1, D, H, MI, S, ms) - offsetMin * 60_000);
}

function instant(v: string | undefined, column: string, required: boolean, ctx: ValueContext): Date | null {
  const s = text(v, column, required);
  if (s === null) return null;
  const at = parseInstant(s, ctx.timezone);
  if (!at) throw new RowError(column, `"${s}" is not a date (YYYY-MM-DD or ISO 8601)`);
  if (at.getUTCFullYear() < 1900) throw new RowError(column, `${s} is before 1900`);
  return at;
}

function flag(v: string | undefined, column: string): boolean {
  const s = (v ?? "").trim();
  if (s === "" || s === "0") return false;
  if (s === "1") return true;
  throw new RowError(column, `"${s}" is neither 0 nor 1`);
}

export interface CustomerRow {
  externalId: string;
  phone: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  birthDate: string | null;
  registeredAt: Date | null;
  cardNumber: string | null;
  tier: string | null;
  tierSince: Date | null;
  legacyBalance: number;
  consentSms: boolean;
  consentEmail: boolean;
}

export interface LotRow {
  externalId: string;
  points: number;
  earnedAt: Date;
  expiresAt: Date | null;
  account: "main" | "promo";
}

export interface HistoryRow {
  externalId: string;
  receiptNumber: string;
  storeId: string;
  at: Date;
  amount: number;
  kind: "purchase" | "return";
  pointsEarned: number;
  pointsSpent: number;
}

export interface AchievementRow {
  externalId: string;
  code: string;
  name: string;
  achievedAt: Date;
}

type Get = (column: string) => string | undefined;

export function customerRow(get: Get, ctx: ValueContext): CustomerRow {
  const externalId = text(get("external_id"), "external_id", true, 100)!;
  const rawPhone = text(get("phone"), "phone", true, 32)!;
  const phone = normalizePhone(rawPhone);
  if (!phone) throw new RowError("phone", `"${rawPhone}" is not a phone number`);
  const email = text(get("email"), "email", false, 254)?.toLowerCase() ?? null;
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new RowError("email", `"${email}" is not an email address`);
  const birth = text(get("birth_date"), "birth_date", false);
  if (birth) {
    const b = parseInstant(birth, "UTC");
    if (!b || !/^\d{4}-\d{2}-\d{2}$/.test(birth)) throw new RowError("birth_date", `"${birth}" is not a date (YYYY-MM-DD)`);
    if (b > ctx.now || b.getUTCFullYear() < 1900) throw new RowError("birth_date", `${birth} is not a plausible birth date`);
  }
  const cardNumber = text(get("card_number"), "card_number", false, 32);
  if (cardNumber && !/^[0-9A-Za-z-]+$/.test(cardNumber)) throw new RowError("card_number", `"${cardNumber}" has characters other than letters, digits and -`);
  const tier = text(get("tier"), "tier", false, 64);
  if (tier && !ctx.tiers.has(tier)) throw new RowError("tier", `"${tier}" is not a status of the program (${[...ctx.tiers].join(", ")})`);
  const registeredAt = instant(get("registered_at"), "registered_at", false, ctx);
  if (registeredAt && registeredAt > ctx.now) throw new RowError("registered_at", "is in the future");
  return {
    externalId,
    phone,
    email,
    firstName: text(get("first_name"), "first_name", false),
    lastName: text(get("last_name"), "last_name", false),
    birthDate: birth,
    registeredAt,
    cardNumber,
    tier,
    tierSince: instant(get("tier_since"), "tier_since", false, ctx),
    legacyBalance: int(get("legacy_balance"), "legacy_balance", true, 0)!,
    consentSms: flag(get("consent_sms"), "consent_sms"),
    consentEmail: flag(get("consent_email"), "consent_email"),
  };
}

export function lotRow(get: Get, ctx: ValueContext): LotRow {
  const externalId = text(get("external_id"), "external_id", true, 100)!;
  const points = int(get("points"), "points", true, 1)!;
  const earnedAt = instant(get("earned_at"), "earned_at", true, ctx)!;
  if (earnedAt > ctx.now) throw new RowError("earned_at", "is in the future");
  const expiresAt = instant(get("expires_at"), "expires_at", false, ctx);
  if (expiresAt && expiresAt <= ctx.now) throw new RowError("expires_at", "has passed: the lot is no longer living");
  if (expiresAt && expiresAt <= earnedAt) throw new RowError("expires_at", "is not after earned_at");
  const account = (text(get("account"), "account", false) ?? "main") as "main" | "promo";
  if (account !== "main" && account !== "promo") throw new RowError("account", `"${account}" is neither main nor promo`);
  return { externalId, points, earnedAt, expiresAt, account };
}

export function historyRow(get: Get, ctx: ValueContext): HistoryRow {
  const externalId = text(get("external_id"), "external_id", true, 100)!;
  const receiptNumber = text(get("receipt_number"), "receipt_number", true, 100)!;
  const store = text(get("store"), "store", true, 64)!;
  const storeId = ctx.stores.get(store);
  if (!storeId) throw new RowError("store", `"${store}" is not a store of the program`);
  const at = instant(get("at"), "at", true, ctx)!;
  if (at > ctx.now) throw new RowError("at", "is in the future");
  const amount = int(get("amount"), "amount", true, 0)!;
  const kind = (text(get("kind"), "kind", false) ?? "purchase") as HistoryRow["kind"];
  if (kind !== "purchase" && kind !== "return") throw new RowError("kind", `"${kind}" is neither purchase nor return`);
  return {
    externalId,
    receiptNumber,
    storeId,
    at,
    amount,
    kind,
    pointsEarned: int(get("points_earned"), "points_earned", false, 0) ?? 0,
    pointsSpent: int(get("points_spent"), "points_spent", false, 0) ?? 0,
  };
}

export function achievementRow(get: Get, ctx: ValueContext): AchievementRow {
  const achievedAt = instant(get("achieved_at"), "achieved_at", true, ctx)!;
  if (achievedAt > ctx.now) throw new RowError("achieved_at", "is in the future");
  return {
    externalId: text(get("external_id"), "external_id", true, 100)!,
    code: text(get("code"), "code", true, 100)!,
    name: text(get("name"), "name", true)!,
    achievedAt,
  };
}

// POS API tests call the real route handlers with real Requests against the run's database
// (the same code `next start` serves; the Playwright suite covers the real server over HTTP).
import { randomBytes } from "node:crypto";
import { resetEnvCache } from "@/lib/env";
import { createId } from "@/lib/ids";
import { applyProgram } from "@/lib/program/apply-program";
import { clearProgramCache } from "@/lib/program/in-force";
import { hashTerminalKey } from "@/lib/pos/terminal-auth";
import { referenceProgramJson, type ReferenceProgram } from "@/lib/rules/reference-programs";
import { testDatabaseUrl, testDb } from "../db";
import { uniq } from "../factories";

import * as lookup from "@/app/api/pos/v1/customers/lookup/route";
import * as customers from "@/app/api/pos/v1/customers/route";
import * as confirmPhone from "@/app/api/pos/v1/customers/[id]/confirm/route";
import * as calculate from "@/app/api/pos/v1/purchases/calculate/route";
import * as purchases from "@/app/api/pos/v1/purchases/route";
import * as commit from "@/app/api/pos/v1/purchases/[id]/commit/route";
import * as voidRoute from "@/app/api/pos/v1/purchases/[id]/void/route";
import * as cancel from "@/app/api/pos/v1/purchases/[id]/cancel/route";
import * as returns from "@/app/api/pos/v1/purchases/[id]/returns/route";
import * as authorize from "@/app/api/pos/v1/redemptions/authorize/route";
import * as visits from "@/app/api/pos/v1/visits/route";
import * as giftCards from "@/app/api/pos/v1/gift-cards/route";
import * as giftCard from "@/app/api/pos/v1/gift-cards/[number]/route";
import * as openapi from "@/app/api/pos/v1/openapi.json/route";
import { answerValidator, type AnswerValidator } from "../contract/openapi-validator";

let validator: AnswerValidator | undefined;

/** Every answer of every POS test is checked against the OpenAPI document the server serves. */
export async function contract(): Promise<AnswerValidator> {
  validator ??= answerValidator(await openapi.GET().json());
  return validator;
}

/** Points the app's db() at the test database. Call in beforeAll. */
export function useTestDatabase() {
  process.env.DATABASE_URL = testDatabaseUrl();
  // Concurrency tests hold one connection per in-flight request while they queue on a row lock.
  process.env.DB_POOL_MAX = "40";
  // 20 receipts queued on one customer's row lock wait longer than a till should on a loaded CI
  // machine (the limits themselves are tested in test/security/db-limits.test.ts).
  process.env.POS_LOCK_TIMEOUT_MS = "20000";
  process.env.POS_STATEMENT_TIMEOUT_MS = "30000";
  resetEnvCache();
  clearProgramCache();
  return testDb();
}

type Handler = (req: Request, ctx?: { params: Promise<Record<string, string>> }) => Promise<Response>;

const ROUTES: [RegExp, "GET" | "POST", Handler, string?][] = [
  [/^\/customers\/lookup$/, "GET", lookup.GET as Handler],
  [/^\/customers$/, "POST", customers.POST as Handler],
  [/^\/customers\/([^/]+)\/confirm$/, "POST", confirmPhone.POST as Handler],
  [/^\/purchases\/calculate$/, "POST", calculate.POST as Handler],
  [/^\/purchases$/, "POST", purchases.POST as Handler],
  [/^\/purchases\/([^/]+)\/commit$/, "POST", commit.POST as Handler],
  [/^\/purchases\/([^/]+)\/void$/, "POST", voidRoute.POST as Handler],
  [/^\/purchases\/([^/]+)\/cancel$/, "POST", cancel.POST as Handler],
  [/^\/purchases\/([^/]+)\/returns$/, "POST", returns.POST as Handler],
  [/^\/redemptions\/authorize$/, "POST", authorize.POST as Handler],
  [/^\/visits$/, "POST", visits.POST as Handler],
  [/^\/gift-cards$/, "POST", giftCards.POST as Handler],
  [/^\/gift-cards\/([^/]+)$/, "GET", giftCard.GET as Handler, "number"],
];

export interface PosAnswer {
  status: number;
  headers: Headers;
  body: any;
}

export async function call(
  method: "GET" | "POST",
  path: string,
  opts: { key?: string | null; body?: unknown; rawBody?: string; idem?: string; headers?: Record<string, string> } = {},
): Promise<PosAnswer> {
  const url = new URL(`http://pos.test/api/pos/v1${path}`);
  const route = ROUTES.find(([re, m]) => m === method && re.test(url.pathname.replace("/api/pos/v1", "")));
  if (!route) throw new Error(`no route for ${method} ${path}`);
  const m = route[0].exec(url.pathname.replace("/api/pos/v1", ""))!;
  const headers: Record<string, string> = { "content-type": "application/json", ...(opts.headers ?? {}) };
  if (opts.key) headers.authorization = `Bearer ${opts.key}`;
  if (opts.idem) headers["idempotency-key"] = opts.idem;
  const req = new Request(url, { method, headers, body: method === "POST" ? (opts.rawBody ?? JSON.stringify(opts.body ?? {})) : undefined });
  const params: Record<string, string> = m[1] ? { [route[3] ?? "id"]: decodeURIComponent(m[1]) } : {};
  const res = await route[2](req, { params: Promise.resolve(params) });
  const text = await res.text();
  const body = text ? JSON.parse(text) : null;
  (await contract()).check(method, url.toString(), res.status, body);
  return { status: res.status, headers: res.headers, body };
}

export const post = (path: string, key: string | null, body: unknown, idem?: string) => call("POST", path, { key, body, idem });
export const get = (path: string, key: string | null) => call("GET", path, { key });

export interface TestProgram {
  programId: string;
  code: string;
  stores: Record<string, string>;
  keys: Record<string, string>;
}

/** A reference program under a unique code, with a terminal key for each of its stores. */
export async function setupProgram(name: ReferenceProgram, over: Record<string, unknown> = {}): Promise<TestProgram> {
  const db = testDb();
  const json = { ...(referenceProgramJson(name) as Record<string, unknown>), code: uniq("p"), ...over };
  const applied = await applyProgram(db, json, { now: new Date("2020-01-01T00:00:00Z") });
  const stores = await db.store.findMany({ where: { programId: applied.programId } });
  const out: TestProgram = { programId: applied.programId, code: applied.code, stores: {}, keys: {} };
  for (const s of stores) {
    out.stores[s.code] = s.id;
    out.keys[s.code] = await makeKey(s.id);
  }
  return out;
}

export async function makeKey(storeId: string) {
  const key = `trm_test_${randomBytes(16).toString("hex")}`;
  const { programId } = await testDb().store.findUniqueOrThrow({ where: { id: storeId }, select: { programId: true } });
  await testDb().terminal.create({ data: { id: createId("trm"), programId, storeId, name: "test till", keyPrefix: key.slice(0, 13), keyHash: hashTerminalKey(key) } });
  return key;
}

let phoneSeq = 1_000_000 + Math.floor(Math.random() * 8_000_000);
export function newPhone() {
  phoneSeq += 1;
  return `+7915${String(phoneSeq).padStart(7, "0")}`;
}

/** Registers a customer through the API and confirms the phone with the code from the outbox. */
export async function registerCustomer(key: string, extra: Record<string, unknown> = {}) {
  const phone = newPhone();
  const reg = await post("/customers", key, { phone, firstName: "Anna", ...extra });
  if (reg.status !== 201) throw new Error(`register failed: ${JSON.stringify(reg.body)}`);
  const code = await lastCode(phone);
  const conf = await post(`/customers/${reg.body.id}/confirm`, key, { code });
  if (conf.status !== 200) throw new Error(`confirm failed: ${JSON.stringify(conf.body)}`);
  return { id: reg.body.id as string, phone, card: reg.body.card as string };
}

/** The 6-digit code of the newest SMS to `phone` (development outbox). */
export async function lastCode(phone: string) {
  const msg = await testDb().outboxMessage.findFirst({ where: { to: phone, channel: "sms" }, orderBy: { createdAt: "desc" } });
  const m = msg ? /\b(\d{6})\b/.exec(msg.body) : null;
  if (!m) throw new Error(`no code sent to ${phone}`);
  return m[1];
}

export function line(lineNo: number, price: number, category = "apparel", quantity = 1, sku = `SKU-${lineNo}`) {
  return { lineNo, sku, category, quantity, price };
}

export function receiptNo() {
  return `R-${randomBytes(5).toString("hex")}`;
}

/** Moves the phone's codes two minutes into the past (the rate limit allows one code a minute). */
export async function ageCodes(phone: string) {
  await testDb().$executeRaw`update "OneTimeCode" set "createdAt" = "createdAt" - interval '2 minutes' where target = ${phone}`;
}

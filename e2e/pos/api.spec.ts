// The processing API over real HTTP against the production server (scripts/e2e.ts): every
// endpoint once on the happy path and the main error codes, with a key made for this run.
import { createHash, randomBytes } from "node:crypto";
import { expect, test, type APIRequestContext } from "../test";
import pg from "pg";
import { answerValidator, type AnswerValidator } from "../../test/contract/openapi-validator";

const API = "/api/pos/v1";
let key = "";
let otherKey = "";
/** Every answer of this suite is checked against the OpenAPI document the server serves. */
let contract: AnswerValidator;

async function sql<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

async function makeKey(storeCode: string) {
  const k = `trm_live_${randomBytes(16).toString("hex")}`;
  const [store] = await sql<{ id: string; programId: string }>(`select id, "programId" from "Store" where code = $1`, [storeCode]);
  await sql(`insert into "Terminal" (id, "programId", "storeId", name, "keyPrefix", "keyHash") values ($1, $2, $3, 'e2e till', $4, $5)`, [
    `trm_e2e${randomBytes(6).toString("hex")}`,
    store.programId,
    store.id,
    k.slice(0, 13),
    createHash("sha256").update(k).digest("hex"),
  ]);
  return k;
}

function auth(k = key) {
  return { authorization: `Bearer ${k}` };
}

async function lastCode(phone: string) {
  const [row] = await sql<{ body: string }>(`select body from "OutboxMessage" where "to" = $1 order by "createdAt" desc limit 1`, [phone]);
  return /\b(\d{6})\b/.exec(row.body)![1];
}

async function checked(request: APIRequestContext, method: "GET" | "POST", path: string, res: { status(): number; json(): Promise<unknown> }) {
  contract ??= answerValidator(await (await request.get(`${API}/openapi.json`)).json());
  const body = await res.json();
  contract.check(method, API + path, res.status(), body);
  return body;
}

async function postJson(request: APIRequestContext, path: string, data: unknown, headers: Record<string, string> = auth()) {
  const res = await request.post(API + path, { data, headers });
  return { status: res.status(), body: (await checked(request, "POST", path, res)) as any, headers: res.headers() };
}

async function getJson(request: APIRequestContext, path: string, headers: Record<string, string> = auth()) {
  const res = await request.get(API + path, { headers });
  return { status: res.status(), body: (await checked(request, "GET", path, res)) as any };
}

test.beforeAll(async () => {
  key = await makeKey("stadium-shop");
  otherKey = await makeKey("web-shop");
});

test("every endpoint of the processing API over HTTP", async ({ request }) => {
  // OpenAPI and the human page.
  const spec = await request.get(`${API}/openapi.json`);
  expect(spec.status()).toBe(200);
  expect((await spec.json()).openapi).toBe("3.1.0");

  // Register at the till, confirm the phone.
  const phone = `+7916${String(Date.now()).slice(-7)}`;
  const reg = await postJson(request, "/customers", { phone, firstName: "Ivan" }, { ...auth(), "idempotency-key": `reg-${phone}` });
  expect(reg.status).toBe(201);
  const replay = await postJson(request, "/customers", { phone, firstName: "Ivan" }, { ...auth(), "idempotency-key": `reg-${phone}` });
  expect(replay.status).toBe(201);
  expect(replay.headers["idempotent-replayed"]).toBe("true");
  expect(replay.body).toEqual(reg.body);
  const conf = await postJson(request, `/customers/${reg.body.id}/confirm`, { code: await lastCode(phone) });
  expect(conf.body).toEqual({ id: reg.body.id, phoneConfirmed: true });

  // Lookup, calculate, confirm.
  const look = await getJson(request, `/customers/lookup?card=${reg.body.card}`);
  expect(look.body).toMatchObject({ id: reg.body.id, tier: { code: "novice" }, balances: { main: 0 } });
  const basket = { customer: { card: reg.body.card }, receipt: { number: `E2E-${phone}` }, lines: [{ lineNo: 1, sku: "JERSEY-HOME", category: "merch", quantity: 1, price: 790000 }] };
  const calc = await postJson(request, "/purchases/calculate", basket);
  expect(calc.status).toBe(200);
  // The demo runs the club's promotions (a new member's welcome bonus, match-day merch discount with a
  // holdout, 300 promo-account points for merch): what they gave is in appliedPromotions, and the totals must agree with it.
  const applied = calc.body.appliedPromotions as { code: string; discount: number; points: number }[];
  const promoDiscount = applied.reduce((s, a) => s + a.discount, 0);
  const payable = 790000 - promoDiscount;
  // merch-wallet's points go to the promo account (spendable on merch only), not into pointsEarned.
  const promoCredit = applied.find((a) => a.code === "merch-wallet")?.points ?? 0;
  expect(promoCredit).toBe(300);
  // Novice earns 3 % of the paid part, 1 point = 1 RUB; bonus points come on top.
  const earned = Math.floor((payable * 3) / 100 / 100) + applied.reduce((s, a) => s + a.points, 0) - promoCredit;
  expect(calc.body.totals).toEqual({ amount: 790000, discount: promoDiscount, pointsRedeemed: 0, promoPointsRedeemed: 0, pointsEarned: earned, payable, giftCardsPaid: 0 });
  const conf1 = await postJson(request, "/purchases", basket);
  expect(conf1.status).toBe(201);
  expect(conf1.body).toMatchObject({ status: "committed", customer: { balances: { main: earned, promo: promoCredit } } });
  expect(conf1.body.receiptMessages[0]).toContain("Ivan");
  const dup = await postJson(request, "/purchases", basket);
  expect(dup.status).toBe(409);
  expect(dup.body.error.code).toBe("duplicate_receipt");

  // Hold → commit, hold → void. Promo points pay first (the jersey is merch), main points none here.
  const held = await postJson(request, "/purchases", { ...basket, receipt: { number: `E2E-H-${phone}` }, redeemPoints: 100, hold: { ttlSeconds: 600 } });
  expect(held.body).toMatchObject({ status: "held", totals: { pointsRedeemed: 100, promoPointsRedeemed: 100 }, customer: { balances: { main: earned, promo: promoCredit - 100 } } });
  expect(held.body.lines[0]).toMatchObject({ pointsRedeemed: 100, promoPointsRedeemed: 100 });
  const forbidden = await postJson(request, `/purchases/${held.body.purchaseId}/commit`, {}, auth(otherKey));
  expect(forbidden.status).toBe(403);
  const committed = await postJson(request, `/purchases/${held.body.purchaseId}/commit`, {});
  expect(committed.body.status).toBe("committed");
  const held2 = await postJson(request, "/purchases", { ...basket, receipt: { number: `E2E-V-${phone}` }, redeemPoints: 50, hold: { ttlSeconds: 600 } });
  const voided = await postJson(request, `/purchases/${held2.body.purchaseId}/void`, {});
  expect(voided.body.status).toBe("voided");

  // Return and cancel.
  const ret = await postJson(request, `/purchases/${committed.body.purchaseId}/returns`, { returnNumber: "RET-1", lines: [{ lineNo: 1, quantity: 1 }] });
  expect(ret.status).toBe(201);
  expect(ret.body.totals).toMatchObject({ pointsRefunded: 100, promoPointsRefunded: 100 });
  const cancelled = await postJson(request, `/purchases/${conf1.body.purchaseId}/cancel`, {});
  expect(cancelled.body.status).toBe("cancelled");

  // Redemption code and a visit.
  const authz = await postJson(request, "/redemptions/authorize", { customer: { card: reg.body.card }, points: 1 });
  expect([200, 422, 429]).toContain(authz.status);
  const visit = await postJson(request, "/visits", { customer: { card: reg.body.card }, eventCode: `match-${phone.slice(1)}` });
  expect(visit.body).toMatchObject({ counted: true });
});

test("errors over HTTP: 401, 400 with paths, 404, invalid JSON", async ({ request }) => {
  expect((await postJson(request, "/purchases/calculate", {}, {})).status).toBe(401);
  const bad = await postJson(request, "/purchases/calculate", { receipt: { number: "X" }, lines: [{ lineNo: 1, sku: "A", category: "merch", quantity: -1, price: 1.5 }] });
  expect(bad.status).toBe(400);
  expect(bad.body.error.code).toBe("invalid_request");
  expect(bad.body.error.details.map((d: { path: string }) => d.path)).toEqual(expect.arrayContaining(["lines[0].quantity", "lines[0].price"]));
  const notFound = await getJson(request, "/customers/lookup?card=2999999999999");
  expect(notFound.status).toBe(404);
  const raw = await postJson(request, "/purchases", Buffer.from("{not json"), { ...auth(), "content-type": "application/json" });
  expect(raw.status).toBe(400);
  expect(raw.body.error.code).toBe("invalid_json");
  expect(contract.checked).toBeGreaterThan(5);
});

test("the API documentation page renders the spec", async ({ page }) => {
  await page.goto("/docs/api");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByText("/purchases/{id}/returns").first()).toBeVisible();
});

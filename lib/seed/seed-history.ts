// Demo history through the real domain: receipts, returns and match visits are replayed in time
// order with the clock set to their moment (lib/purchases), so balances, lots, expiries, metrics
// and statuses are exactly what the product would have computed. Deterministic (fixed seed).
import { randomBytes } from "node:crypto";
import { Faker, en } from "@faker-js/faker";
import type { Db } from "@/lib/db/client";
import { createId } from "@/lib/ids";
import { hashTerminalKey, type PosTerminal } from "@/lib/pos/terminal-auth";
import type { ConfirmRequest } from "@/lib/pos/schemas";
import { confirmPurchase } from "@/lib/purchases/confirm";
import { returnPurchase } from "@/lib/purchases/returns";
import { recordVisit } from "@/lib/purchases/visits";

type Event =
  | { at: Date; kind: "purchase"; customerId: string | null; store: string; lines: ConfirmRequest["lines"]; redeem?: number; tag?: string }
  | { at: Date; kind: "visit"; customerId: string; event: string }
  | { at: Date; kind: "return"; customerId: string; tag: string; lineNo: number };

const MERCH = [
  ["JERSEY-HOME", "Home jersey 26/27", 790000],
  ["JERSEY-AWAY", "Away jersey 26/27", 790000],
  ["SCARF", "Club scarf", 150000],
  ["CAP", "Cap", 190000],
  ["MUG", "Mug", 90000],
  ["HOODIE", "Hoodie", 590000],
] as const;

function ticket(i: number, price = 250000) {
  return { lineNo: i, sku: "TICKET-HOME", category: "ticket", name: "Home match ticket", quantity: 1, price };
}

/** Home matches every other week of a season, in the afternoon (program time, UTC+3). */
function matchDays(from: Date, to: Date): Date[] {
  const out: Date[] = [];
  const d = new Date(from);
  d.setUTCHours(14, 0, 0, 0);
  while (d < to) {
    const month = d.getUTCMonth();
    if (month !== 5 && month !== 6 && month !== 0) out.push(new Date(d)); // summer and winter breaks
    d.setUTCDate(d.getUTCDate() + 14);
  }
  return out;
}

async function seedTerminals(db: Db, programId: string): Promise<Map<string, PosTerminal>> {
  const stores = await db.store.findMany({ where: { programId }, include: { partner: { select: { code: true } } } });
  const out = new Map<string, PosTerminal>();
  for (const s of stores) {
    const key = `trm_seed_${randomBytes(16).toString("hex")}`; // thrown away: these tills exist only in the history
    const t = await db.terminal.create({ data: { id: createId("trm"), storeId: s.id, name: "Main till", keyPrefix: key.slice(0, 13), keyHash: hashTerminalKey(key) } });
    out.set(s.code, { terminalId: t.id, programId, store: { id: s.id, code: s.code, tags: s.tags, partnerCode: s.partner?.code ?? null, timezone: s.timezone } });
  }
  return out;
}

export async function seedHistory(db: Db, opts: { programId: string; demoFanId: string; fanIds: string[]; now: Date; log?: (l: string) => void }) {
  const faker = new Faker({ locale: [en] });
  faker.seed(26112026);
  const terminals = await seedTerminals(db, opts.programId);
  const now = opts.now;
  const day = 86_400_000;
  const events: Event[] = [];

  // The demo fan: a loyal season-ticket holder last season (2025/26), a regular this season.
  const lastSeason = new Date(Date.UTC(now.getUTCFullYear() - (now.getUTCMonth() >= 6 ? 1 : 2), 6, 1));
  const thisSeason = new Date(Date.UTC(lastSeason.getUTCFullYear() + 1, 6, 1));
  const fan = opts.demoFanId;
  let m = 0;
  for (const at of matchDays(new Date(lastSeason.getTime() + 20 * day), now)) {
    m += 1;
    const season = at < thisSeason ? "last" : "this";
    if (season === "this" && m % 3 === 0) continue;
    events.push({ at: new Date(at.getTime() - 5 * day), kind: "purchase", customerId: fan, store: "ticket-site", lines: [ticket(1)] });
    events.push({ at, kind: "visit", customerId: fan, event: `match-${at.toISOString().slice(0, 10)}` });
    if (m % 2 === 0) {
      const [sku, name, price] = MERCH[m % MERCH.length];
      events.push({ at: new Date(at.getTime() - 2 * 3600_000), kind: "purchase", customerId: fan, store: "stadium-shop", lines: [{ lineNo: 1, sku, category: "merch", name, quantity: 1, price }] });
    }
    if (m % 3 === 0) events.push({ at: new Date(at.getTime() + 3 * 3600_000), kind: "purchase", customerId: fan, store: "pub-luzhniki", lines: [{ lineNo: 1, sku: "BEER-05", category: "food", name: "Beer 0.5", quantity: 2, price: 45000 }, { lineNo: 2, sku: "WINGS", category: "food", name: "Chicken wings", quantity: 1, price: 69000 }] });
  }
  events.push({ at: new Date(now.getTime() - 40 * day), kind: "purchase", customerId: fan, store: "web-shop", tag: "web", lines: [{ lineNo: 1, sku: "HOODIE", category: "merch", name: "Hoodie", quantity: 1, price: 590000 }, { lineNo: 2, sku: "SCARF", category: "merch", name: "Club scarf", quantity: 1, price: 150000 }] });
  events.push({ at: new Date(now.getTime() - 33 * day), kind: "return", customerId: fan, tag: "web", lineNo: 2 });
  events.push({ at: new Date(now.getTime() - 10 * day), kind: "purchase", customerId: fan, store: "stadium-shop", redeem: 1500, lines: [{ lineNo: 1, sku: "JERSEY-HOME", category: "merch", name: "Home jersey 26/27", quantity: 1, price: 790000 }] });
  events.push({ at: new Date(now.getTime() - 2 * day), kind: "purchase", customerId: fan, store: "coffee-stadium", lines: [{ lineNo: 1, sku: "LATTE", category: "food", name: "Latte", quantity: 2, price: 25000 }] });

  // Other fans: a few receipts and matches each over the last 18 months.
  const storesFor = ["stadium-shop", "web-shop", "ticket-office", "ticket-site", "outlet", "pub-luzhniki", "pub-arbat", "coffee-stadium"];
  for (const id of opts.fanIds) {
    const n = faker.number.int({ min: 1, max: 5 });
    for (let i = 0; i < n; i++) {
      const at = faker.date.between({ from: new Date(now.getTime() - 540 * day), to: new Date(now.getTime() - day) });
      const store = faker.helpers.arrayElement(storesFor);
      const lines: ConfirmRequest["lines"] = store.startsWith("pub") || store.startsWith("coffee")
        ? [{ lineNo: 1, sku: "BEER-05", category: "food", quantity: faker.number.int({ min: 1, max: 4 }), price: 45000 }]
        : store.startsWith("ticket")
          ? [ticket(1, faker.helpers.arrayElement([150000, 250000, 400000]))]
          : MERCH.slice(0, faker.number.int({ min: 1, max: 3 })).map(([sku, name, price], j) => ({ lineNo: j + 1, sku, category: "merch", name, quantity: 1, price }));
      events.push({ at, kind: "purchase", customerId: id, store, lines });
      if (store.startsWith("ticket")) events.push({ at: new Date(at.getTime() + 3 * day), kind: "visit", customerId: id, event: `match-${new Date(at.getTime() + 3 * day).toISOString().slice(0, 10)}` });
    }
  }

  // Walk-in buyers who are not members (anonymous receipts) at the club's own stores.
  for (let i = 0; i < 120; i++) {
    const at = faker.date.between({ from: new Date(now.getTime() - 120 * day), to: new Date(now.getTime() - 3600_000) });
    const store = faker.helpers.arrayElement(["stadium-shop", "ticket-office", "outlet", "web-shop"]);
    const lines: ConfirmRequest["lines"] = store === "ticket-office"
      ? [ticket(1, faker.helpers.arrayElement([150000, 250000]))]
      : MERCH.slice(faker.number.int({ min: 0, max: 3 }), 4).map(([sku, name, price], j) => ({ lineNo: j + 1, sku, category: "merch", name, quantity: 1, price }));
    events.push({ at, kind: "purchase", customerId: null, store, lines });
  }

  events.sort((a, b) => a.at.getTime() - b.at.getTime());
  const receipts = new Map<string, string>();
  let done = 0;
  let seq = 0;
  for (const e of events) {
    if (e.at > now) continue;
    if (e.kind === "purchase" && e.redeem && e.customerId) {
      // Spend only what the fan has by then (at most half of the receipt in this program).
      const acc = await db.account.findFirst({ where: { customerId: e.customerId, kind: "main" } });
      e.redeem = Math.min(e.redeem, acc?.available ?? 0, Math.floor(e.lines[0].price / 100 / 2));
    }
    await db.$transaction(async (tx) => {
      if (e.kind === "purchase") {
        const terminal = terminals.get(e.store)!;
        const body: ConfirmRequest = { ...(e.customerId ? { customer: { id: e.customerId } } : {}), receipt: { number: `S-${String(++seq).padStart(6, "0")}`, at: e.at.toISOString() }, lines: e.lines, redeemPoints: e.redeem ?? 0, promoCodes: [], offline: false };
        const r = await confirmPurchase({ db, sql: tx, till: terminal, now: e.at }, body);
        if (e.tag) receipts.set(`${e.customerId}:${e.tag}`, `${r.purchaseId}|${e.store}`);
      } else if (e.kind === "visit") {
        await recordVisit({ db, sql: tx, till: terminals.get("stadium-gates")!, now: e.at }, { customer: { id: e.customerId }, eventCode: e.event, at: e.at.toISOString() });
      } else {
        const [purchaseId, store] = receipts.get(`${e.customerId}:${e.tag}`)!.split("|");
        await returnPurchase({ db, sql: tx, till: terminals.get(store)!, now: e.at }, purchaseId, { returnNumber: `RET-${seq}`, at: e.at.toISOString(), lines: [{ lineNo: e.lineNo, quantity: 1 }] });
      }
    }, { timeout: 30_000 });
    done += 1;
  }
  opts.log?.(`${done} receipts, visits and returns replayed through the processing domain`);
}

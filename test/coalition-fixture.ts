// A football club's coalition for partner-portal tests: the reference program (the pub and the
// coffee shop as partners, the club's own shops), a till per store and members with a card, and
// receipts, returns and cancellations made through the tills' domain functions (lib/purchases)
// at the instants the test names.
import type { Db } from "@/lib/db/client";
import { createId } from "@/lib/ids";
import type { PosTerminal } from "@/lib/pos/terminal-auth";
import { applyProgram } from "@/lib/program/apply-program";
import { confirmPurchase } from "@/lib/purchases/confirm";
import { cancelPurchase, returnPurchase } from "@/lib/purchases/returns";
import { referenceProgramJson } from "@/lib/rules/reference-programs";
import { makeCustomer, uniq } from "./factories";

export interface LineSpec {
  sku: string;
  name: string;
  category: string;
  quantity: number;
  price: number;
}

export const BEER = (quantity = 1): LineSpec => ({ sku: "BEER", name: "Lager 0.5", category: "drinks", quantity, price: 50_000 });
export const BURGER: LineSpec = { sku: "BURGER", name: "Burger", category: "food", quantity: 1, price: 80_000 };
export const LATTE = (quantity = 1): LineSpec => ({ sku: "LATTE", name: "Latte", category: "drinks", quantity, price: 25_000 });
export const SCARF: LineSpec = { sku: "SCARF", name: "Scarf", category: "merch", quantity: 1, price: 150_000 };

export async function coalitionFixture(db: Db, fans: string[]) {
  const json = { ...(referenceProgramJson("football-club") as Record<string, unknown>), code: uniq("fc") };
  const { programId } = await applyProgram(db, json, { now: new Date("2020-01-01T00:00:00Z") });
  const partner = { pub: "", coffee: "" };
  for (const p of await db.partner.findMany({ where: { programId } })) if (p.code === "pub" || p.code === "coffee") partner[p.code] = p.id;
  const partnerCode = new Map(Object.entries(partner).map(([code, id]) => [id, code]));
  const tills = new Map<string, PosTerminal>();
  const stores: Record<string, string> = {};
  for (const s of await db.store.findMany({ where: { programId } })) {
    const terminalId = createId("trm");
    await db.terminal.create({ data: { id: terminalId, programId, storeId: s.id, name: "till", keyPrefix: "trm_test", keyHash: uniq("h") } });
    tills.set(s.code, { terminalId, programId, store: { id: s.id, code: s.code, tags: s.tags, partnerCode: s.partnerId ? partnerCode.get(s.partnerId)! : null, timezone: s.timezone } });
    stores[s.code] = s.id;
  }
  const who: Record<string, { id: string; qr: string; phone: string }> = {};
  for (const name of fans) {
    const c = await makeCustomer(db, programId, { firstName: name });
    const qr = uniq("qr");
    await db.card.create({ data: { id: createId("crd"), programId, customerId: c.id, number: uniq("card"), qrToken: qr } });
    who[name] = { id: c.id, qr, phone: c.phone! };
  }
  const receipts: Record<string, string> = {};

  /** A receipt at `store`; spending points scans the member's QR (partners' tills need the member present). */
  async function buy(key: string, store: string, at: string, fan: string | null, lines: LineSpec[], redeem = 0) {
    const r = await db.$transaction((tx) =>
      confirmPurchase(
        { db, sql: tx, till: tills.get(store)!, now: new Date(at) },
        {
          ...(fan ? { customer: redeem ? { qr: who[fan].qr } : { id: who[fan].id } } : {}),
          receipt: { number: `${key}-${uniq("n")}`, at },
          lines: lines.map((l, i) => ({ lineNo: i + 1, ...l })),
          redeemPoints: redeem,
          promoCodes: [],
          offline: false,
        },
      ),
    );
    receipts[key] = String(r.purchaseId);
    return r;
  }

  async function giveBack(key: string, store: string, at: string, lines: { lineNo: number; quantity: number }[], reason?: string) {
    return db.$transaction((tx) => returnPurchase({ db, sql: tx, till: tills.get(store)!, now: new Date(at) }, receipts[key], { returnNumber: uniq("ret"), at, reason, lines }));
  }

  async function cancel(key: string, store: string, at: string) {
    return db.$transaction((tx) => cancelPurchase({ db, sql: tx, till: tills.get(store)!, now: new Date(at) }, receipts[key]));
  }

  return { programId, partner, stores, who, receipts, buy, giveBack, cancel };
}

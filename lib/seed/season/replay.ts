// The other path: the season's resolved events sent one by one through the domain functions the
// tills, gates, cabinet, console and jobs use (lib/purchases, lib/ledger, lib/tiers, lib/catalog,
// lib/jobs), each in its own transaction. Slow (minutes for the full season), so the demo uses the
// bulk path; season.test.ts replays a sample both ways and compares the databases.
import type { Db } from "@/lib/db/client";
import { markRedemptionUsed, redeemCatalogItem } from "@/lib/catalog/redeem";
import { runExpireLots } from "@/lib/jobs/expire-lots";
import { rolloverProgram } from "@/lib/jobs/rollover-periods";
import { accrue, lockAccounts } from "@/lib/ledger";
import { adjustPoints } from "@/lib/ledger/adjust";
import type { PosTerminal } from "@/lib/pos/terminal-auth";
import { confirmPurchase } from "@/lib/purchases/confirm";
import { returnPurchase } from "@/lib/purchases/returns";
import { recordVisit } from "@/lib/purchases/visits";
import type { SeasonEvent } from "./events";
import type { World } from "./world";

export async function replaySeason(db: Db, world: World, log: SeasonEvent[], progress?: (done: number, total: number) => void) {
  const terminals = new Map<string, PosTerminal>(
    [...world.stores.values()].map((s) => [
      s.code,
      { terminalId: s.terminalId, programId: world.programId, store: { id: s.id, code: s.code, tags: s.tags, partnerCode: s.partnerCode, timezone: s.timezone } },
    ]),
  );
  // Spending at a partner's store needs the member present: the till scans the fan's QR token.
  const qr = new Map((await db.card.findMany({ where: { programId: world.programId, status: "active" }, select: { customerId: true, qrToken: true } })).map((c) => [c.customerId, c.qrToken]));
  const receipts = new Map<string, { id: string; store: string }>();
  const opts = { timeout: 60_000, maxWait: 60_000 };
  let done = 0;
  for (const e of log) {
    const at = e.at.toISOString();
    switch (e.kind) {
      case "purchase": {
        const issuedCode = async (purchaseId: string, promotion: string) =>
          (
            await db.promoCode.findFirstOrThrow({
              where: { programId: world.programId, issuedByPurchaseId: purchaseId, promotion: { code: promotion } },
              select: { code: true },
            })
          ).code;
        const promoCodes = [...(e.promoCodes ?? []), ...(e.issuedCode ? [await issuedCode(receipts.get(e.issuedCode.purchaseKey)!.id, e.issuedCode.promotion)] : [])];
        const r = await db.$transaction(
          (tx) =>
            confirmPurchase(
              { db, sql: tx, till: terminals.get(e.store)!, now: e.at },
              {
                ...(e.customerId ? { customer: world.stores.get(e.store)!.partnerCode && e.redeem ? { qr: qr.get(e.customerId)! } : { id: e.customerId } } : {}),
                receipt: { number: e.number, at },
                lines: e.lines,
                redeemPoints: e.redeem ?? 0,
                promoCodes,
                offline: false,
              },
            ),
          opts,
        );
        receipts.set(e.key, { id: String(r.purchaseId), store: e.store });
        break;
      }
      case "return": {
        const p = receipts.get(e.purchaseKey)!;
        await db.$transaction((tx) => returnPurchase({ db, sql: tx, till: terminals.get(p.store)!, now: e.at }, p.id, { returnNumber: e.number, at, reason: e.reason, lines: e.lines }), opts);
        break;
      }
      case "visit":
        await db.$transaction((tx) => recordVisit({ db, sql: tx, till: terminals.get("stadium-gates")!, now: e.at }, { customer: { id: e.customerId }, eventCode: e.eventCode, at }), opts);
        break;
      case "voucher": {
        const item = world.items.get(e.item!)!;
        const r = await redeemCatalogItem(db, { customerId: e.customerId, itemId: item.id, idempotencyKey: e.key, at: e.at });
        if (e.usedAt && e.usedBy) await markRedemptionUsed(db, { programId: world.programId, redemptionId: r.redemption.id, staffUserId: e.usedBy, at: e.usedAt });
        break;
      }
      case "adjust":
        await adjustPoints(db, { customerId: e.customerId, account: "main", points: e.points, reason: e.reason, staffUserId: e.staffUserId, at: e.at, expiresAt: e.expiresAt });
        break;
      case "legacy":
        await db.$transaction(async (tx) => {
          const acc = await lockAccounts(tx, world.programId, e.customerId);
          await accrue(tx, acc.main, { amount: e.points, at: e.at, activation: { kind: "immediate" }, expiresAt: e.expiresAt, reason: "import", type: "adjustment", note: e.note });
        }, opts);
        break;
      case "expire-lots":
        await runExpireLots(db, e.at);
        break;
      case "rollover":
        await rolloverProgram(db, world.programId, world.def, e.at);
        break;
    }
    if (++done % 200 === 0) progress?.(done, log.length);
  }
}

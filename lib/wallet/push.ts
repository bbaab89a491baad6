// Pass updates: the `wallet-push` job (1) queues a WalletPush per registered device for every pass
// whose member's balance or status changed since the last push (row locks on WalletPass, unique
// per device + pass + change, so concurrent or repeated runs queue nothing twice), then (2) sends
// the queued pushes: through APNs when APPLE_APNS=1, otherwise into the outbox (channel push) where
// MESSAGES_TO_OUTBOX allows it. A device told its pass changed asks the web service which passes
// changed and fetches them (lib/wallet/web-service.ts).
import type { Db } from "@/lib/db/client";
import { env, messagesToOutbox } from "@/lib/env";
import { createId } from "@/lib/ids";
import { inTransaction } from "@/lib/messaging/limits";
import { apnsClient, type ApnsClient } from "./apns";
import { appleWalletConfig } from "./config";
import { lastUpdatedOfCards } from "./member-card";

const BATCH = 500;
export const MAX_PUSH_ATTEMPTS = 5;

/** Queues pushes for passes changed since their last push; returns how many were queued. */
export async function queueWalletPushes(db: Db, now: Date): Promise<number> {
  let queued = 0;
  let after = "";
  for (;;) {
    const n = await inTransaction(db, async (tx) => {
      const passes = await tx.$queryRaw<{ cardId: string; through: Date }[]>`
        select p."cardId", coalesce(p."pushedThrough", p."createdAt") as through from "WalletPass" p
        where p."cardId" > ${after} and exists (select 1 from "WalletRegistration" r where r."cardId" = p."cardId")
        order by p."cardId" limit ${BATCH} for update of p skip locked`;
      if (!passes.length) return null;
      after = passes[passes.length - 1].cardId;
      const times = await lastUpdatedOfCards(
        tx,
        passes.map((p) => p.cardId),
      );
      const changed = passes.filter((p) => (times.get(p.cardId)?.getTime() ?? 0) > p.through.getTime());
      if (!changed.length) return 0;
      const regs = await tx.walletRegistration.findMany({ where: { cardId: { in: changed.map((p) => p.cardId) } } });
      const rows = regs.map((r) => ({
        id: createId("wpu", now.getTime()),
        programId: r.programId,
        cardId: r.cardId,
        deviceLibraryId: r.deviceLibraryId,
        pushToken: r.pushToken,
        changedAt: times.get(r.cardId)!,
        createdAt: now,
      }));
      const created = await tx.walletPush.createMany({ data: rows, skipDuplicates: true });
      for (const p of changed) await tx.walletPass.update({ where: { cardId: p.cardId }, data: { pushedThrough: times.get(p.cardId)! } });
      return created.count;
    });
    if (n === null) break;
    queued += n;
  }
  return queued;
}

/** Claims up to `limit` queued pushes (SKIP LOCKED: two workers never take the same one). */
async function claim(db: Db, limit: number) {
  return db.$queryRaw<{ id: string; cardId: string; pushToken: string; attempts: number }[]>`
    update "WalletPush" set attempts = attempts + 1
    where id in (select id from "WalletPush" where status = 'queued' order by "createdAt" limit ${limit} for update skip locked)
    returning id, "cardId", "pushToken", attempts`;
}

/** Sends queued pushes; `client` replaces the APNs client (a test server). */
export async function sendWalletPushes(db: Db, now: Date, opts: { client?: ApnsClient } = {}): Promise<{ sent: number; logged: number; failed: number }> {
  const result = { sent: 0, logged: 0, failed: 0 };
  const config = appleWalletConfig();
  const e = env();
  const useApns = !!config && (e.APPLE_APNS === "1" || !!opts.client);
  if (!useApns && !messagesToOutbox(e)) return result; // nowhere to deliver: they stay queued
  const client = useApns ? (opts.client ?? apnsClient(config!, e.APPLE_APNS_HOST)) : null;
  try {
    for (;;) {
      const batch = await claim(db, 100);
      if (!batch.length) break;
      for (const push of batch) {
        if (!client) {
          await db.$transaction([
            db.outboxMessage.create({
              data: {
                id: createId("wpu", now.getTime()),
                channel: "push",
                to: push.pushToken,
                body: `Wallet pass ${push.cardId} updated`,
                template: "wallet_update",
                status: "logged",
                provider: "outbox",
                createdAt: now,
              },
            }),
            db.walletPush.update({ where: { id: push.id }, data: { status: "logged", sentAt: now } }),
          ]);
          result.logged++;
          continue;
        }
        const r = await client.push(push.pushToken);
        if (r.status === 200) {
          await db.walletPush.update({ where: { id: push.id }, data: { status: "sent", sentAt: new Date(), error: null } });
          result.sent++;
        } else if (r.status === 410 || r.status === 400) {
          // The device no longer takes pushes for this token: it unregistered its passes.
          await db.walletPush.update({ where: { id: push.id }, data: { status: "failed", error: `${r.status} ${r.reason ?? ""}`.trim() } });
          if (r.status === 410) await db.walletRegistration.deleteMany({ where: { pushToken: push.pushToken } });
          result.failed++;
        } else {
          const final = push.attempts >= MAX_PUSH_ATTEMPTS;
          await db.walletPush.update({ where: { id: push.id }, data: { status: final ? "failed" : "queued", error: `${r.status} ${r.reason ?? ""}`.trim() } });
          if (final) result.failed++;
          else return result; // APNs is unwell: the rest waits for the next run
        }
      }
    }
  } finally {
    if (!opts.client) client?.close();
  }
  return result;
}

/** The `wallet-push` job. */
export async function runWalletPush(db: Db, now: Date): Promise<Record<string, number>> {
  const queued = await queueWalletPushes(db, now);
  return { queued, ...(await sendWalletPushes(db, now)) };
}

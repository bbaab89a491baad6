// Job: gift certificates past their expiry date have what is left written off (entry `expiry`,
// status expired; lib/giftcards/console.ts).
import type { Db } from "@/lib/db/client";
import { expireGiftCards } from "@/lib/giftcards/console";

export async function runExpireGiftCards(db: Db, now: Date): Promise<{ expired: number }> {
  return { expired: await expireGiftCards(db, now) };
}

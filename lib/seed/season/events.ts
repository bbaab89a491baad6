// The demo season as a log of events in time order: what tills, gates, the catalog, support
// staff and the jobs did. The planners (plan/*.ts) write intents; the simulation resolves them
// (how many points a fan could actually spend, whether a voucher was affordable) into this log,
// which the bulk writer stores and the replay test sends through the domain functions.
import type { BasketLineInput } from "@/lib/rules/types";

export interface LineIntent extends BasketLineInput {
  name: string;
}

export type SeasonEvent =
  | {
      kind: "purchase";
      at: Date;
      /** Stable key other events refer to (returns). */
      key: string;
      customerId: string | null;
      store: string;
      number: string;
      lines: LineIntent[];
      /** Intent: spend up to this share (0–1) of what the rules allow; resolved into `redeem`. */
      redeemShare?: number;
      /** Resolved points spent. */
      redeem?: number;
      /** Promo codes the customer types in as they are (a shared code from the matchday programme). */
      promoCodes?: string[];
      /** Resolved: the customer also presents the code an earlier receipt of theirs was given by an issueCode promotion. */
      issuedCode?: { purchaseKey: string; promotion: string };
    }
  | { kind: "return"; at: Date; purchaseKey: string; number: string; lines: { lineNo: number; quantity: number }[]; reason?: string }
  | { kind: "visit"; at: Date; customerId: string; eventCode: string }
  | {
      kind: "voucher";
      at: Date;
      customerId: string;
      /** Intent: catalog item codes in order of preference; resolved into `item`. */
      wishes?: string[];
      item?: string;
      key: string;
      /** Marked used by staff at this time. */
      usedAt?: Date | null;
      usedBy?: string | null;
    }
  | { kind: "adjust"; at: Date; customerId: string; points: number; reason: string; staffUserId: string; expiresAt: Date | null }
  | { kind: "legacy"; at: Date; customerId: string; points: number; expiresAt: Date | null; note: string }
  | { kind: "expire-lots"; at: Date }
  | { kind: "rollover"; at: Date };

export type EventKind = SeasonEvent["kind"];

const ORDER: Record<EventKind, number> = { rollover: 0, "expire-lots": 1, legacy: 2, adjust: 3, purchase: 4, visit: 5, return: 6, voucher: 7 };

/** Time order; jobs first at the same instant. */
export function sortEvents(events: SeasonEvent[]): SeasonEvent[] {
  return events.sort((a, b) => a.at.getTime() - b.at.getTime() || ORDER[a.kind] - ORDER[b.kind]);
}

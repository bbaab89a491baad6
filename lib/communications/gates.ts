// The gates every message passes at delivery, as one pure function of what the delivery run read
// under its locks: member and address, suppression list, consent, holdout, quiet hours, weekly
// marketing cap. Transactional messages (the member's own account) need no marketing consent and
// are not capped nor held for quiet hours; nothing is ever sent to a suppressed address.
import { zonedParts, zonedTimeToInstant } from "@/lib/time";
import type { MessageCategory } from "./queue";

export interface QuietHours {
  from: string;
  to: string;
}

export interface GateFacts {
  category: MessageCategory;
  /** The member still exists, is not blocked and still has an address on the channel (null: no member, e.g. staff mail). */
  memberReachable: boolean | null;
  suppressed: boolean;
  /** The channel's consent of the member (emailConsent / smsConsent); null for a message to no member. */
  consent: boolean | null;
  inHoldout: boolean;
  quietHours: QuietHours | null;
  timeZone: string;
  /** Marketing messages per 7 days (null: no cap) and how many slots the member used. */
  capLimit: number | null;
  capUsed: number;
  /** The message already holds a cap slot (a retry). */
  holdsCapSlot: boolean;
}

export type GateOutcome = { kind: "pass"; takesCapSlot: boolean } | { kind: "suppress"; reason: string } | { kind: "defer"; until: Date; reason: "quiet_hours" };

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The end of the quiet hours `at` falls in (in `timeZone`), or null when `at` is not quiet. */
export function quietUntil(q: QuietHours | null, timeZone: string, at: Date): Date | null {
  if (!q) return null;
  const p = zonedParts(at, timeZone);
  const m = p.hour * 60 + p.minute;
  const from = minutes(q.from);
  const to = minutes(q.to);
  if (from === to) return null;
  const quiet = from < to ? m >= from && m < to : m >= from || m < to;
  if (!quiet) return null;
  // Overnight hours seen in the evening end tomorrow morning; every other case ends today.
  const dayShift = from > to && m >= from ? 1 : 0;
  return zonedTimeToInstant(timeZone, p.year, p.month, p.day + dayShift, Math.floor(to / 60), to % 60);
}

export function evaluateGates(f: GateFacts, now: Date): GateOutcome {
  if (f.memberReachable === false) return { kind: "suppress", reason: "member_unreachable" };
  if (f.suppressed) return { kind: "suppress", reason: "address_suppressed" };
  const promotional = f.category !== "transactional";
  if (promotional && f.consent === false) return { kind: "suppress", reason: "no_consent" };
  if (f.inHoldout) return { kind: "suppress", reason: "holdout" };
  if (promotional) {
    const until = quietUntil(f.quietHours, f.timeZone, now);
    if (until) return { kind: "defer", until, reason: "quiet_hours" };
  }
  if (f.category === "marketing" && !f.holdsCapSlot) {
    if (f.capLimit !== null && f.capUsed >= f.capLimit) return { kind: "suppress", reason: "frequency_cap" };
    return { kind: "pass", takesCapSlot: true };
  }
  return { kind: "pass", takesCapSlot: false };
}

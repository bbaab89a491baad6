// A message's status and the words of its gate outcome, shared by the log and the customer's page.
import { Badge } from "@/components/ui/badge";
import type { QueuedStatus } from "@/lib/communications/status";
import type { Translate } from "@/lib/i18n/translate";

const COLOR = {
  queued: "neutral",
  sending: "neutral",
  sent: "blue",
  delivered: "green",
  opened: "green",
  clicked: "brand",
  bounced: "red",
  complained: "red",
  failed: "red",
  suppressed: "amber",
} as const;

export function MessageStatusBadge({ status, t }: { status: QueuedStatus; t: Translate }) {
  return (
    <span className="whitespace-nowrap">
      <Badge tone={COLOR[status]}>{t(`console.msg.status.${status}`)}</Badge>
    </span>
  );
}

const GATE_WORDS = [
  "passed",
  "quiet_hours",
  "provider_error",
  "no_consent",
  "address_suppressed",
  "holdout",
  "frequency_cap",
  "member_unreachable",
  "render_error",
  "bounced",
  "complained",
  "transient_bounce",
  "failed",
] as const;

/** "suppressed:no_consent" → "no consent"; the reason (a bounce) wins over the gate when there is one. */
export function gateText(gate: string | null, reason: string | null, t: Translate): string {
  const word = (reason ?? gate?.split(":").pop() ?? "") as (typeof GATE_WORDS)[number];
  return GATE_WORDS.includes(word) ? t(`console.msg.gate.${word}`) : "—";
}

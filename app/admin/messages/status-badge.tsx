// A message's status, kind and the words of its gate outcome, shared by the log and the customer's page.
import { Badge } from "@/components/ui/badge";
import type { QueuedStatus } from "@/lib/communications/status";
import { TRIGGER_KINDS } from "@/lib/communications/trigger-kinds";
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

/** Trigger kinds and the other templates' names the console can say in words. */
export const MESSAGE_KINDS = [...TRIGGER_KINDS, "campaign", "survey_invitation", "survey_review", "survey_daily_report"] as const;

/** A message's kind (trigger or template key) in words; an unknown key as it is. */
export function kindText(kind: string, t: Translate): string {
  return MESSAGE_KINDS.includes(kind as (typeof MESSAGE_KINDS)[number]) ? t(`console.msg.kind.${kind as (typeof MESSAGE_KINDS)[number]}`) : kind;
}

// A campaign's status as a coloured badge.
import { Badge } from "@/components/ui/badge";
import type { CampaignStatus } from "@/lib/campaigns/store";

const TONE = { draft: "neutral", scheduled: "blue", sending: "amber", sent: "green", canceled: "red" } as const;

export function StatusBadge({ status, label }: { status: CampaignStatus; label: string }) {
  return <Badge tone={TONE[status]}>{label}</Badge>;
}

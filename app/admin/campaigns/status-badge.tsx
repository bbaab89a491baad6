// A campaign's status as a coloured badge.
import { Badge } from "@/components/admin/page-header";
import type { CampaignStatus } from "@/lib/campaigns/store";

const COLOR = { draft: "gray", scheduled: "blue", sending: "amber", sent: "green", canceled: "red" } as const;

export function StatusBadge({ status, label }: { status: CampaignStatus; label: string }) {
  return <Badge color={COLOR[status]}>{label}</Badge>;
}

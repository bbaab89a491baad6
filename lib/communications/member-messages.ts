// A member's messages for Customer 360: newest first, a page at a time, each with its channel,
// template or campaign, status with the gate's reason, and the dates the delivery and the provider
// recorded. Scoped to the program in the query (another program's member reads as no messages).
import type { Db } from "@/lib/db/client";
import { MESSAGE_ROW } from "./console";
import type { MessageCategory } from "./queue";
import type { QueuedStatus } from "./status";

export const MEMBER_MESSAGES_PAGE = 10;

export interface MemberMessage {
  id: string;
  channel: "email" | "sms";
  to: string;
  category: MessageCategory;
  /** The trigger kind or the template's key. */
  kind: string;
  /** The subject as sent, or the trigger's / campaign's subject of the queue. */
  title: string | null;
  campaign: { id: string; name: string; variant: string | null } | null;
  status: QueuedStatus;
  gate: string | null;
  reason: string | null;
  attempts: number;
  createdAt: Date;
  notBefore: Date;
  sentAt: Date | null;
  deliveredAt: Date | null;
  openedAt: Date | null;
  clickedAt: Date | null;
  bouncedAt: Date | null;
  complainedAt: Date | null;
}

export async function memberMessages(db: Db, opts: { programId: string; customerId: string; page: number }): Promise<{ rows: MemberMessage[]; hasNext: boolean }> {
  const page = Number.isInteger(opts.page) && opts.page > 1 ? opts.page : 1;
  const rows = await db.message.findMany({
    where: { programId: opts.programId, customerId: opts.customerId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: (page - 1) * MEMBER_MESSAGES_PAGE,
    take: MEMBER_MESSAGES_PAGE + 1,
    select: { ...MESSAGE_ROW, campaignId: true, deliveredAt: true, openedAt: true, clickedAt: true, bouncedAt: true, complainedAt: true },
  });
  const shown = rows.slice(0, MEMBER_MESSAGES_PAGE);
  const campaignIds = [...new Set(shown.map((r) => r.campaignId).filter((id): id is string => id !== null))];
  const campaigns = campaignIds.length
    ? new Map((await db.campaign.findMany({ where: { programId: opts.programId, id: { in: campaignIds } }, select: { id: true, name: true } })).map((c) => [c.id, c.name]))
    : new Map<string, string>();
  return {
    hasNext: rows.length > MEMBER_MESSAGES_PAGE,
    rows: shown.map(({ template, data, campaignId, subject, ...r }) => {
      const d = (data ?? {}) as { kind?: string; subject?: string; variant?: string | null };
      const name = campaignId ? campaigns.get(campaignId) : undefined;
      return {
        ...r,
        channel: r.channel === "sms" ? "sms" : "email",
        kind: d.kind ?? template,
        title: subject ?? (typeof d.subject === "string" ? d.subject : null),
        campaign: campaignId && name !== undefined ? { id: campaignId, name, variant: d.variant ?? null } : null,
      };
    }),
  };
}

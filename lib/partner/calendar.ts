// The partner's month: its campaigns (from their validity; awaiting approval too, as planned) and
// its mailings (on the day they were sent or are scheduled), placed on the promotions calendar's
// grid (lib/promotions/console.ts monthFrame / spanInMonth). Drafts, rejected and canceled are left out.
import { listCampaigns } from "@/lib/campaigns/store";
import type { Db } from "@/lib/db/client";
import { monthFrame, spanInMonth, type MonthFrame, type MonthSpan } from "@/lib/promotions/console";
import type { PromotionDefinition } from "@/lib/promotions/definition";
import { listPartnerCampaigns, type CampaignState } from "./campaigns/campaigns";

export type CalendarItem = MonthSpan &
  (
    | { kind: "campaign"; key: string; code: string; def: PromotionDefinition; state: CampaignState }
    | { kind: "mailing"; key: string; id: string; name: string; status: "scheduled" | "sending" | "sent"; channel: "email" | "sms" }
  );

export async function partnerCalendar(
  db: Db,
  input: { programId: string; partnerId: string; ym: { year: number; month: number }; timeZone: string; now: Date },
): Promise<MonthFrame & { items: CalendarItem[] }> {
  const [campaigns, mailings] = await Promise.all([listPartnerCampaigns(db, input), listCampaigns(db, input.programId, { partnerId: input.partnerId })]);
  const items: CalendarItem[] = [];
  for (const c of campaigns) {
    if (c.state === "rejected" || c.state === "draft") continue;
    const span = spanInMonth(c.from ?? c.createdAt, c.to, input.ym, input.timeZone);
    if (span) items.push({ kind: "campaign", key: c.code, code: c.code, def: c.def, state: c.state, ...span });
  }
  for (const m of mailings) {
    const at = m.startedAt ?? m.scheduledAt;
    if (!at || (m.status !== "scheduled" && m.status !== "sending" && m.status !== "sent")) continue;
    const span = spanInMonth(at, new Date(at.getTime() + 1), input.ym, input.timeZone);
    if (span) items.push({ kind: "mailing", key: m.id, id: m.id, name: m.name, status: m.status, channel: m.channel, ...span });
  }
  items.sort((a, b) => a.startDay - b.startDay || a.key.localeCompare(b.key));
  return { ...monthFrame(input.ym, input.timeZone, input.now), items };
}

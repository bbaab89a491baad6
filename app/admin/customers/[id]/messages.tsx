// Customer 360's messages: every email and SMS to the member, newest first, a page at a time —
// channel, template or campaign, status with the gate's reason, and the delivery's dates.
import Link from "next/link";
import { DataTable } from "@/components/admin/data-table";
import { MEMBER_MESSAGES_PAGE, memberMessages, type MemberMessage } from "@/lib/communications/member-messages";
import { db } from "@/lib/db/client";
import { gateText, kindText, MessageStatusBadge } from "../../messages/status-badge";
import type { Fmt } from "./sections";

const DATES = ["sentAt", "deliveredAt", "openedAt", "clickedAt", "bouncedAt", "complainedAt"] as const;

export async function MemberMessages({ programId, customerId, page, fmt }: { programId: string; customerId: string; page: number; fmt: Fmt }) {
  const { t } = fmt;
  const { rows, hasNext } = await memberMessages(db(), { programId, customerId, page });
  const dates = (m: MemberMessage) => DATES.filter((k) => m[k]).map((k) => t(`console.c360.msg.${k}`, { date: fmt.dateTime(m[k]!) }));
  return (
    <section aria-labelledby="messages-title" id="messages">
      <h2 id="messages-title" className="mb-3 text-base font-semibold">
        {t("console.c360.messages")}
      </h2>
      <DataTable
        caption={t("console.c360.messages")}
        paramPrefix="msg"
        page={page}
        pageSize={MEMBER_MESSAGES_PAGE}
        hasNext={hasNext}
        columns={[
          { id: "created", header: t("console.msg.col.created") },
          { id: "message", header: t("console.msg.col.message") },
          { id: "channel", header: t("console.msg.col.channel"), hideBelow: "md" },
          { id: "status", header: t("console.msg.col.status") },
          { id: "dates", header: t("console.c360.msg.dates"), hideBelow: "lg" },
        ]}
        rows={rows.map((m) => ({
          id: m.id,
          cells: {
            created: <span className="whitespace-nowrap text-xs tabular-nums">{fmt.dateTime(m.createdAt)}</span>,
            message: (
              <span className="text-sm">
                {m.campaign ? (
                  <Link href={`/admin/campaigns/${m.campaign.id}`} className="font-medium text-brand-700 underline">
                    {m.campaign.name}
                  </Link>
                ) : (
                  <span className="font-medium text-slate-900">{kindText(m.kind, t)}</span>
                )}
                <span className="block text-xs text-slate-600">
                  {t(`console.msg.category.${m.category}`)}
                  {m.campaign?.variant ? ` · ${t("console.c360.msg.variant", { key: m.campaign.variant })}` : ""}
                  {m.title ? ` · ${m.title}` : ""}
                </span>
                <span className="block break-all text-xs text-slate-500">
                  <span className="md:hidden">{t(`console.msg.channel.${m.channel}`)} · </span>
                  {m.to}
                </span>
              </span>
            ),
            channel: t(`console.msg.channel.${m.channel}`),
            status: (
              <span className="text-sm">
                <MessageStatusBadge status={m.status} t={t} />
                {m.status !== "sent" && m.status !== "delivered" && m.status !== "opened" && m.status !== "clicked" && (m.gate || m.reason) ? (
                  <span className="block text-xs text-slate-600">{gateText(m.gate, m.reason, t)}</span>
                ) : null}
                {m.status === "queued" && m.notBefore > m.createdAt ? <span className="block text-xs text-slate-600">{t("console.msg.notBefore", { date: fmt.dateTime(m.notBefore) })}</span> : null}
                {m.attempts > 1 ? <span className="block text-xs text-slate-600">{t("console.msg.attempts", { n: m.attempts })}</span> : null}
              </span>
            ),
            dates: (
              <ul className="space-y-0.5 text-xs text-slate-600">
                {dates(m).map((d) => (
                  <li key={d} className="whitespace-nowrap">
                    {d}
                  </li>
                ))}
              </ul>
            ),
          },
        }))}
        empty={<p className="text-center text-sm text-slate-500">{t("console.c360.noMessages")}</p>}
      />
    </section>
  );
}

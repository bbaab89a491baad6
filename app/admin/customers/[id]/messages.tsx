// Customer 360's messages: every email and SMS to the member, newest first, a page at a time —
// template or campaign with the channel and address, status with the gate's reason and the
// delivery's dates (three columns: the page's main column is narrow next to the actions).
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
          { id: "created", header: t("console.msg.col.created"), hideBelow: "sm" },
          { id: "message", header: t("console.msg.col.message") },
          { id: "status", header: t("console.msg.col.status") },
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
                  <span className="sm:hidden">{fmt.dateTime(m.createdAt)} · </span>
                  {t(`console.msg.channel.${m.channel}`)} · {m.to}
                </span>
              </span>
            ),
            status: (
              <div className="text-sm">
                <MessageStatusBadge status={m.status} t={t} />
                {m.status !== "sent" && m.status !== "delivered" && m.status !== "opened" && m.status !== "clicked" && (m.gate || m.reason) ? (
                  <span className="block text-xs text-slate-600">{gateText(m.gate, m.reason, t)}</span>
                ) : null}
                {m.status === "queued" && m.notBefore > m.createdAt ? <span className="block text-xs text-slate-600">{t("console.msg.notBefore", { date: fmt.dateTime(m.notBefore) })}</span> : null}
                {m.attempts > 1 ? <span className="block text-xs text-slate-600">{t("console.msg.attempts", { n: m.attempts })}</span> : null}
                {dates(m).length > 0 && (
                  <ul className="mt-1 space-y-0.5 text-xs text-slate-600" aria-label={t("console.c360.msg.dates")}>
                    {dates(m).map((d) => (
                      <li key={d} className="whitespace-nowrap">
                        {d}
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            ),
          },
        }))}
        empty={<p className="text-center text-sm text-slate-500">{t("console.c360.noMessages")}</p>}
      />
    </section>
  );
}

// The partner's calendar: a month of its campaigns and mailings, running, planned and past, on the
// console's month grid (components/admin/month-calendar.tsx).
import { notFound } from "next/navigation";
import { MonthCalendar } from "@/components/admin/month-calendar";
import { PageHeader } from "@/components/admin/page-header";
import { Badge } from "@/components/ui/badge";
import { now } from "@/lib/clock";
import { db } from "@/lib/db/client";
import { getT, pageTitle } from "@/lib/i18n/server";
import { partnerCalendar } from "@/lib/partner/calendar";
import { campaignName, STATE_TONE } from "@/lib/partner/campaigns/words";
import { partnerInfo } from "@/lib/partner/partner-info";
import { requirePartner } from "@/lib/partner/session";
import { parseMonth } from "@/lib/promotions/console";

export const generateMetadata = pageTitle("title.partner.calendar");

const BAR = {
  active: "bg-emerald-700 text-white",
  scheduled: "bg-sky-700 text-white",
  awaiting_approval: "bg-amber-300 text-amber-950",
  paused: "bg-amber-300 text-amber-950",
  ended: "bg-slate-600 text-white",
  mailing: "bg-violet-700 text-white",
} as const;

export default async function PartnerCalendarPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const me = await requirePartner();
  const info = await partnerInfo(db(), me.partnerId);
  if (!info) notFound();
  const { t, locale } = await getT(info.program.defaultLocale === "en" ? "en" : "ru");
  const month = (await searchParams).month;
  const at = now();
  const tz = info.program.timezone;
  const cal = await partnerCalendar(db(), { programId: me.programId, partnerId: me.partnerId, ym: parseMonth(typeof month === "string" ? month : undefined, at, tz), timeZone: tz, now: at });
  return (
    <>
      <PageHeader title={t("partner.cal.title")} description={t("partner.cal.lead")} />
      <MonthCalendar
        frame={cal}
        locale={locale}
        monthHref={(m) => `/partner/calendar?month=${m}`}
        texts={{
          prev: t("partner.cal.prev"),
          next: t("partner.cal.next"),
          caption: (m) => t("partner.cal.caption", { month: m }),
          nameColumn: t("partner.cal.col.name"),
          range: (from, to) => t("partner.cal.range", { from, to }),
          empty: t("partner.cal.empty"),
        }}
        rows={cal.items.map((i) =>
          i.kind === "campaign"
            ? {
                ...i,
                name: campaignName(i.def, locale),
                badge: <Badge tone={STATE_TONE[i.state]}>{t(`partner.cmp.state.${i.state}`)}</Badge>,
                href: `/partner/campaigns/${i.code}`,
                barClass: i.state === "draft" || i.state === "rejected" ? BAR.ended : BAR[i.state],
              }
            : {
                ...i,
                badge: <Badge tone="brand">{`${t("partner.cal.mailing")} · ${t(`partner.mail.channel.${i.channel}`)}`}</Badge>,
                href: `/partner/mailings/${i.id}`,
                barClass: BAR.mailing,
              },
        )}
      />
    </>
  );
}

// Small pieces of the Promotions pages: the status badge, a budget progress bar and the
// List / Calendar switch. Server components: texts come translated from the page.
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import type { PromotionViewStatus } from "@/lib/promotions/console";
import type { Translate } from "@/lib/i18n/translate";

const COLOR = { active: "green", scheduled: "blue", paused: "amber", draft: "neutral", ended: "red" } as const;

export function PromotionStatusBadge({ status, t }: { status: PromotionViewStatus; t: Translate }) {
  return <Badge tone={COLOR[status]}>{t(`console.promo.status.${status}`)}</Badge>;
}

/** Used of a budget as a bar; `label` names it for screen readers ("Money budget"). */
export function BudgetBar({ label, share, text }: { label: string; share: number; text: string }) {
  const tone = share >= 90 ? "bg-red-500" : share >= 70 ? "bg-amber-500" : "bg-emerald-500";
  return (
    <div className="min-w-32">
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(share)}
        aria-valuetext={text}
        className="h-2 w-full overflow-hidden rounded-full bg-slate-100"
      >
        <div className={`h-full rounded-full ${tone}`} style={{ width: `${Math.max(share, share > 0 ? 2 : 0)}%` }} />
      </div>
      <p className="mt-1 text-xs tabular-nums text-slate-600">{text}</p>
    </div>
  );
}

export function PromotionTabs({ current, t, month }: { current: "list" | "calendar"; t: Translate; month?: string }) {
  const tabs = [
    { id: "list", href: "/admin/promotions", label: t("console.promo.tab.list") },
    { id: "calendar", href: `/admin/promotions/calendar${month ? `?month=${month}` : ""}`, label: t("console.promo.tab.calendar") },
  ] as const;
  return (
    <nav aria-label={t("console.promo.tabs")} className="mb-4 flex gap-1 rounded-xl bg-slate-100 p-1 text-sm sm:inline-flex">
      {tabs.map((tab) => (
        <Link
          key={tab.id}
          href={tab.href}
          aria-current={current === tab.id ? "page" : undefined}
          className={`flex-1 rounded-lg px-4 py-1.5 text-center font-medium ${current === tab.id ? "bg-white text-slate-900 shadow-sm" : "text-slate-600 hover:text-slate-900"}`}
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}

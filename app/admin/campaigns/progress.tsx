"use client";
// The progress of a campaign: queueing (members reached of the segment's count) and delivery
// (messages past the gates and the provider of those queued), re-read from the server every few
// seconds while either is unfinished.
import { useEffect } from "react";
import { useRouter } from "next/navigation";
import { useT } from "@/lib/i18n/client";

function Bar({ label, value }: { label: string; value: number }) {
  const pct = Math.round(Math.max(0, Math.min(1, value)) * 100);
  return (
    <div>
      <div className="flex justify-between text-sm text-slate-700">
        <span>{label}</span>
        <span className="font-medium tabular-nums">{pct} %</span>
      </div>
      <div role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} className="mt-1 h-2.5 overflow-hidden rounded-full bg-slate-100">
        <div className="h-full rounded-full bg-brand-600 transition-[width] duration-500" style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}

export function CampaignProgress({ queue, delivery, live }: { queue: { done: string; total: string; value: number }; delivery: { done: string; total: string; value: number }; live: boolean }) {
  const t = useT();
  const router = useRouter();
  useEffect(() => {
    if (!live) return;
    const timer = setInterval(() => router.refresh(), 3_000);
    return () => clearInterval(timer);
  }, [live, router]);
  return (
    <div className="space-y-4" data-testid="campaign-progress">
      <Bar label={t("cmp.progress.queue", { done: queue.done, total: queue.total })} value={queue.value} />
      <Bar label={t("cmp.progress.delivery", { done: delivery.done, total: delivery.total })} value={delivery.value} />
      {live && <p className="text-xs text-slate-500">{t("cmp.progress.live")}</p>}
    </div>
  );
}

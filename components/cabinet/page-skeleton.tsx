import { getT } from "@/lib/i18n/server";

/** The skeleton every cabinet list page shows while it loads (its loading.tsx re-exports this). */
export async function PageSkeleton() {
  const { t } = await getT();
  return (
    <div aria-busy="true" aria-live="polite" className="animate-pulse space-y-4">
      <span className="sr-only">{t("cabinet.loading")}</span>
      <div className="h-8 w-48 rounded-lg bg-slate-200" />
      <div className="h-40 rounded-2xl bg-slate-200" />
      <div className="grid gap-4 sm:grid-cols-2">
        <div className="h-32 rounded-2xl bg-slate-200" />
        <div className="h-32 rounded-2xl bg-slate-200" />
      </div>
    </div>
  );
}

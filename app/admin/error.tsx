"use client";
// Any console (or partner portal) page that throws: a calm message and a retry, the shell stays usable.
import { ErrorState } from "@/components/ui/states";
import { useT } from "@/lib/i18n/client";

export default function StaffPageError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useT();
  return (
    <div className="py-8">
      <ErrorState
        title={t("console.error.title")}
        text={error.digest ? `${t("console.error.text")} (${error.digest})` : t("console.error.text")}
        retryLabel={t("console.error.retry")}
        onRetry={reset}
      />
    </div>
  );
}

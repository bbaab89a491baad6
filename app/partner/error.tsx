"use client";
// Any portal page that throws: a calm message and a retry, the shell stays usable.
import { ErrorState } from "@/components/admin/states";
import { useAdminText } from "@/components/admin/admin-text";

export default function PartnerError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const text = useAdminText();
  return (
    <div className="py-8">
      <ErrorState title={text.errorTitle} text={error.digest ? `${text.errorText} (${error.digest})` : text.errorText} retryLabel={text.retry} onRetry={reset} />
    </div>
  );
}

"use client";
// The legacy import's upload: CSV files or a zip, sent to /api/admin/import, which queues a dry
// run; then the run's page (progress, bad rows, reconciliation).
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { useT } from "@/lib/i18n/client";

export function ImportUploadForm() {
  const t = useT();
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const res = await fetch("/api/admin/import", { method: "POST", body: new FormData(e.currentTarget) });
      const body = (await res.json().catch(() => ({}))) as { id?: string; error?: { message?: string } };
      if (!res.ok || !body.id) throw new Error(body.error?.message ?? res.statusText);
      router.push(`/admin/import/${body.id}`);
    } catch (err) {
      setError(t("console.import.upload.failed", { message: (err as Error).message }));
      setBusy(false);
    }
  }
  return (
    <form onSubmit={submit} className="space-y-4" aria-busy={busy || undefined}>
      <div>
        <label htmlFor="legacy-files" className="block text-sm font-medium text-slate-800">
          {t("console.import.upload.label")}
        </label>
        <input
          id="legacy-files"
          name="files"
          type="file"
          multiple
          required
          accept=".csv,.zip,text/csv,application/zip"
          aria-describedby="legacy-files-hint"
          className="mt-1 block w-full text-sm text-slate-700 file:mr-3 file:rounded-lg file:border-0 file:bg-brand-50 file:px-3 file:py-2 file:text-sm file:font-medium file:text-brand-700 hover:file:bg-brand-100"
        />
        <p id="legacy-files-hint" className="mt-1 text-xs text-slate-500">
          {t("console.import.upload.hint")}
        </p>
      </div>
      {error && (
        <p role="alert" className="text-sm font-medium text-red-700">
          {error}
        </p>
      )}
      <Button type="submit" disabled={busy}>
        {busy ? t("console.import.upload.busy") : t("console.import.upload.submit")}
      </Button>
    </form>
  );
}

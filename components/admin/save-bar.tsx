"use client";
// The sticky bar under a definition editor (program rules, promotions): every problem with its
// JSON path, a note for the version history, and the save button.
import { controlClass } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { useT } from "@/lib/i18n/client";

const INPUT = controlClass("md");

export function SaveBar({
  kind,
  errors,
  note,
  onNote,
  onSave,
  pending,
}: {
  /** Whose version is saved: the words differ. */
  kind: "program" | "promotion";
  /** [path, message] pairs. */
  errors: [string, string][];
  note: string;
  onNote: (note: string) => void;
  onSave: () => void;
  pending: boolean;
}) {
  const tx = useT();
  const texts =
    kind === "program"
      ? { save: tx("prog.save"), errors: tx("prog.errors"), note: tx("prog.note"), notePlaceholder: tx("prog.notePlaceholder") }
      : { save: tx("console.promo.save"), errors: tx("console.promo.errors"), note: tx("console.promo.note"), notePlaceholder: tx("console.promo.notePlaceholder") };
  return (
    <section aria-label={texts.save} className="sticky bottom-0 z-10 -mx-1 rounded-2xl bg-white/95 p-4 shadow-lg ring-1 ring-slate-200 backdrop-blur">
      {errors.length > 0 && (
        <div role="alert" className="mb-3 max-h-40 overflow-y-auto rounded-lg bg-red-50 p-3 text-sm text-red-800 ring-1 ring-red-200" data-testid="editor-errors">
          <p className="font-medium">{texts.errors}</p>
          <ul className="mt-1 list-disc pl-5">
            {errors.map(([path, message]) => (
              <li key={path}>
                <code className="text-xs">{path}</code>: {message}
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="flex flex-col gap-3 sm:flex-row sm:items-end">
        <label className="block flex-1 text-sm">
          <span className="font-medium text-slate-800">{texts.note}</span>
          <input className={`${INPUT} mt-1`} value={note} maxLength={500} placeholder={texts.notePlaceholder} onChange={(e) => onNote(e.target.value)} />
        </label>
        <Button onClick={onSave} disabled={pending} aria-busy={pending || undefined}>
          {pending ? tx("console.common.saving") : texts.save}
        </Button>
      </div>
    </section>
  );
}

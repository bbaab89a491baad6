"use client";
// The program editor's "Simulate": the draft as it stands in the editor, the months of history
// to replay, and the button that queues the replay (the action opens its page).
import { ActionForm, SubmitButton, type FormAction } from "@/components/admin/action-form";
import { SelectField } from "@/components/admin/form-field";
import { useT } from "@/lib/i18n/client";

const MONTHS = [3, 6, 12, 24];

export function SimulateForm({ draft, action }: { draft: Record<string, unknown>; action: FormAction }) {
  const t = useT();
  return (
    <ActionForm action={action} className="flex flex-wrap items-end gap-3" aria-label={t("prog.tab.simulate")}>
      <input type="hidden" name="definition" value={JSON.stringify(draft)} />
      <SelectField label={t("prog.sim.months")} name="months" defaultValue="12" className="w-48" options={MONTHS.map((m) => ({ value: String(m), label: t("prog.sim.monthsOption", { n: m }) }))} />
      <SubmitButton>{t("prog.sim.submit")}</SubmitButton>
    </ActionForm>
  );
}

"use client";
// The support actions of a customer page: each a small form with a required reason. Shown only
// for roles that may use them (the server checks again on every submit).
import { ActionForm, SubmitButton } from "@/components/admin/action-form";
import { SelectField, TextAreaField, TextField } from "@/components/admin/form-field";
import { adjustPointsAction, blockAction, newCardAction, setTierAction } from "./actions";
import { MergeDuplicate } from "./merge-duplicate";
import { useT } from "@/lib/i18n/client";

export interface CustomerActionsProps {
  customerId: string;
  blocked: boolean;
  tiers: { code: string; name: string }[];
  manualTier: string | null;
  allow: { adjust: boolean; tier: boolean; block: boolean; card: boolean; merge: boolean };
  /** The customer's name, for the confirmations. */
  name: string;
}

function Section({ title, children, open = false, testId }: { title: string; children: React.ReactNode; open?: boolean; testId?: string }) {
  return (
    <details open={open} className="group border-t border-slate-100 first:border-t-0" data-testid={testId}>
      <summary className="flex cursor-pointer list-none items-center justify-between px-5 py-3 text-sm font-medium text-slate-800 hover:bg-slate-50 [&::-webkit-details-marker]:hidden">
        {title}
        <span aria-hidden className="text-slate-500 transition group-open:rotate-180">
          ▾
        </span>
      </summary>
      <div className="px-5 pb-5 pt-1">{children}</div>
    </details>
  );
}

export function CustomerActions({ customerId, blocked, tiers, manualTier, allow, name }: CustomerActionsProps) {
  const t = useT();
  const reasonField = (
    <TextAreaField
      label={t("console.common.reason")}
      name="reason"
      required
      minLength={3}
      maxLength={500}
      rows={2}
      hint={t("console.common.reasonHint")}
      placeholder={t("console.c360.reasonPlaceholder")}
    />
  );
  const hidden = <input type="hidden" name="customerId" value={customerId} />;
  return (
    <section aria-labelledby="actions-title" className="rounded-2xl bg-white shadow-sm ring-1 ring-slate-200">
      <h2 id="actions-title" className="border-b border-slate-100 px-5 py-3 text-base font-semibold">
        {t("console.c360.actions")}
      </h2>
      {allow.adjust && (
        <Section title={t("console.c360.adjust.title")} open testId="adjust-points">
          <ActionForm action={adjustPointsAction} resetOnSuccess className="space-y-3" aria-label={t("console.c360.adjust.title")}>
            {hidden}
            <div className="grid grid-cols-2 gap-3">
              <SelectField
                label={t("console.c360.adjust.direction")}
                name="direction"
                defaultValue="add"
                options={[
                  { value: "add", label: t("console.c360.adjust.add") },
                  { value: "remove", label: t("console.c360.adjust.remove") },
                ]}
              />
              <SelectField
                label={t("console.c360.adjust.account")}
                name="account"
                defaultValue="main"
                options={[
                  { value: "main", label: t("console.c360.main") },
                  { value: "promo", label: t("console.c360.promo") },
                ]}
              />
            </div>
            <TextField label={t("console.c360.adjust.points")} name="points" type="number" inputMode="numeric" min={1} step={1} required />
            {reasonField}
            <SubmitButton>{t("console.c360.adjust.submit")}</SubmitButton>
          </ActionForm>
        </Section>
      )}
      {allow.tier && (
        <Section title={t("console.c360.tier.title")}>
          <ActionForm action={setTierAction} className="space-y-3" aria-label={t("console.c360.tier.title")}>
            {hidden}
            <SelectField
              label={t("console.c360.tier.tier")}
              name="tierCode"
              defaultValue={manualTier ?? ""}
              options={[{ value: "", label: t("console.c360.tier.none") }, ...tiers.map((x) => ({ value: x.code, label: x.name }))]}
            />
            <TextField label={t("console.c360.tier.until")} name="until" type="date" hint={t("console.c360.tier.untilHint")} />
            {reasonField}
            <SubmitButton>{t("console.c360.tier.submit")}</SubmitButton>
          </ActionForm>
        </Section>
      )}
      {allow.block && (
        <Section title={blocked ? t("console.c360.unblock.title") : t("console.c360.block.title")}>
          <ActionForm
            action={blockAction}
            className="space-y-3"
            aria-label={blocked ? t("console.c360.unblock.title") : t("console.c360.block.title")}
            confirm={blocked ? undefined : { title: t("console.c360.block.confirmTitle", { name }), text: t("console.c360.block.confirmText"), confirmLabel: t("console.c360.block.submit") }}
          >
            {hidden}
            <input type="hidden" name="blocked" value={blocked ? "0" : "1"} />
            {!blocked && <p className="text-sm text-slate-600">{t("console.c360.block.text")}</p>}
            {reasonField}
            <SubmitButton variant={blocked ? "primary" : "danger"}>{blocked ? t("console.c360.unblock.submit") : t("console.c360.block.submit")}</SubmitButton>
          </ActionForm>
        </Section>
      )}
      {allow.card && (
        <Section title={t("console.c360.card.title")}>
          <ActionForm
            action={newCardAction}
            className="space-y-3"
            aria-label={t("console.c360.card.title")}
            confirm={{ title: t("console.c360.card.confirmTitle"), text: t("console.c360.card.confirmText"), confirmLabel: t("console.c360.card.submit"), danger: false }}
          >
            {hidden}
            <p className="text-sm text-slate-600">{t("console.c360.card.text")}</p>
            {reasonField}
            <SubmitButton variant="secondary">{t("console.c360.card.submit")}</SubmitButton>
          </ActionForm>
        </Section>
      )}
      {allow.merge && (
        <Section title={t("console.c360.merge.title")}>
          <MergeDuplicate customerId={customerId} name={name} reasonField={reasonField} />
        </Section>
      )}
    </section>
  );
}

"use client";
// The support actions of a customer page: each a small form with a required reason. Shown only
// for roles that may use them (the server checks again on every submit).
import { ActionForm, SubmitButton } from "@/components/admin/action-form";
import { SelectField, TextAreaField, TextField } from "@/components/admin/form-field";
import { adjustPointsAction, blockAction, newCardAction, setTierAction } from "./actions";
import { MergeDuplicate, type MergeText } from "./merge-duplicate";

export interface CustomerActionsText {
  title: string;
  reason: string;
  reasonHint: string;
  reasonPlaceholder: string;
  adjust: { title: string; account: string; main: string; promo: string; direction: string; add: string; remove: string; points: string; submit: string };
  tier: { title: string; tier: string; none: string; until: string; untilHint: string; submit: string };
  block: { title: string; unblockTitle: string; text: string; submit: string; unblock: string; confirmTitle: string; confirmText: string };
  card: { title: string; text: string; submit: string; confirmTitle: string; confirmText: string };
  merge: MergeText;
}

export interface CustomerActionsProps {
  customerId: string;
  blocked: boolean;
  tiers: { code: string; name: string }[];
  manualTier: string | null;
  allow: { adjust: boolean; tier: boolean; block: boolean; card: boolean; merge: boolean };
  text: CustomerActionsText;
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

export function CustomerActions({ customerId, blocked, tiers, manualTier, allow, text }: CustomerActionsProps) {
  const reasonField = <TextAreaField label={text.reason} name="reason" required minLength={3} maxLength={500} rows={2} hint={text.reasonHint} placeholder={text.reasonPlaceholder} />;
  const hidden = <input type="hidden" name="customerId" value={customerId} />;
  return (
    <section aria-labelledby="actions-title" className="rounded-2xl bg-white shadow-sm ring-1 ring-slate-200">
      <h2 id="actions-title" className="border-b border-slate-100 px-5 py-3 text-base font-semibold">
        {text.title}
      </h2>
      {allow.adjust && (
        <Section title={text.adjust.title} open testId="adjust-points">
          <ActionForm action={adjustPointsAction} resetOnSuccess className="space-y-3" aria-label={text.adjust.title}>
            {hidden}
            <div className="grid grid-cols-2 gap-3">
              <SelectField
                label={text.adjust.direction}
                name="direction"
                defaultValue="add"
                options={[
                  { value: "add", label: text.adjust.add },
                  { value: "remove", label: text.adjust.remove },
                ]}
              />
              <SelectField
                label={text.adjust.account}
                name="account"
                defaultValue="main"
                options={[
                  { value: "main", label: text.adjust.main },
                  { value: "promo", label: text.adjust.promo },
                ]}
              />
            </div>
            <TextField label={text.adjust.points} name="points" type="number" inputMode="numeric" min={1} step={1} required />
            {reasonField}
            <SubmitButton>{text.adjust.submit}</SubmitButton>
          </ActionForm>
        </Section>
      )}
      {allow.tier && (
        <Section title={text.tier.title}>
          <ActionForm action={setTierAction} className="space-y-3" aria-label={text.tier.title}>
            {hidden}
            <SelectField
              label={text.tier.tier}
              name="tierCode"
              defaultValue={manualTier ?? ""}
              options={[{ value: "", label: text.tier.none }, ...tiers.map((t) => ({ value: t.code, label: t.name }))]}
            />
            <TextField label={text.tier.until} name="until" type="date" hint={text.tier.untilHint} />
            {reasonField}
            <SubmitButton>{text.tier.submit}</SubmitButton>
          </ActionForm>
        </Section>
      )}
      {allow.block && (
        <Section title={blocked ? text.block.unblockTitle : text.block.title}>
          <ActionForm
            action={blockAction}
            className="space-y-3"
            aria-label={blocked ? text.block.unblockTitle : text.block.title}
            confirm={blocked ? undefined : { title: text.block.confirmTitle, text: text.block.confirmText, confirmLabel: text.block.submit }}
          >
            {hidden}
            <input type="hidden" name="blocked" value={blocked ? "0" : "1"} />
            {!blocked && <p className="text-sm text-slate-600">{text.block.text}</p>}
            {reasonField}
            <SubmitButton variant={blocked ? "primary" : "danger"}>{blocked ? text.block.unblock : text.block.submit}</SubmitButton>
          </ActionForm>
        </Section>
      )}
      {allow.card && (
        <Section title={text.card.title}>
          <ActionForm
            action={newCardAction}
            className="space-y-3"
            aria-label={text.card.title}
            confirm={{ title: text.card.confirmTitle, text: text.card.confirmText, confirmLabel: text.card.submit, danger: false }}
          >
            {hidden}
            <p className="text-sm text-slate-600">{text.card.text}</p>
            {reasonField}
            <SubmitButton variant="secondary">{text.card.submit}</SubmitButton>
          </ActionForm>
        </Section>
      )}
      {allow.merge && (
        <Section title={text.merge.title}>
          <MergeDuplicate customerId={customerId} text={text.merge} reasonField={reasonField} />
        </Section>
      )}
    </section>
  );
}

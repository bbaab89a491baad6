"use client";
// The campaign editor: name, segment, channel, holdout, and 1–3 variants (share, subject and text
// in Russian and English), each previewable as the real message (rendered on the server by the
// template the delivery uses). Saved as one JSON field; errors come back next to their controls.
import { useState } from "react";
import { ActionForm, SubmitButton } from "@/components/admin/action-form";
import { Button } from "@/components/ui/button";
import { SelectField, TextAreaField, TextField } from "@/components/admin/form-field";
import { Panel } from "@/components/ui/card";
import type { CampaignPreview } from "@/lib/campaigns/preview";
import { useT } from "@/lib/i18n/client";
import { previewCampaign, saveCampaign } from "./actions";

type Locale = "ru" | "en";
const LOCALES: Locale[] = ["ru", "en"];
const KEYS = ["A", "B", "C"] as const;

export interface VariantDraft {
  key: (typeof KEYS)[number];
  percent: number;
  subject: Record<Locale, string>;
  body: Record<Locale, string>;
}

export interface CampaignDraft {
  id?: string;
  name: string;
  segmentId: string;
  channel: "email" | "sms";
  holdoutPercent: number;
  variants: VariantDraft[];
}

const blankVariant = (key: VariantDraft["key"], percent: number): VariantDraft => ({ key, percent, subject: { ru: "", en: "" }, body: { ru: "", en: "" } });

/** Even shares that add up to 100 (50/50, 34/33/33). */
function evenShares(n: number): number[] {
  return Array.from({ length: n }, (_, i) => Math.floor(100 / n) + (i < 100 % n ? 1 : 0));
}

export function CampaignForm({ segments, initial }: { segments: { id: string; name: string }[]; initial?: Partial<CampaignDraft> }) {
  const t = useT();
  const [c, setC] = useState<CampaignDraft>({
    name: "",
    segmentId: segments[0]?.id ?? "",
    channel: "email",
    holdoutPercent: 10,
    variants: [blankVariant("A", 100)],
    ...initial,
  });
  const [preview, setPreview] = useState<{ key: string; locale: Locale; result: CampaignPreview | null } | null>(null);
  const sum = c.variants.reduce((s, v) => s + v.percent, 0);
  const setVariant = (i: number, patch: Partial<VariantDraft>) => setC({ ...c, variants: c.variants.map((v, j) => (j === i ? { ...v, ...patch } : v)) });
  const reshare = (variants: VariantDraft[]) => {
    const shares = evenShares(variants.length);
    return variants.map((v, i) => ({ ...v, key: KEYS[i], percent: shares[i] }));
  };

  async function showPreview(v: VariantDraft, locale: Locale) {
    const r = await previewCampaign(null, { channel: c.channel, subject: v.subject[locale], body: v.body[locale] || " ", locale });
    setPreview({ key: v.key, locale, result: r.ok && v.body[locale].trim() ? (r.data ?? null) : null });
  }

  const payload = { name: c.name, segmentId: c.segmentId, channel: c.channel, holdoutPercent: c.holdoutPercent, variants: c.variants };
  return (
    <ActionForm action={saveCampaign} className="space-y-6" aria-label={t("cmp.f.save")}>
      <input type="hidden" name="id" value={c.id ?? ""} />
      <input type="hidden" name="campaign" value={JSON.stringify(payload)} />
      <Panel>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField label={t("cmp.f.name")} name="name" value={c.name} onChange={(e) => setC({ ...c, name: e.target.value })} required maxLength={120} />
          {segments.length === 0 ? (
            <p className="text-sm text-slate-600">{t("cmp.f.noSegments")}</p>
          ) : (
            <SelectField
              label={t("cmp.f.segment")}
              name="segmentId"
              hint={t("cmp.f.segmentHint")}
              value={c.segmentId}
              onChange={(e) => setC({ ...c, segmentId: e.target.value })}
              options={segments.map((s) => ({ value: s.id, label: s.name }))}
            />
          )}
          <SelectField
            label={t("cmp.f.channel")}
            name="channel"
            value={c.channel}
            onChange={(e) => setC({ ...c, channel: e.target.value === "sms" ? "sms" : "email" })}
            options={[
              { value: "email", label: t("cmp.channel.email") },
              { value: "sms", label: t("cmp.channel.sms") },
            ]}
          />
          <TextField
            label={t("cmp.f.holdout")}
            name="holdoutPercent"
            type="number"
            min={0}
            max={50}
            step={1}
            hint={t("cmp.f.holdoutHint")}
            value={String(c.holdoutPercent)}
            onChange={(e) => setC({ ...c, holdoutPercent: Number(e.target.value) })}
          />
        </div>
      </Panel>
      <Panel
        title={t("cmp.f.variants")}
        actions={
          c.variants.length < 3 ? (
            <Button variant="secondary" size="sm" onClick={() => setC({ ...c, variants: reshare([...c.variants, blankVariant(KEYS[c.variants.length], 0)]) })}>
              + {t("cmp.f.addVariant")}
            </Button>
          ) : undefined
        }
      >
        {sum !== 100 && (
          <p role="alert" className="mb-4 text-sm font-medium text-red-700">
            {t("cmp.f.percentSum", { sum })}
          </p>
        )}
        <div className="space-y-6">
          {c.variants.map((v, i) => (
            <fieldset key={v.key} className="rounded-xl border border-slate-200 p-4">
              <legend className="px-1 text-sm font-semibold text-slate-900">{t("cmp.f.variant", { key: v.key })}</legend>
              <div className="flex flex-wrap items-end gap-3">
                <TextField
                  className="w-32"
                  label={t("cmp.f.percent")}
                  name={`variants.${i}.percent`}
                  type="number"
                  min={1}
                  max={100}
                  value={String(v.percent)}
                  onChange={(e) => setVariant(i, { percent: Number(e.target.value) })}
                />
                {c.variants.length > 1 && (
                  <Button variant="ghost" size="sm" onClick={() => setC({ ...c, variants: reshare(c.variants.filter((_, j) => j !== i)) })}>
                    {t("cmp.f.removeVariant", { key: v.key })}
                  </Button>
                )}
              </div>
              <div className="mt-4 grid gap-4 lg:grid-cols-2">
                {LOCALES.map((locale) => (
                  <div key={locale} className="space-y-3">
                    {c.channel === "email" && (
                      <TextField
                        label={t("cmp.f.subject", { locale: locale.toUpperCase() })}
                        name={`variants.${i}.subject.${locale}`}
                        value={v.subject[locale]}
                        maxLength={150}
                        onChange={(e) => setVariant(i, { subject: { ...v.subject, [locale]: e.target.value } })}
                      />
                    )}
                    <TextAreaField
                      label={t("cmp.f.body", { locale: locale.toUpperCase() })}
                      name={`variants.${i}.body.${locale}`}
                      rows={c.channel === "email" ? 6 : 3}
                      hint={t("cmp.f.bodyHint")}
                      value={v.body[locale]}
                      maxLength={c.channel === "sms" ? 480 : 4_000}
                      onChange={(e) => setVariant(i, { body: { ...v.body, [locale]: e.target.value } })}
                    />
                    <Button variant="secondary" size="sm" onClick={() => void showPreview(v, locale)}>
                      {t("cmp.f.preview", { locale: locale.toUpperCase() })}
                    </Button>
                  </div>
                ))}
              </div>
              {preview && preview.key === v.key && (
                <div className="mt-4" aria-live="polite">
                  <h3 className="text-sm font-semibold text-slate-800">{t("cmp.f.previewTitle", { key: v.key, locale: preview.locale.toUpperCase() })}</h3>
                  {!preview.result ? (
                    <p className="mt-2 text-sm text-slate-600">{t("cmp.f.previewFailed")}</p>
                  ) : preview.result.html ? (
                    <iframe
                      title={t("cmp.f.previewTitle", { key: v.key, locale: preview.locale.toUpperCase() })}
                      srcDoc={preview.result.html}
                      sandbox=""
                      className="mt-2 h-[32rem] w-full rounded-lg border border-slate-200 bg-white"
                    />
                  ) : (
                    <p className="mt-2 max-w-sm whitespace-pre-wrap rounded-2xl bg-slate-100 px-4 py-3 text-sm text-slate-900">{preview.result.text}</p>
                  )}
                </div>
              )}
            </fieldset>
          ))}
        </div>
      </Panel>
      <div className="flex justify-end">
        <SubmitButton>{t("cmp.f.save")}</SubmitButton>
      </div>
    </ActionForm>
  );
}

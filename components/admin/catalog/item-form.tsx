"use client";
// The catalog item form (create and edit) on the console's ActionForm.
import type { ActionResult } from "@/lib/admin/action-result";
import { ActionForm, SubmitButton } from "../action-form";
import { CheckboxField, SelectField, TextAreaField, TextField } from "../form-field";

export interface ItemValues {
  id?: string;
  code: string;
  title: string;
  titleRu: string;
  description: string;
  descriptionRu: string;
  imageUrl: string;
  pointsPrice: string;
  stock: string;
  minTierCode: string;
  availableFrom: string;
  availableUntil: string;
  active: boolean;
  sortOrder: string;
}

export function CatalogItemForm({ values, tiers, text, action, disabled }: {
  values: ItemValues;
  tiers: { value: string; label: string }[];
  text: Record<string, string>;
  action: (prev: ActionResult | null, form: FormData) => Promise<ActionResult>;
  disabled?: boolean;
}) {
  const tx = (k: string) => text[k] ?? k;
  return (
    <ActionForm action={action} className="space-y-5 rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200" aria-label={tx("cat.edit")}>
      {values.id && <input type="hidden" name="id" value={values.id} />}
      <fieldset disabled={disabled} className="grid gap-4 sm:grid-cols-2">
        <TextField label={tx("cat.f.code")} name="code" defaultValue={values.code} hint={tx("cat.f.codeHint")} required />
        <TextField label={tx("cat.f.price")} name="pointsPrice" type="number" min={1} defaultValue={values.pointsPrice} required />
        <TextField label={tx("cat.f.title")} name="title" defaultValue={values.title} required />
        <TextField label={tx("cat.f.titleRu")} name="titleRu" defaultValue={values.titleRu} />
        <TextAreaField label={tx("cat.f.description")} name="description" defaultValue={values.description} rows={4} />
        <TextAreaField label={tx("cat.f.descriptionRu")} name="descriptionRu" defaultValue={values.descriptionRu} rows={4} />
        <TextField label={tx("cat.f.image")} name="imageUrl" defaultValue={values.imageUrl} hint={tx("cat.f.imageHint")} />
        <TextField label={tx("cat.f.stock")} name="stock" type="number" min={0} defaultValue={values.stock} hint={tx("cat.f.stockHint")} />
        <SelectField label={tx("cat.f.minTier")} name="minTierCode" defaultValue={values.minTierCode} options={tiers} placeholder={tx("cat.f.anyTier")} />
        <TextField label={tx("cat.f.sort")} name="sortOrder" type="number" defaultValue={values.sortOrder} />
        <TextField label={tx("cat.f.from")} name="availableFrom" type="datetime-local" defaultValue={values.availableFrom} />
        <TextField label={tx("cat.f.until")} name="availableUntil" type="datetime-local" defaultValue={values.availableUntil} />
        <CheckboxField label={tx("cat.f.active")} name="active" defaultChecked={values.active} className="sm:col-span-2" />
      </fieldset>
      {!disabled && <SubmitButton>{tx("console.common.save")}</SubmitButton>}
    </ActionForm>
  );
}

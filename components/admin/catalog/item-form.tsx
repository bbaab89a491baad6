"use client";
// The catalog item form (create and edit) on the console's ActionForm.
import { useState } from "react";
import type { ActionResult } from "@/lib/actions/result";
import { useToast } from "../toast";
import { ActionForm, SubmitButton } from "../action-form";
import { CheckboxField, SelectField, TextAreaField, TextField } from "../form-field";
import { useT } from "@/lib/i18n/client";

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

export function CatalogItemForm({
  values,
  tiers,
  action,
  disabled,
}: {
  values: ItemValues;
  tiers: { value: string; label: string }[];
  action: (prev: ActionResult | null, form: FormData) => Promise<ActionResult>;
  disabled?: boolean;
}) {
  const tx = useT();
  const [image, setImage] = useState(values.imageUrl);
  const [uploading, setUploading] = useState(false);
  const toast = useToast();

  async function upload(file: File) {
    setUploading(true);
    try {
      const body = new FormData();
      body.set("file", file);
      const res = await fetch("/api/admin/catalog/images", { method: "POST", body });
      const json = (await res.json().catch(() => null)) as { url?: string; error?: { message?: string } } | null;
      if (!res.ok || !json?.url) throw new Error(json?.error?.message ?? res.statusText);
      setImage(json.url);
      toast(tx("cat.f.uploaded"), "success");
    } catch (err) {
      toast((err as Error).message || "Upload failed", "error");
    } finally {
      setUploading(false);
    }
  }

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
        <div className="space-y-2">
          <TextField label={tx("cat.f.image")} name="imageUrl" value={image} onChange={(e) => setImage(e.target.value)} hint={tx("cat.f.imageHint")} />
          {!disabled && (
            <label className="flex flex-wrap items-center gap-2 text-sm text-slate-700">
              <span className="font-medium">{uploading ? tx("cat.f.uploading") : tx("cat.f.upload")}</span>
              <input
                type="file"
                accept="image/png,image/jpeg,image/webp,image/gif"
                disabled={uploading}
                onChange={(e) => {
                  const f = e.target.files?.[0];
                  if (f) void upload(f);
                  e.target.value = "";
                }}
                className="text-xs file:mr-2 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-1.5 file:text-sm file:font-medium file:text-slate-800 hover:file:bg-slate-200"
              />
              <span className="w-full text-xs text-slate-500">{tx("cat.f.uploadHint")}</span>
            </label>
          )}
          {image && (
            // eslint-disable-next-line @next/next/no-img-element -- any path or https URL the staff typed or uploaded
            <img src={image} alt="" className="aspect-[4/3] w-40 rounded-lg bg-slate-100 object-cover ring-1 ring-slate-200" />
          )}
        </div>
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

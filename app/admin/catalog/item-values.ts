// A catalog item as form values (dates as wall-clock time in the program's zone).
import { zonedParts } from "@/lib/time";
import type { ItemValues } from "@/components/admin/catalog/item-form";

const pad = (n: number) => String(n).padStart(2, "0");

export function localInput(d: Date | null, timeZone: string): string {
  if (!d) return "";
  const p = zonedParts(d, timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}

export function itemValues(
  item: {
    id: string;
    code: string;
    title: string;
    titleRu: string | null;
    description: string;
    descriptionRu: string | null;
    imageUrl: string | null;
    pointsPrice: number;
    stock: number | null;
    minTierCode: string | null;
    availableFrom: Date | null;
    availableUntil: Date | null;
    active: boolean;
    sortOrder: number;
  } | null,
  timeZone: string,
): ItemValues {
  if (!item)
    return {
      code: "",
      title: "",
      titleRu: "",
      description: "",
      descriptionRu: "",
      imageUrl: "",
      pointsPrice: "",
      stock: "",
      minTierCode: "",
      availableFrom: "",
      availableUntil: "",
      active: true,
      sortOrder: "0",
    };
  return {
    id: item.id,
    code: item.code,
    title: item.title,
    titleRu: item.titleRu ?? "",
    description: item.description,
    descriptionRu: item.descriptionRu ?? "",
    imageUrl: item.imageUrl ?? "",
    pointsPrice: String(item.pointsPrice),
    stock: item.stock === null ? "" : String(item.stock),
    minTierCode: item.minTierCode ?? "",
    availableFrom: localInput(item.availableFrom, timeZone),
    availableUntil: localInput(item.availableUntil, timeZone),
    active: item.active,
    sortOrder: String(item.sortOrder),
  };
}

// Pure helpers of the console's promotion editor: read and write a definition by its JSON path
// (the same paths parsePromotion reports errors at), dropping emptied objects so the JSON stays
// minimal, and the program-zone wall clock of `validity` (ISO with the zone's offset).
import { zonedParts, zonedTimeToInstant } from "@/lib/time";

export type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** "limits.budget.money" → the value there (undefined when any step is missing). */
export function getAt(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const key of path.split(".")) {
    if (!isObject(cur)) return undefined;
    cur = cur[key];
  }
  return cur;
}

/** A copy with `value` at `path`; undefined removes the key, and objects left empty are removed too. */
export function setAt(obj: Json, path: string, value: unknown): Json {
  const [head, ...rest] = path.split(".");
  const out: Json = { ...obj };
  if (rest.length === 0) {
    if (value === undefined) delete out[head];
    else out[head] = value;
    return out;
  }
  const child = setAt(isObject(obj[head]) ? (obj[head] as Json) : {}, rest.join("."), value);
  if (Object.keys(child).length === 0) delete out[head];
  else out[head] = child;
  return out;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** An ISO instant → "YYYY-MM-DDTHH:MM" on the zone's wall clock (for <input type="datetime-local">); "" when not a date. */
export function localFromIso(iso: unknown, timeZone: string): string {
  if (typeof iso !== "string" || Number.isNaN(Date.parse(iso))) return "";
  const z = zonedParts(new Date(iso), timeZone);
  return `${z.year}-${pad(z.month)}-${pad(z.day)}T${pad(z.hour)}:${pad(z.minute)}`;
}

/** "YYYY-MM-DDTHH:MM" on the zone's wall clock → ISO with the zone's offset ("2026-12-01T00:00:00+03:00"); undefined when malformed. */
export function isoFromLocal(local: string, timeZone: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(local);
  if (!m) return undefined;
  const [y, mo, d, h, mi] = m.slice(1).map(Number);
  const instant = zonedTimeToInstant(timeZone, y, mo, d, h, mi);
  const z = zonedParts(instant, timeZone);
  const offset = Math.round((Date.UTC(z.year, z.month - 1, z.day, z.hour, z.minute) - instant.getTime()) / 60_000);
  const sign = offset < 0 ? "-" : "+";
  const abs = Math.abs(offset);
  return `${z.year}-${pad(z.month)}-${pad(z.day)}T${pad(z.hour)}:${pad(z.minute)}:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** A comma-separated list → its trimmed, non-empty items. */
export function splitList(text: string): string[] {
  return text
    .split(",")
    .map((x) => x.trim())
    .filter(Boolean);
}

export const EFFECT_DEFAULTS = {
  percentOff: { type: "percentOff", percent: 10 },
  fixedPrice: { type: "fixedPrice", unitPrice: 10_000 },
  amountOff: { type: "amountOff", amount: 50_000 },
  buyXgetY: { type: "buyXgetY", buy: 2, get: 1, percent: 100 },
  bonusPoints: { type: "bonusPoints", points: 100 },
  pointsMultiplier: { type: "pointsMultiplier", multiplier: 2 },
  promoAccount: { type: "promoAccount", points: 100 },
  issueCode: { type: "issueCode", promotion: "", validDays: 30 },
} as const;

export type EditorEffectType = keyof typeof EFFECT_DEFAULTS;
export const EFFECT_TYPES = Object.keys(EFFECT_DEFAULTS) as EditorEffectType[];

/** A new promotion: a draft that gives 10 % off until the marketer says otherwise. */
export function newPromotion(): Json {
  return { code: "", status: "draft", trigger: "auto", effect: { ...EFFECT_DEFAULTS.percentOff } };
}

/** A copy of a stored promotion as a new draft: no code yet, and no shared code (a code belongs to one promotion). */
export function copyOfPromotion(def: Json): Json {
  const { code: _code, codes, ...rest } = def;
  const out: Json = { code: "", ...rest, status: "draft" };
  const kept = codes && typeof codes === "object" ? { ...(codes as Json) } : null;
  if (kept) delete kept.shared;
  if (kept?.unique) out.codes = kept;
  return out;
}

// Every problem of a program, promotion or segment definition reads in Russian and English: each
// carries a key of the catalogue, the English text stays the `message` the CLI prints, and zod's
// own messages (no key of ours) still get a text.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parsePromotion, parsePromotionsFile } from "@/lib/promotions/definition";
import { parseProgramDefinition } from "@/lib/program/definition";
import { parseSegmentDefinition } from "@/lib/segments/definition";
import { referenceProgramJson } from "@/lib/rules/reference-programs";
import { translator } from "./translate";
import { issueProblems, m, problemText } from "./definition-issues";
import { definitionsEn, definitionsRu } from "./messages/definitions";
import type { ErrorDetail } from "@/lib/errors";

const ru = translator("ru");
const en = translator("en");

function problems(r: { ok: true } | { ok: false; errors: ErrorDetail[] }): ErrorDetail[] {
  expect(r.ok).toBe(false);
  return r.ok ? [] : r.errors;
}

function everyProblemTranslated(list: ErrorDetail[]) {
  expect(list.length).toBeGreaterThan(0);
  for (const d of list) {
    expect(d.text, `${d.path}: ${d.message}`).toBeDefined();
    // The English text is the message; the Russian one differs and has no placeholder left.
    expect(problemText(en, d)).toBe(d.message);
    const text = problemText(ru, d);
    expect(text, d.path).not.toBe(d.message);
    expect(text).not.toMatch(/\{\w+\}/);
  }
}

describe("definition problems in the reader's language", () => {
  it("promotions: every field's problem and every cross-field rule", () => {
    const list = problems(
      parsePromotion({
        code: "Bad Code",
        name: "",
        status: "live",
        trigger: "sometimes",
        validity: { from: "yesterday", weekdays: ["funday"], hours: [{ from: "25:00", to: "10:00" }] },
        audience: { holdoutPercent: 80, tiers: [""] },
        basket: { minAmount: -5, minQuantity: 1.5 },
        effect: { type: "percentOff", percent: 0 },
        limits: { perCustomer: { uses: 1, period: "fortnight" } },
        colour: "red",
      }),
    );
    everyProblemTranslated(list);
    const byPath = new Map(list.map((d) => [d.path, problemText(ru, d)]));
    expect(byPath.get("code")).toBe("должно быть от 1 до 64 строчных латинских букв, цифр, «.», «_» или «-»");
    expect(byPath.get("colour")).toBe("неизвестное поле «colour»");
    expect(byPath.get("audience.holdoutPercent")).toBe("должно быть от 0 до 50");
    expect(byPath.get("effect.percent")).toBe("должно быть больше 0");
    const cross = problems(parsePromotion({ code: "x", name: "x", trigger: "code", effect: { type: "bonusPoints" }, codes: { unique: { count: 5, pattern: "UA-##" } } }));
    everyProblemTranslated(cross);
    expect(cross.map((d) => problemText(ru, d))).toContain("нужно не меньше 8 символов «#», чтобы код нельзя было угадать");
    const file = problems(parsePromotionsFile({ program: "", promotions: [{ code: "a", name: "A", effect: { type: "issueCode", promotion: "nope", validDays: 5 } }], extra: 1 }));
    everyProblemTranslated(file);
    expect(file.map((d) => problemText(ru, d))).toContain("неизвестная акция «nope»");
  });

  it("programs: primitives, localized texts and cross-field rules", () => {
    const base = referenceProgramJson("football-club") as Record<string, unknown>;
    const tiers = base.tiers as Record<string, unknown>[];
    const list = problems(
      parseProgramDefinition({
        ...base,
        currency: "rub",
        timezone: "Mars/Olympus",
        pointValue: 0.5,
        tiers: [{ ...tiers[0], qualify: { spend: 1 } }, { ...tiers[1], name: { de: "Gold" }, earnRate: 120 }, { ...tiers[1] }],
        stores: [{ code: "s1", partner: "ghost" }],
        expiry: { months: 0 },
      }),
    );
    everyProblemTranslated(list);
    const texts = list.map((d) => problemText(ru, d));
    expect(texts).toContain("неизвестный часовой пояс IANA «Mars/Olympus» (например, «Europe/Moscow»)");
    expect(texts).toContain("неизвестный язык «de» (используйте ru, en)");
    expect(texts).toContain("неизвестный партнёр «ghost» (его нет в partners)");
    everyProblemTranslated(problems(parseProgramDefinition(null)));
  });

  it("segments: conditions, bounds and limits", () => {
    const list = problems(
      parseSegmentDefinition({
        kind: "group",
        op: "xor",
        children: [{ kind: "spend", period: { kind: "lastDays", days: 0 }, op: "between", value: 10 }, { kind: "tier", op: "in", tiers: [] }, { kind: "teleported" }],
      }),
    );
    everyProblemTranslated(list);
    expect(list.map((d) => problemText(ru, d))).toContain("должно быть «and» или «or»");
  });

  it("zod's own messages get a generic text; a marked message keeps its values", () => {
    const r = z.object({ n: z.number().min(3), s: z.string(), list: z.array(z.string()).max(1), e: z.enum(["a", "b"]), w: z.number().max(5, { error: m("def.daysMax", { max: 5 }) }) }).safeParse({
      n: 1,
      s: 4,
      list: ["x", "y"],
      e: "c",
      w: 9,
    });
    expect(r.success).toBe(false);
    const list = r.success ? [] : r.error.issues.flatMap((i) => issueProblems(i));
    const text = Object.fromEntries(list.map((d) => [d.path, problemText(ru, d)]));
    expect(text).toEqual({ n: "должно быть не меньше 3", s: "должно быть строкой", list: "не более 1 элемента", e: 'должно быть одним из: "a", "b"', w: "не более 5 дн." });
  });

  it("the Russian catalogue has a text for every key, with the same placeholders", () => {
    for (const [key, text] of Object.entries(definitionsEn)) {
      const ruText = definitionsRu[key as keyof typeof definitionsEn];
      expect(ruText, key).toBeTruthy();
      const names = (t: string) => [...new Set([...t.matchAll(/\{(\w+)[,}]/g)].map((x) => x[1]))].sort();
      expect(names(ruText), key).toEqual(names(text));
    }
  });
});

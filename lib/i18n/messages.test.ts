import { describe, expect, it } from "vitest";
import { en } from "./messages/en";
import { ru } from "./messages/ru";
import { formatMoney, translator } from "./translate";

describe("i18n", () => {
  it("Russian and English have the same keys and no empty texts", () => {
    expect(Object.keys(ru).sort()).toEqual(Object.keys(en).sort());
    for (const [k, v] of Object.entries(ru)) expect(v.trim(), k).not.toBe("");
  });

  it("every placeholder of a text exists in both languages", () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const k of Object.keys(en) as (keyof typeof en)[]) expect(names(ru[k]), k).toEqual(names(en[k]));
  });

  it("interpolates values and formats money from minor units", () => {
    expect(translator("en")("landing.cashback", { rate: 5 })).toBe("5% back in points");
    expect(formatMoney("en", 1240000, "RUB")).toContain("12,400");
    expect(formatMoney("ru", 1240050, "RUB").replace(/\s/g, " ")).toContain("12 400,50");
  });
});

describe("plural forms", () => {
  it("picks the language's plural form and groups the number", () => {
    const ru = translator("ru");
    const en = translator("en");
    const forms = (n: number) => ru("pos.hint.available", { points: n }).replace(/\s/g, " ");
    expect(forms(1)).toBe("Доступно 1 балл");
    expect(forms(3)).toBe("Доступно 3 балла");
    expect(forms(5)).toBe("Доступно 5 баллов");
    expect(forms(11)).toBe("Доступно 11 баллов");
    expect(forms(21)).toBe("Доступно 21 балл");
    expect(forms(14602)).toBe("Доступно 14 602 балла");
    expect(en("pos.hint.available", { points: 1 })).toBe("1 point available");
    expect(en("pos.hint.available", { points: 12400 })).toBe("12,400 points available");
    expect(ru("pos.receipt.balance", { name: "Иван", points: 14575 }).replace(/\s/g, " ")).toBe("Иван, у вас 14 575 баллов");
  });
});

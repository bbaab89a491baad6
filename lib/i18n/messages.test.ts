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

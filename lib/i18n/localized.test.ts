import { describe, expect, it } from "vitest";
import { fromColumns, localized, toColumns } from "./localized";

describe("localized", () => {
  const gold = { en: "Gold", ru: "Золото" };

  it("reads a plain string the same in every language", () => {
    expect(localized("Gold", "ru")).toBe("Gold");
    expect(localized("Gold", "en", "ru")).toBe("Gold");
  });

  it("falls back: the requested language, the program's, English, then the first given", () => {
    expect(localized(gold, "ru")).toBe("Золото");
    expect(localized(gold, "en")).toBe("Gold");
    expect(localized({ ru: "Золото" }, "en")).toBe("Золото");
    expect(localized({ en: "Gold" }, "ru", "ru")).toBe("Gold");
    expect(localized({ ru: "Золото", en: "Gold" }, "en", "ru")).toBe("Gold");
    expect(localized({ ru: "Золото", en: "Gold" }, "ru", "en")).toBe("Золото");
    expect(localized({ en: "", ru: "Золото" }, "en")).toBe("Золото");
    expect(localized(null, "ru")).toBe("");
    expect(localized({}, "ru")).toBe("");
  });

  it("reads an English column with an optional Russian one", () => {
    expect(localized(fromColumns("Pitch tour", "Экскурсия"), "ru")).toBe("Экскурсия");
    expect(localized(fromColumns("Pitch tour", null), "ru")).toBe("Pitch tour");
    expect(localized(fromColumns("Pitch tour", "Экскурсия"), "en")).toBe("Pitch tour");
  });

  it("splits a per-language field into its columns and leaves the rest alone", () => {
    expect(toColumns({ code: "tour", title: gold, description: "x" }, ["title", "description"])).toEqual({ code: "tour", title: "Gold", titleRu: "Золото", description: "x" });
    expect(toColumns({ title: { ru: "Золото" } }, ["title"])).toEqual({ title: "Золото", titleRu: "Золото" });
    expect(toColumns({ title: "Gold", titleRu: "Золото" }, ["title"])).toEqual({ title: "Gold", titleRu: "Золото" });
    expect(toColumns(null, ["title"])).toBeNull();
  });
});

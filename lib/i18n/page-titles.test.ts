// Page titles go through the i18n layer: every page's metadata is pageTitle(key) (lib/i18n/server.ts),
// and no page or layout writes a title as an English literal.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { en } from "./messages/en";
import { ru } from "./messages/ru";

const ROOT = path.resolve(import.meta.dirname, "../..");
/** Pages whose title is the layout's default (the program's or Tribune's name). */
const BRAND_TITLED = ["app/(public)/page.tsx"];

function files(dir: string, name: RegExp): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? files(p, name) : name.test(f) ? [path.relative(ROOT, p)] : [];
  });
}

describe("page titles", () => {
  const pages = files(path.join(ROOT, "app"), /^page\.tsx$/);
  const read = (f: string) => readFileSync(path.join(ROOT, f), "utf8");

  it("every page takes its title from pageTitle(key), with the key in en and ru", () => {
    const problems: string[] = [];
    for (const page of pages.filter((p) => !BRAND_TITLED.includes(p))) {
      const key = /export const generateMetadata = pageTitle\("([^"]+)"/.exec(read(page))?.[1];
      if (!key) problems.push(`${page}: no pageTitle(…)`);
      else if (!(key in en) || !(key in ru)) problems.push(`${page}: ${key} missing in en or ru`);
    }
    expect(pages.length).toBeGreaterThan(40);
    expect(problems).toEqual([]);
  });

  it("no page or layout writes a literal title", () => {
    const all = files(path.join(ROOT, "app"), /^(page|layout)\.tsx$/);
    expect(all.filter((f) => /export const metadata\b[^;]*title:\s*["{]/.test(read(f)))).toEqual([]);
  });
});

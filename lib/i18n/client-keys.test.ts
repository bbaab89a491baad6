// Every text a client component says through useT() exists in English and Russian and is shipped
// in the I18nProvider bundle of each area whose pages render that component. The areas' client
// modules are found by following imports from the area's folder (app/admin, app/partner,
// app/cabinet) into "use client" files and whatever those import.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AREA_MESSAGES, inBundle, type Area } from "./bundle";
import { en } from "./messages/en";
import { ru } from "./messages/ru";

const ROOT = path.resolve(import.meta.dirname, "../..");
const AREA_ROOTS: Record<Area, string> = { console: "app/admin", partner: "app/partner", cabinet: "app/cabinet" };
const SOURCE = /\.tsx?$/;

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return walk(p);
    return SOURCE.test(name) && !name.endsWith(".test.ts") ? [p] : [];
  });
}

const sources = new Map<string, string>();
function source(file: string): string {
  let s = sources.get(file);
  if (s === undefined) sources.set(file, (s = readFileSync(file, "utf8")));
  return s;
}

function resolveImport(from: string, spec: string): string | null {
  const base = spec.startsWith("@/") ? path.join(ROOT, spec.slice(2)) : spec.startsWith(".") ? path.resolve(path.dirname(from), spec) : null;
  if (!base) return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts"), path.join(base, "index.tsx")]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

// Value imports and re-exports (type-only ones ship no code).
const IMPORT = /^\s*(?:import|export)\s+(?!type\s)(?:[^'";]*?\sfrom\s+)?["']([^"']+)["']/gm;
function imports(file: string): string[] {
  return [...source(file).matchAll(IMPORT)].map((m) => resolveImport(file, m[1])).filter((f): f is string => f !== null);
}

const directive = (file: string, d: string) => new RegExp(`^(\\s*//[^\\n]*\\n)*\\s*["']${d}["']`).test(source(file));

/** The client modules an area's pages render: "use client" files reachable from its folder, and what they import. */
function clientModules(area: Area): Set<string> {
  const seen = new Set<string>();
  const client = new Set<string>();
  const visit = (file: string, inClient: boolean) => {
    if (directive(file, "use server")) return;
    const isClient = inClient || directive(file, "use client");
    const key = `${isClient}|${file}`;
    if (seen.has(key)) return;
    seen.add(key);
    if (isClient) client.add(file);
    for (const dep of imports(file)) visit(dep, isClient);
  };
  for (const file of walk(path.join(ROOT, AREA_ROOTS[area]))) visit(file, false);
  return client;
}

interface Use {
  file: string;
  /** A whole key, or the static start of a template literal key (`seg.kind.${kind}` → "seg.kind."). */
  key: string;
  template: boolean;
}

/** The keys a module passes to the translator it got from useT() (`const t = useT()`). */
function keysUsed(file: string): { uses: Use[]; dynamic: string[] } {
  const text = source(file);
  const names = [...text.matchAll(/const\s+(\w+)\s*=\s*useT\(\)/g)].map((m) => m[1]);
  const uses: Use[] = [];
  const dynamic: string[] = [];
  for (const name of new Set(names)) {
    for (const m of text.matchAll(new RegExp(`(?<![\\w.])${name}\\(\\s*([^)\\s][^,)]*)`, "g"))) {
      const arg = m[1].trim();
      const literal = /^"([^"]+)"$/.exec(arg);
      const template = /^`([^`$]*)(\$\{)?/.exec(arg);
      if (literal) uses.push({ file, key: literal[1], template: false });
      else if (template && template[2]) uses.push({ file, key: template[1], template: true });
      else if (template) uses.push({ file, key: template[1].replace(/`$/, ""), template: false });
      else dynamic.push(`${path.relative(ROOT, file)}: ${name}(${arg})`);
    }
  }
  return { uses, dynamic };
}

const KEYS = Object.keys(en);
const rel = (f: string) => path.relative(ROOT, f);

describe("client components' texts", () => {
  const areas = Object.keys(AREA_MESSAGES) as Area[];
  const modules = new Map(areas.map((a) => [a, clientModules(a)] as const));

  it("finds the client components of every area", () => {
    expect([...modules.get("console")!].map(rel)).toContain("components/admin/action-form.tsx");
    expect([...modules.get("partner")!].map(rel)).toContain("components/shell/terminal-keys.tsx");
    expect([...modules.get("partner")!].map(rel)).toContain("app/admin/sign-in/sign-in-form.tsx");
    expect([...modules.get("cabinet")!].map(rel)).toContain("components/cabinet/sign-in-panel.tsx");
  });

  it.each(areas)("%s: every key exists in en and ru and is in the area's bundle", (area) => {
    const problems: string[] = [];
    for (const file of modules.get(area)!) {
      const { uses, dynamic } = keysUsed(file);
      problems.push(...dynamic.map((d) => `${d}: the key must be a string literal or a template with a static start`));
      for (const u of uses) {
        const where = `${rel(u.file)}: ${u.key}${u.template ? "…" : ""}`;
        const keys = u.template ? KEYS.filter((k) => k.startsWith(u.key)) : [u.key];
        if (u.template && (u.key === "" || keys.length === 0)) problems.push(`${where}: no key starts so`);
        for (const k of keys) {
          if (!(k in en) || !(k in ru)) problems.push(`${where}: ${k} missing in en or ru`);
          else if (!inBundle(area, k)) problems.push(`${where}: ${k} is not in the ${area} bundle (lib/i18n/bundle.ts)`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("every client component that calls useT() is rendered in some area", () => {
    const covered = new Set([...modules.values()].flatMap((m) => [...m]));
    const users = ["app", "components"].flatMap((d) => walk(path.join(ROOT, d))).filter((f) => /useT\(\)/.test(source(f)));
    expect(users.filter((f) => !covered.has(f)).map(rel)).toEqual([]);
  });

  it("no *Text object of translated strings is threaded into client components any more", () => {
    const files = ["app", "components"].flatMap((d) => walk(path.join(ROOT, d)));
    expect(files.filter((f) => /\binterface \w+Text\b/.test(source(f))).map(rel)).toEqual([]);
  });
});

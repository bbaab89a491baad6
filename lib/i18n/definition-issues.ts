// Problems of a definition (program, promotion, segment) as texts of the catalogue: each problem
// keeps its English `message` (what the CLI and the API print) and the key with its values (what
// the console shows in the reader's language). Zod messages carry the key as a marked string
// (`m("def.notEmpty")`), turned back into a key here; zod's own messages get a generic text.
// Imports no catalogue but the definitions' English, so the editors' client bundles stay small.
import type { z } from "zod";
import { formatPath, type ErrorDetail } from "@/lib/errors";
import { interpolate, type Values } from "./format";
import { definitionsEn, type DefinitionKey } from "./messages/definitions";
import type { MessageKey } from "./messages/en";

const MARK = "\u00a7def:";

/** A zod message naming a text (with fixed values): `.min(1, { error: m("def.notEmpty") })`. */
export function m(key: DefinitionKey, values?: Values): string {
  return `${MARK}${key}${values ? JSON.stringify(values) : ""}`;
}

/** "is required" when the field is missing, else the key's text. */
export const say =
  (key: DefinitionKey, values?: Values) =>
  (iss: { input?: unknown }): string =>
    iss.input === undefined ? m("def.required") : m(key, values);

/** The English text of a key (the `message` of a problem). */
export function englishText(key: DefinitionKey, values?: Values): string {
  return interpolate("en", definitionsEn[key], values);
}

/** A problem at `path`: English message, key and values for the console. */
export function problem(path: string, key: DefinitionKey, values?: Values): ErrorDetail {
  return { path, message: englishText(key, values), text: { key, values } };
}

function unmark(message: string): { key: DefinitionKey; values?: Values } | null {
  if (!message.startsWith(MARK)) return null;
  const rest = message.slice(MARK.length);
  const brace = rest.indexOf("{");
  const key = (brace < 0 ? rest : rest.slice(0, brace)) as DefinitionKey;
  if (!(key in definitionsEn)) return null;
  return { key, values: brace < 0 ? undefined : (JSON.parse(rest.slice(brace)) as Values) };
}

type Issue = z.core.$ZodIssue;

/** Zod's own issue (no marked message) → a generic text of the catalogue. */
function generic(issue: Issue): { key: DefinitionKey; values?: Values } {
  switch (issue.code) {
    case "invalid_type":
      // A missing field is marked "def.required" by the parsers' error maps (which see the input).
      if (issue.expected === "string") return { key: "def.string" };
      if (issue.expected === "number" || issue.expected === "int") return { key: "def.type.number" };
      if (issue.expected === "boolean") return { key: "def.type.boolean" };
      if (issue.expected === "array") return { key: "def.type.array" };
      if (issue.expected === "object" || issue.expected === "record") return { key: "def.type.object" };
      return { key: "def.invalid" };
    case "too_small": {
      const min = Number(issue.minimum);
      if (issue.origin === "string") return { key: "def.notEmpty" };
      if (issue.origin === "array" || issue.origin === "set") return { key: "def.minItems", values: { min } };
      return issue.inclusive === false ? { key: "def.moreThan", values: { min } } : { key: "def.atLeast", values: { min } };
    }
    case "too_big": {
      const max = Number(issue.maximum);
      if (issue.origin === "string") return { key: "def.maxChars", values: { max } };
      if (issue.origin === "array" || issue.origin === "set") return { key: "def.maxItems", values: { max } };
      return { key: "def.atMost", values: { max } };
    }
    case "invalid_value":
      return { key: "def.oneOf", values: { options: issue.values.map((v) => JSON.stringify(v)).join(", ") } };
    default:
      return { key: "def.invalid" };
  }
}

/** One zod issue → problems at their paths (an unknown key is one problem per key). */
export function issueProblems(issue: Issue, base: readonly PropertyKey[] = []): ErrorDetail[] {
  if (issue.code === "unrecognized_keys") return issue.keys.map((k) => problem(formatPath([...base, ...issue.path, k]), "def.unknownField", { field: k }));
  const path = formatPath([...base, ...issue.path]);
  const named = unmark(issue.message);
  if (named) return [problem(path, named.key, named.values)];
  const { key, values } = generic(issue);
  return [problem(path, key, values)];
}

/** A problem in the reader's language (`t` of useT() or getT()); problems without a key read as their message. */
export function problemText(t: (key: MessageKey, values?: Values) => string, d: ErrorDetail): string {
  return d.text ? t(d.text.key, d.text.values) : d.message;
}

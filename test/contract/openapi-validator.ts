// Validates real answers of the processing API against the OpenAPI document the server publishes
// (JSON Schema 2020-12 with ajv): the status must be documented for the operation and the body
// must match that status's schema. Used by the POS test harness (every answer of every POS test)
// and by the e2e POS suite (every answer over HTTP).
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";

type Doc = { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>> };

// ajv-formats is CommonJS: its default export arrives wrapped in some loaders.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv2020) => void;

const pointer = (s: string) => s.replace(/~/g, "~0").replace(/\//g, "~1");

export interface AnswerValidator {
  /** Throws with every mismatch when the answer does not match the document. */
  check(method: string, url: string, status: number, body: unknown): void;
  /** How many answers were checked so far. */
  readonly checked: number;
}

export function answerValidator(doc: unknown): AnswerValidator {
  const d = doc as Doc;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(doc as object, "pos-api");
  const compiled = new Map<string, ValidateFunction>();
  const templates = Object.keys(d.paths).map((t) => ({ t, re: new RegExp(`^${t.replace(/\{[^}]+\}/g, "[^/]+")}$`) }));
  let checked = 0;
  return {
    get checked() {
      return checked;
    },
    check(method, url, status, body) {
      const path = new URL(url, "http://x").pathname.replace(/^\/api\/pos\/v1/, "");
      const m = method.toLowerCase();
      const template = templates.find((x) => x.re.test(path) && d.paths[x.t][m])?.t;
      if (!template) throw new Error(`${method} ${path} is not in the OpenAPI document`);
      const responses = d.paths[template][m].responses;
      if (!responses[String(status)]) throw new Error(`${method} ${path} answered ${status}, which the document does not list (${Object.keys(responses).join(", ")}): ${JSON.stringify(body)}`);
      const ref = `pos-api#/paths/${pointer(template)}/${m}/responses/${status}/content/${pointer("application/json")}/schema`;
      let validate = compiled.get(ref);
      if (!validate) {
        validate = ajv.compile({ $ref: ref });
        compiled.set(ref, validate);
      }
      if (!validate(body)) {
        throw new Error(`${method} ${path} ${status} does not match the document: ${ajv.errorsText(validate.errors, { separator: "; " })}\n${JSON.stringify(body)}`);
      }
      checked += 1;
    },
  };
}

// SQL text for a statement prepared on a connection, run through the simple query protocol so it
// can share one round trip with `begin` or `commit` (lib/db/raw-pool.ts): `execute "name"(…)`
// with every value as an untyped literal. An untyped literal is read by the parameter's own type
// input function, exactly like a text-format bind parameter, so the statement, its plan and its
// answer are those of the prepared statement. Values are rendered by node-postgres' own
// `prepareValue` (what it sends as a bind parameter) and quoted by its `escapeLiteral`.
import pg from "pg";

const prepareValue = (pg as unknown as { utils: { prepareValue(v: unknown): unknown } }).utils.prepareValue;

/** A value PostgreSQL's text cannot hold: a bind parameter fails on it, a literal would cut the statement short. */
export class UnrenderableValue extends Error {
  constructor(reason: string) {
    super(`value cannot be inlined as a literal: ${reason}`);
    this.name = "UnrenderableValue";
  }
}

function toParam(v: unknown): unknown {
  if (typeof v === "bigint") return v.toString();
  if (Array.isArray(v)) return v.map(toParam);
  return v;
}

// A frozen array of strings and numbers cannot change, and the hot path sends the same ones on
// every receipt (the ids of the limited promotions in force, lib/promotions/reserve.ts `limitIds`):
// rendered once. Other arrays (not frozen, or holding objects) are rendered every time.
const frozenArrays = new WeakMap<readonly unknown[], string>();
const primitive = (x: unknown) => x === null || typeof x === "string" || typeof x === "number";

/** One value as a literal: `null`, or a quoted string (E'…' when it holds backslashes). */
export function sqlLiteral(v: unknown): string {
  if (Array.isArray(v) && Object.isFrozen(v)) {
    let text = frozenArrays.get(v);
    if (text === undefined) {
      text = render(v);
      if (v.every(primitive)) frozenArrays.set(v, text);
    }
    return text;
  }
  return render(v);
}

const QUOTE_OR_BACKSLASH = /['\\]/;

function render(v: unknown): string {
  const prepared = prepareValue(toParam(v));
  if (prepared === null || prepared === undefined) return "null";
  if (Buffer.isBuffer(prepared)) throw new UnrenderableValue("binary");
  const text = String(prepared);
  if (text.includes("\0")) throw new UnrenderableValue("NUL character");
  // escapeLiteral builds its answer a character at a time (~10 µs for the receipt's 3 kB of
  // promotions); most values have nothing to double, and then the answer is the text in quotes.
  return QUOTE_OR_BACKSLASH.test(text) ? pg.escapeLiteral(text) : `'${text}'`;
}

/** `execute "name"(v1, v2, …)` for a statement prepared (by name) on the connection that runs it. */
export function executeText(name: string, values: readonly unknown[]): string {
  const id = pg.escapeIdentifier(name);
  return values.length ? `execute ${id}(${values.map(sqlLiteral).join(", ")})` : `execute ${id}`;
}

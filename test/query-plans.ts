// Capturing the SQL a piece of code runs and checking the planner's choice for each statement
// (test/hot-query-plans.test.ts). Every pool of the app (lib/db/pool.ts) — Prisma's adapter and the
// processing API's raw connections — sends its statements through pg.Client#query, so wrapping
// that one method sees all of them, with their parameters, whichever pool they came from.
import pg from "pg";

export interface Captured {
  /** The hot path that ran it ("pos: confirm", "console: search by phone", …). */
  path: string;
  text: string;
  values: unknown[];
  /** Sent as a named prepared statement: after five runs PostgreSQL may switch to a generic plan. */
  prepared: boolean;
}

/** Only these are planned; transaction control, SET and the like have no plan to look at. */
const PLANNABLE = /^\s*(select|insert|update|delete|with|merge)\b/i;

let current: string | null = null;
let log: Captured[] = [];
let original: typeof pg.Client.prototype.query | null = null;

/** Starts recording every plannable statement sent by any pg client of this process. */
export function startCapture() {
  if (original) return;
  original = pg.Client.prototype.query;
  const keep = original;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const [first, second] = args as [unknown, unknown];
    if (current) {
      const text = typeof first === "string" ? first : (first as { text?: string } | null)?.text;
      const values = typeof first === "string" ? second : (first as { values?: unknown[] } | null)?.values;
      const prepared = typeof first === "object" && first !== null && typeof (first as { name?: unknown }).name === "string";
      if (text && PLANNABLE.test(text)) log.push({ path: current, text, values: Array.isArray(values) ? values : [], prepared });
    }
    return (keep as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof pg.Client.prototype.query;
}

export function stopCapture(): Captured[] {
  if (original) pg.Client.prototype.query = original;
  original = null;
  current = null;
  const out = log;
  log = [];
  return out;
}

/** Runs `fn` with its statements labelled `path`; calls are sequential, so labels never mix. */
export async function as<T>(path: string, fn: () => Promise<T>): Promise<T> {
  current = path;
  try {
    return await fn();
  } finally {
    current = null;
  }
}

export interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  Filter?: string;
  "Index Cond"?: string;
  "Plan Rows"?: number;
  Plans?: PlanNode[];
}

/** The plan as indented lines, like EXPLAIN's text format but shorter. */
export function planText(node: PlanNode, depth = 0): string {
  const on = node["Relation Name"] ? ` on "${node["Relation Name"]}"` : "";
  const index = node["Index Name"] ? ` using ${node["Index Name"]}` : "";
  const cond = node["Index Cond"] ? ` [${node["Index Cond"]}]` : node.Filter ? ` filter ${node.Filter}` : "";
  const line = `${"  ".repeat(depth)}${node["Node Type"]}${on}${index}${cond} (rows ${node["Plan Rows"] ?? "?"})`;
  return [line, ...(node.Plans ?? []).map((p) => planText(p, depth + 1))].join("\n");
}

/** Every node that reads `relation`, anywhere in the plan (subplans and CTEs included). */
export function scansOf(node: PlanNode, relation: string): PlanNode[] {
  const own = node["Relation Name"] === relation ? [node] : [];
  return [...own, ...(node.Plans ?? []).flatMap((p) => scansOf(p, relation))];
}

/** Relations read by a sequential scan anywhere in the plan (subplans and CTEs included). */
export function seqScans(node: PlanNode): string[] {
  const own = node["Node Type"] === "Seq Scan" && node["Relation Name"] ? [node["Relation Name"]] : [];
  return [...own, ...(node.Plans ?? []).flatMap(seqScans)];
}

export interface PlanFinding {
  statement: Captured;
  /** `nested …`: a statement run inside one of the app's SQL functions (see nestedPlans). */
  kind: "custom" | "generic" | "nested custom" | "nested generic";
  tables: string[];
  plan: string;
}

/**
 * EXPLAIN of each statement on `client`: the custom plan with the captured parameters, and for
 * prepared statements also the generic plan (`EXPLAIN (GENERIC_PLAN)`, what a prepared statement
 * runs once PostgreSQL decides its parameters no longer matter). Returns the plans that read one
 * of `large` by a sequential scan.
 */
export async function findSeqScans(client: pg.ClientBase, statements: Captured[], large: ReadonlySet<string>): Promise<PlanFinding[]> {
  const found: PlanFinding[] = [];
  // A plan reads a partitioned table through its partitions ("LedgerEntry_p2026_12"): a sequential
  // scan of one is a sequential scan of its table — unless the partition is empty on disk (a month
  // ahead, the default partition), where the scan reads no page at all and the planner rightly takes
  // it, or holds at most 4 pages (the current month's first days), fewer than an index probe reads.
  const { rows: parts } = await client.query<{ part: string; root: string; empty: boolean }>(
    `select c.relname as part, r.relname as root, pg_relation_size(c.oid) <= 4 * current_setting('block_size')::int as empty
     from pg_class c join pg_class r on r.oid = pg_partition_root(c.oid) where c.relispartition and c.relkind = 'r'`,
  );
  const root = new Map(parts.map((p) => [p.part, p.empty ? `${p.part} (empty or 4-page partition)` : p.root]));
  const check = async (statement: Captured, kind: PlanFinding["kind"], sql: string, values: unknown[]) => {
    const { rows } = await client.query<{ "QUERY PLAN": { Plan: PlanNode }[] }>({ text: sql, values });
    report(statement, kind, rows[0]["QUERY PLAN"][0].Plan);
  };
  const report = (statement: Captured, kind: PlanFinding["kind"], plan: PlanNode) => {
    const tables = [
      ...new Set(
        seqScans(plan)
          .map((t) => root.get(t) ?? t)
          .filter((t) => large.has(t)),
      ),
    ];
    if (tables.length) found.push({ statement, kind, tables, plan: planText(plan) });
  };
  for (const s of statements) {
    await check(s, "custom", `EXPLAIN (FORMAT JSON) ${s.text}`, s.values);
    if (s.prepared && s.values.length) await check(s, "generic", `EXPLAIN (GENERIC_PLAN, FORMAT JSON) ${s.text}`, []);
    if (CALLS_FUNCTION.test(s.text)) {
      for (const mode of ["custom", "generic"] as const) for (const plan of await nestedPlans(client, s, mode)) report(s, `nested ${mode}`, plan);
    }
  }
  return found;
}

/** A statement that calls one of the app's PL/pgSQL functions (migrations), whose statements EXPLAIN does not show. */
const CALLS_FUNCTION = /\bfrom\s+"tribune_\w+"\s*\(/i;

/**
 * The plans of the statements a function call runs inside the function: the call itself, with
 * its captured parameters, in a transaction that is rolled back, with auto_explain logging every
 * nested statement's plan to this client as a NOTICE. `mode`: the plan cache forced to custom
 * plans (the first runs) or to the generic plan (what PL/pgSQL keeps after five).
 */
async function nestedPlans(client: pg.ClientBase, s: Captured, mode: "custom" | "generic"): Promise<PlanNode[]> {
  const plans: PlanNode[] = [];
  const onNotice = (n: { message?: string }) => {
    const m = n.message ?? "";
    const i = m.indexOf("plan:\n");
    if (i >= 0) plans.push((JSON.parse(m.slice(i + 6)) as { Plan: PlanNode }).Plan);
  };
  client.on("notice", onNotice);
  try {
    await client.query("begin");
    await client.query("load 'auto_explain'");
    for (const set of [
      "set local auto_explain.log_min_duration = 0",
      "set local auto_explain.log_nested_statements = on",
      "set local auto_explain.log_format = json",
      "set local auto_explain.log_level = notice",
      `set local plan_cache_mode = force_${mode}_plan`,
    ])
      await client.query(set);
    await client.query({ text: s.text, values: s.values });
  } finally {
    await client.query("rollback");
    client.off("notice", onNotice);
  }
  // The outer statement (the call) is logged too; the nested ones are what EXPLAIN could not see.
  if (plans.length < 2) throw new Error(`auto_explain logged no nested statement of ${s.text.slice(0, 80)}`);
  return plans;
}

/** One statement per distinct text and path (the first run's parameters). */
export function distinct(statements: Captured[]): Captured[] {
  const seen = new Set<string>();
  return statements.filter((s) => {
    const key = `${s.path}\u0000${s.text}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

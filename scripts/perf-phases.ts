// npx tsx scripts/perf-phases.ts FILE.perf.data --per N [--depth 4] [--min 0.5] [--comm postgres]
// (--comm: only that command's samples, for a system-wide `perf record -a`.)
// PostgreSQL backend CPU by phase, from a `perf record -e cpu-clock --call-graph dwarf` of the
// backends (scripts/profile-confirm.ts --perf DIR). Each sample's stack, root to leaf, is reduced to
// the phases it passes through (the markers below: exec_simple_query → ExecuteQuery → GetCachedPlan
// → …), and the samples are summed per path prefix: a tree of ms per operation (`--per N`: the
// measured loop's operations), each node inclusive of its children. Then every marker's inclusive
// total wherever it is on the stack (e.g. the lock manager under plan cache and executor alike), and
// the functions by self time. cpu-clock samples are CPU time (the sample's period, in ns).
import { execFileSync } from "node:child_process";
import { parseArgs } from "node:util";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { per: { type: "string" }, depth: { type: "string" }, min: { type: "string" }, self: { type: "string" }, comm: { type: "string" } },
});
const file = positionals[0];
if (!file) throw new Error("usage: perf-phases.ts FILE.perf.data --per N [--depth D] [--min PCT] [--self N] [--comm NAME]");
const per = Number(values.per ?? 1);
const maxDepth = Number(values.depth ?? 5);
const minPct = Number(values.min ?? 0.5);

// Marker functions by phase. The first group a frame belongs to names it; consecutive frames of the
// same phase count once (recursion, SPI inside SPI through plpgsql is kept: the labels differ).
const PHASES: [string, string[]][] = [
  ["simple query (exec_simple_query)", ["exec_simple_query"]],
  ["extended: parse", ["exec_parse_message"]],
  ["extended: bind", ["exec_bind_message"]],
  ["extended: execute", ["exec_execute_message"]],
  ["read command (socket)", ["ReadCommand", "SocketBackend"]],
  ["ReadyForQuery / flush", ["ReadyForQuery", "socket_flush", "internal_flush_buffer", "pq_flush"]],
  ["raw parse", ["pg_parse_query", "raw_parser"]],
  [
    "analyze + rewrite",
    ["pg_analyze_and_rewrite_fixedparams", "pg_analyze_and_rewrite_varparams", "pg_analyze_and_rewrite_withcb", "parse_analyze_fixedparams", "parse_analyze_varparams", "pg_rewrite_query"],
  ],
  ["plan the string's statements", ["pg_plan_queries"]],
  ["EXECUTE: evaluate parameters", ["EvaluateParams"]],
  ["plan cache: GetCachedPlan", ["GetCachedPlan"]],
  ["revalidate (RevalidateCachedQuery)", ["RevalidateCachedQuery"]],
  ["plan's locks (AcquireExecutorLocks)", ["AcquireExecutorLocks", "AcquirePlannerLocks", "CheckCachedPlan"]],
  ["build plan (BuildCachedPlan)", ["BuildCachedPlan"]],
  ["planner", ["standard_planner", "planner"]],
  ["ExecutorStart", ["standard_ExecutorStart", "ExecutorStart"]],
  ["ExecutorRun", ["standard_ExecutorRun", "ExecutorRun"]],
  ["ExecutorFinish (statement's AFTER triggers)", ["standard_ExecutorFinish", "ExecutorFinish"]],
  ["ExecutorEnd", ["standard_ExecutorEnd", "ExecutorEnd"]],
  ["portal drop / cleanup", ["PortalDrop", "PortalCleanup"]],
  ["trigger call", ["ExecCallTriggerFunc"]],
  ["foreign-key check (RI_FKey_check)", ["RI_FKey_check_ins", "RI_FKey_check_upd", "RI_FKey_check", "ri_PerformCheck"]],
  ["PL/pgSQL", ["plpgsql_call_handler"]],
  ["SPI statement", ["_SPI_execute_plan", "SPI_execute_plan_extended", "SPI_execute_plan_with_paramlist", "SPI_execute_snapshot"]],
  ["SQL function", ["fmgr_sql"]],
  ["start transaction", ["StartTransactionCommand", "StartTransaction"]],
  ["commit (CommitTransactionCommand)", ["CommitTransactionCommand", "CommitTransaction"]],
  ["deferred triggers at commit", ["AfterTriggerFireDeferred"]],
  ["commit record (RecordTransactionCommit)", ["RecordTransactionCommit"]],
  ["WAL insert (XLogInsert)", ["XLogInsert", "XLogInsertRecord"]],
  ["WAL flush (XLogFlush)", ["XLogFlush", "XLogBackgroundFlush"]],
  ["resource release", ["ResourceOwnerRelease", "AtEOXact_RelationCache", "AtEOXact_CatCache", "AtEOXact_Inval", "AtEOXact_Snapshot"]],
  ["lock manager", ["LockAcquireExtended", "LockRelease", "LockReleaseAll", "LockRelationOid", "UnlockRelationOid"]],
  ["snapshot", ["GetSnapshotData", "GetTransactionSnapshot", "GetLatestSnapshot", "GetCatalogSnapshot"]],
  [
    "catcache / relcache / syscache",
    [
      "SearchCatCache",
      "SearchCatCache1",
      "SearchCatCache2",
      "SearchCatCache3",
      "SearchCatCache4",
      "SearchCatCacheList",
      "RelationIdGetRelation",
      "RelationBuildDesc",
      "SearchSysCache",
      "SearchSysCache1",
      "SearchSysCache2",
      "SearchSysCache3",
    ],
  ],
  ["invalidation messages", ["AcceptInvalidationMessages", "ProcessInvalidationMessages"]],
  ["heap insert", ["heap_insert", "heap_multi_insert", "heapam_tuple_insert"]],
  ["heap update", ["heap_update", "heapam_tuple_update"]],
  ["heap lock tuple", ["heap_lock_tuple", "heapam_tuple_lock"]],
  ["index insert", ["ExecInsertIndexTuples"]],
  ["transition tables / tuplestore", ["tuplestore_puttupleslot", "tuplestore_puttuple", "tuplestore_begin_heap", "tuplestore_end", "AfterTriggerSaveEvent"]],
  ["expression init", ["ExecInitExprRec", "ExecBuildProjectionInfo", "ExecInitQual"]],
  ["type input of literals/params", ["InputFunctionCall", "OidInputFunctionCall"]],
  ["memory contexts", ["AllocSetAlloc", "AllocSetFree", "AllocSetReset", "AllocSetDelete", "MemoryContextDelete", "MemoryContextReset", "palloc", "palloc0", "pfree"]],
];
const phaseOf = new Map<string, string>();
for (const [label, fns] of PHASES) for (const f of fns) phaseOf.set(f, label);

const text = execFileSync("perf", ["script", "-i", file, ...(values.comm ? ["--comms", values.comm] : []), "-F", "period,ip,sym,dso"], {
  maxBuffer: 1 << 30,
  stdio: ["ignore", "pipe", "ignore"],
}).toString();

type Node = { ns: number; kids: Map<string, Node> };
const root: Node = { ns: 0, kids: new Map() };
const inclusive = new Map<string, number>();
const self = new Map<string, number>();
let totalNs = 0;
let samples = 0;

for (const block of text.split(/\n\s*\n/)) {
  const lines = block.split("\n").filter((l) => l.trim());
  if (!lines.length) continue;
  const period = Number(lines[0].trim().split(/\s+/)[0]);
  if (!Number.isFinite(period)) continue;
  const frames = lines.slice(1).map((l) => {
    const m = l.trim().match(/^[0-9a-f]+ (.+?) \((.*)\)$/);
    const sym = m ? m[1].replace(/\+0x[0-9a-f]+$/, "") : "?";
    const dso = m ? m[2] : "";
    return dso.includes("kernel") || (dso === "[unknown]" && sym.startsWith("[")) ? `[k] ${sym}` : sym;
  });
  samples++;
  totalNs += period;
  const leaf = frames[0] ?? "?";
  self.set(leaf, (self.get(leaf) ?? 0) + period);
  // Root to leaf.
  const path: string[] = [];
  const seen = new Set<string>();
  for (let i = frames.length - 1; i >= 0; i--) {
    const label = phaseOf.get(frames[i]);
    if (!label) continue;
    if (path[path.length - 1] !== label) path.push(label);
    seen.add(label);
  }
  if (leaf.startsWith("[k]")) {
    path.push("(kernel)");
    seen.add("(kernel)");
  }
  for (const l of seen) inclusive.set(l, (inclusive.get(l) ?? 0) + period);
  let node = root;
  node.ns += period;
  for (const label of path.slice(0, maxDepth)) {
    let k = node.kids.get(label);
    if (!k) node.kids.set(label, (k = { ns: 0, kids: new Map() }));
    k.ns += period;
    node = k;
  }
}

const ms = (ns: number) => (ns / 1e6 / per).toFixed(3);
const pct = (ns: number) => ((100 * ns) / totalNs).toFixed(1);
console.log(`${file}: ${samples} samples, ${(totalNs / 1e6).toFixed(0)} ms of backend CPU, ${ms(totalNs)} ms per operation (--per ${per})\n`);
console.log("| phase (nested: each row includes the rows indented under it) | ms per operation | % |\n| --- | ---: | ---: |");
const walk = (n: Node, depth: number) => {
  for (const [label, k] of [...n.kids].sort((a, b) => b[1].ns - a[1].ns)) {
    if ((100 * k.ns) / totalNs < minPct) continue;
    console.log(`| ${"&nbsp;&nbsp;".repeat(depth * 2)}${label} | ${ms(k.ns)} | ${pct(k.ns)} |`);
    walk(k, depth + 1);
  }
};
walk(root, 0);
const other = root.ns - [...root.kids.values()].reduce((s, k) => s + k.ns, 0);
console.log(`| (no marker on the stack) | ${ms(other)} | ${pct(other)} |`);

console.log("\n| marker, wherever on the stack | ms per operation | % |\n| --- | ---: | ---: |");
for (const [label, ns] of [...inclusive].sort((a, b) => b[1] - a[1])) console.log(`| ${label} | ${ms(ns)} | ${pct(ns)} |`);

console.log("\n| function, self time | ms per operation | % |\n| --- | ---: | ---: |");
for (const [fn, ns] of [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(values.self ?? 30))) console.log(`| \`${fn}\` | ${ms(ns)} | ${pct(ns)} |`);

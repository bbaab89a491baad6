import pg from "pg";
import { segmentDefinitionOrThrow } from "@/lib/segments/definition";
import { compileSegment, countQuery } from "@/lib/segments/compile";
const url = process.argv[2];
const c = new pg.Client({ connectionString: url });
await c.connect();
const prog = (await c.query(`SELECT id FROM "Program" WHERE code = 'bench-segments'`)).rows[0].id;
const def = segmentDefinitionOrThrow(JSON.parse(process.argv[3]));
const ctx = { programId: prog, now: new Date(), timeZone: "Europe/Moscow", entryTier: "novice" };
for (const activity of process.argv[4] === "both" ? [false, true] : [true]) {
  const q = countQuery(compileSegment(def, ctx, { activity }));
  await c.query("BEGIN; SET LOCAL work_mem = '64MB'; SET LOCAL max_parallel_workers_per_gather = 0");
  const r = await c.query("EXPLAIN (ANALYZE, BUFFERS OFF, TIMING OFF) " + q.sql, q.params);
  await c.query("COMMIT");
  console.log(`--- activity=${activity}`);
  console.log(r.rows.map((x) => x["QUERY PLAN"]).join("\n"));
}
await c.end();

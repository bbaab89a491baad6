// Prisma's own schema differ (the WebAssembly schema engine over the pg adapter), for tooling
// and the drift test: it compares a live database with schema.prisma exactly as Prisma Migrate would.
import { readdirSync, readFileSync, statSync } from "node:fs";
import fs from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";

export const SCHEMA_PATH = path.resolve(process.cwd(), "prisma/schema");

/** The schema files: one file, or every *.prisma file of a folder. */
export function schemaFiles(schemaPath = SCHEMA_PATH): { path: string; content: string }[] {
  const paths = statSync(schemaPath).isDirectory()
    ? readdirSync(schemaPath)
        .filter((f) => f.endsWith(".prisma"))
        .sort()
        .map((f) => path.join(schemaPath, f))
    : [schemaPath];
  return paths.map((p) => ({ path: p, content: readFileSync(p, "utf8") }));
}

const PG_CHAR_OID = 18; // the one-byte "char" of pg_catalog
const PG_TEXT_OID = 25;
const COLUMN_TYPE_CHARACTER = 6; // ColumnTypeEnum.Character of @prisma/driver-adapter-utils

type AnyAdapter = {
  performIO(q: unknown): Promise<{ fields: { dataTypeID: number }[] }>;
  queryRaw(q: unknown): Promise<{ columnTypes: number[] }>;
};

/**
 * adapter-pg cannot decode pg_catalog's "char" columns that the schema describer reads;
 * decode them as text and report them as Character. Calls are serialised so the column
 * positions seen in performIO belong to the same queryRaw.
 */
function patchCharColumns(a: AnyAdapter): AnyAdapter {
  const perform = a.performIO.bind(a);
  const query = a.queryRaw.bind(a);
  let charColumns: number[] = [];
  let chain: Promise<unknown> = Promise.resolve();
  a.performIO = async (q) => {
    const r = await perform(q);
    charColumns = [];
    r.fields.forEach((f, i) => {
      if (f.dataTypeID === PG_CHAR_OID) {
        f.dataTypeID = PG_TEXT_OID;
        charColumns.push(i);
      }
    });
    return r;
  };
  a.queryRaw = (q) => {
    const run = chain.then(async () => {
      const r = await query(q);
      for (const i of charColumns) r.columnTypes[i] = COLUMN_TYPE_CHARACTER;
      return r;
    });
    chain = run.catch(() => {});
    return run;
  };
  return a;
}

interface SchemaEngineLike {
  diff(params: unknown): Promise<{ exitCode: number; stdout?: string | null }>;
  free(): void;
}

let engineClass: Promise<{ new: (o: unknown, d: unknown, a: unknown) => Promise<SchemaEngineLike> }> | undefined;

function loadEngineClass() {
  engineClass ??= (async () => {
    const g = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: unknown };
    g.PRISMA_WASM_PANIC_REGISTRY ??= {
      set_message(m: string) {
        console.error(`[prisma schema engine] ${m}`);
      },
    };
    const require = createRequire(import.meta.url);
    const runtime = (await import("@prisma/schema-engine-wasm/schema_engine_bg" as string)) as Record<string, unknown> & {
      __wbg_set_wasm(x: unknown): void;
      SchemaEngine: { new: (o: unknown, d: unknown, a: unknown) => Promise<SchemaEngineLike> };
    };
    const wasmPath = require.resolve("@prisma/schema-engine-wasm").replace(/schema_engine\.js$/, "schema_engine_bg.wasm");
    const mod = new WebAssembly.Module(await fs.readFile(wasmPath));
    const inst = new WebAssembly.Instance(mod, { "./schema_engine_bg.js": runtime as WebAssembly.ModuleImports });
    runtime.__wbg_set_wasm(inst.exports);
    (inst.exports.__wbindgen_start as () => void)();
    return runtime.SchemaEngine;
  })();
  return engineClass;
}

const NO_FILTER = { externalTables: [], externalEnums: [] };

/**
 * SQL that would bring the database at `url` to the Prisma schema ("" when they match).
 * `from: "empty"` gives the SQL that creates the whole schema.
 */
export async function diffToSchema(url: string, from: "database" | "empty" = "database", schemaPath = SCHEMA_PATH) {
  const files = schemaFiles(schemaPath);
  const factory = new PrismaPg({ connectionString: url, max: 2 }) as unknown as {
    connect(): Promise<AnyAdapter>;
  };
  const connect = factory.connect.bind(factory);
  factory.connect = async () => patchCharColumns(await connect());
  const adapter = bindMigrationAwareSqlAdapterFactory(factory as never);
  const Engine = await loadEngineClass();
  const engine = await Engine.new({ datamodels: files.map((f) => [f.path, f.content]) }, () => {}, adapter);
  try {
    const result = await engine.diff({
      from: from === "empty" ? { tag: "empty" } : { tag: "schemaDatasource", files, configDir: process.cwd() },
      to: { tag: "schemaDatamodel", files },
      script: true,
      exitCode: true,
      filters: NO_FILTER,
    });
    const sql = (result.stdout ?? "").trim();
    return sql === "-- This is an empty migration." ? "" : sql;
  } finally {
    engine.free();
  }
}

// The bulk path's writer: rows go to PostgreSQL as multi-row INSERT … SELECT FROM unnest(arrays),
// thousands per statement, in one transaction (a half-written season never stays behind).
import type pg from "pg";

/** A column: its name, the array type its values travel as, and an optional cast (enums). */
export type Column = [name: string, type: "text" | "int" | "bigint" | "bool" | "timestamptz" | "date" | "jsonb", cast?: string];

export async function insertRows(client: pg.ClientBase, table: string, columns: Column[], rows: unknown[][], chunk = 4000) {
  if (!rows.length) return;
  const select = columns.map(([, , cast], i) => (cast ? `x.c${i}::${cast}` : `x.c${i}`)).join(", ");
  const unnest = columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(", ");
  const sql = `insert into "${table}" (${columns.map(([n]) => `"${n}"`).join(", ")}) select ${select} from unnest(${unnest}) as x(${columns.map((_, i) => `c${i}`).join(", ")})`;
  for (let from = 0; from < rows.length; from += chunk) {
    const part = rows.slice(from, from + chunk);
    const params = columns.map(([, type], i) =>
      part.map((r) => {
        const v = r[i];
        if (v === undefined || v === null) return null;
        if (type === "jsonb") return JSON.stringify(v);
        if (type === "date" && v instanceof Date) return v.toISOString().slice(0, 10);
        if (v instanceof Date) return v.toISOString();
        if (typeof v === "bigint") return v.toString();
        return v;
      }),
    );
    await client.query(sql, params);
  }
}

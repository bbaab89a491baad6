import fc from "fast-check";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { testDatabaseUrl } from "@/test/db";
import { executeText, sqlLiteral, UnrenderableValue } from "./literal";
import { rawTypes } from "./raw-pool";

const client = new pg.Client({ connectionString: testDatabaseUrl(), types: rawTypes });
const connected = client.connect();
afterAll(() => client.end());

// Tricky text: quotes, backslashes (E'' literals), what looks like SQL, unicode outside the BMP.
const nasty = ["it's", "a\\b", "\\'; drop table x; --", "'", "\\", "$1", "Ёлка 🎄 ünï", "", "line\nbreak\ttab", "e'x'"];

describe("sqlLiteral / executeText: a prepared statement run by `execute` answers what its bind parameters answer", () => {
  it("quotes every kind of value the hot path binds", () => {
    expect(sqlLiteral(null)).toBe("null");
    expect(sqlLiteral(undefined)).toBe("null");
    expect(sqlLiteral("it's")).toBe("'it''s'");
    expect(sqlLiteral("a\\b")).toBe(" E'a\\\\b'");
    expect(sqlLiteral(42)).toBe("'42'");
    expect(sqlLiteral(BigInt("9007199254740993"))).toBe("'9007199254740993'");
    expect(sqlLiteral(true)).toBe("'true'");
    expect(sqlLiteral(["a", null])).toBe(`'{"a",NULL}'`);
    expect(executeText("tr_x", [])).toBe('execute "tr_x"');
    expect(executeText("tr_x", [1, null])).toBe(`execute "tr_x"('1', null)`);
  });

  it("quotes any text exactly as node-postgres' escapeLiteral does", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("a", "'", "\\", '"', "Ё", "🎄", " ", "{", ",") }), (s) => {
        expect(sqlLiteral(s)).toBe(pg.escapeLiteral(s));
      }),
      { numRuns: 2000 },
    );
    for (const s of nasty) expect(sqlLiteral(s)).toBe(pg.escapeLiteral(s));
  });

  it("renders a frozen array of strings and numbers once, and anything else every time", () => {
    const ids = Object.freeze(["prm_1", "it's", "a\\b", null]);
    const once = sqlLiteral(ids);
    expect(once).toBe(sqlLiteral([...ids]));
    expect(sqlLiteral(ids)).toBe(once);
    const at = new Date("2026-12-03T09:00:00Z");
    const dates = Object.freeze([at]);
    const before = sqlLiteral(dates);
    at.setTime(Date.parse("2027-01-01T00:00:00Z"));
    expect(sqlLiteral(dates)).not.toBe(before);
    expect(sqlLiteral(dates)).toBe(sqlLiteral([at]));
    const open = ["a"];
    expect(sqlLiteral(open)).toBe(`'{"a"}'`);
    open.push("b");
    expect(sqlLiteral(open)).toBe(`'{"a","b"}'`);
    expect(() => sqlLiteral(Object.freeze(["ok", "a\0"]))).toThrow(UnrenderableValue);
  });

  it("refuses NUL (a bind parameter fails on it; a literal would end the statement early) and binary", () => {
    expect(() => sqlLiteral("a\0b")).toThrow(UnrenderableValue);
    expect(() => sqlLiteral(["ok", "a\0"])).toThrow(UnrenderableValue);
    expect(() => sqlLiteral(Buffer.from("x"))).toThrow(UnrenderableValue);
  });

  it("round-trips text, arrays, json, numbers, bigint, dates, booleans and null exactly as bind parameters do", async () => {
    await connected;
    const text = `select $1::text as t, $2::text[] as arr, $3::jsonb as j, $4::int as i, $5::bigint as big, $6::timestamptz as at, $7::boolean as flag, $8::text as nothing,
      $9::int[] as ints, $10::jsonb[] as js, $11::timestamptz[] as ats, $12 = 'x' as inferred`;
    const name = "tr_literal_test";
    const at = new Date("2026-12-03T09:00:00.123Z");
    for (const s of nasty) {
      const values = [
        s,
        [s, null, `${s}"`, "{", "}", ","],
        JSON.stringify({ k: s, n: [1, null] }),
        -7,
        BigInt("-9007199254740993"),
        at,
        false,
        null,
        [1, -2],
        [JSON.stringify({ a: s })],
        [at, null],
        "x",
      ];
      const bound = await client.query({ name, text, values: values.map((v) => (typeof v === "bigint" ? v.toString() : v)) });
      const [, executed] = (await client.query(`begin; ${executeText(name, values)}; commit`)) as unknown as pg.QueryResult[];
      expect(executed.rows).toEqual(bound.rows);
      expect(executed.rows[0].t).toBe(s);
      expect(executed.rows[0].arr).toEqual([s, null, `${s}"`, "{", "}", ","]);
      expect(executed.rows[0].j).toEqual({ k: s, n: [1, null] });
      expect(executed.rows[0].big).toBe(BigInt("-9007199254740993"));
      expect(executed.rows[0].at).toEqual(at);
    }
  });

  it("a value that does not fit its parameter fails with the SQLSTATE a bind parameter fails with", async () => {
    await connected;
    const text = "select $1::int as i";
    await client.query({ name: "tr_literal_int", text, values: ["1"] });
    const viaBind = await client.query({ name: "tr_literal_int", text, values: ["x'"] }).catch((e: { code?: string }) => e.code);
    const viaExecute = await client.query(executeText("tr_literal_int", ["x'"])).catch((e: { code?: string }) => e.code);
    expect(viaBind).toBe("22P02");
    expect(viaExecute).toBe("22P02");
  });
});

import { describe, expect, it } from "vitest";
import { CsvSyntaxError, parseCsv } from "./csv-parse";

async function records(chunks: string[]) {
  async function* gen() {
    for (const c of chunks) yield c;
  }
  const out: [number, string[]][] = [];
  for await (const r of parseCsv(gen())) out.push([r.line, r.fields]);
  return out;
}

describe("parseCsv (RFC 4180)", () => {
  const text = '\uFEFFa,b,c\r\n1,"x, y","say ""hi"""\r\n2,"multi\r\nline",\n\n3,,"" \n';
  it("reads quotes, commas, doubled quotes, line breaks inside quotes, empty fields; lines point at the record's first line", async () => {
    const expected = [
      [1, ["a", "b", "c"]],
      [2, ["1", "x, y", 'say "hi"']],
      [3, ["2", "multi\r\nline", ""]],
    ];
    await expect(records([text.replace('"" \n', '""\n')])).resolves.toEqual([...expected, [6, ["3", "", ""]]]);
  });

  it("gives the same records whatever the chunk boundaries", async () => {
    const whole = await records([text.replace('"" \n', '""\n')]);
    const t = text.replace('"" \n', '""\n');
    for (let cut = 1; cut < t.length; cut++) await expect(records([t.slice(0, cut), t.slice(cut)])).resolves.toEqual(whole);
    await expect(records(t.split(""))).resolves.toEqual(whole);
  });

  it("refuses a broken quote with its line", async () => {
    await expect(records(['a,b\n1,"open\n'])).rejects.toBeInstanceOf(CsvSyntaxError);
    await expect(records(['a,b\n1,"x"y\n'])).rejects.toMatchObject({ line: 2 });
    await expect(records(['a,b\n1,x"y\n'])).rejects.toMatchObject({ line: 2 });
  });
});

import { describe, expect, it } from "vitest";
import { csvCell, csvLine, memberCsvLine } from "./csv";

describe("segment CSV", () => {
  it("quotes commas, quotes and line breaks (RFC 4180)", () => {
    expect(csvCell('Ivan "Vanya", Jr.')).toBe('"Ivan ""Vanya"", Jr."');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell(null)).toBe("");
    expect(csvLine(["a", 1, true])).toBe("a,1,true\r\n");
  });

  it("defuses spreadsheet formulas but keeps phone numbers and negative numbers", () => {
    expect(csvCell('=HYPERLINK("http://evil")')).toBe(`"'=HYPERLINK(""http://evil"")"`);
    expect(csvCell("@SUM(A1)")).toBe(`"'@SUM(A1)"`);
    expect(csvCell("+79990000001")).toBe("+79990000001");
    expect(csvCell("-150")).toBe("-150");
    expect(csvCell("Ёлка 🎄")).toBe("Ёлка 🎄");
  });

  it("writes one member per line in the header's order", () => {
    const line = memberCsvLine({
      id: "cus_1",
      firstName: "Иван",
      lastName: "Петров",
      phone: "+79990000001",
      email: "fan@tribune.demo",
      birthDate: new Date("1990-11-25T00:00:00Z"),
      registrationChannel: "web",
      emailConsent: true,
      smsConsent: false,
      createdAt: new Date("2026-01-02T03:04:05Z"),
      tierCode: "gold",
      balance: 1200,
    });
    expect(line).toBe("cus_1,Иван,Петров,+79990000001,fan@tribune.demo,1990-11-25,gold,1200,web,true,false,2026-01-02T03:04:05.000Z\r\n");
  });
});

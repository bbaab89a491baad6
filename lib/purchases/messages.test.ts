import { describe, expect, it } from "vitest";
import { referenceProgram } from "@/lib/rules/reference-programs";
import { inBirthdayWeek, nextTierDistance, receiptTexts } from "./messages";

const club = referenceProgram("football-club");
const fan = {
  id: "cus_1",
  firstName: "Ivan",
  lastName: "P",
  registeredAt: new Date("2025-01-01T00:00:00Z"),
  phone: "+79990000001",
  phoneVerifiedAt: new Date(),
  birthDate: new Date("1990-11-24T00:00:00Z"),
  status: "active" as const,
  card: "2000000000015",
};

describe("receipt messages and cashier hints", () => {
  it("greets in the birthday week only (3 days either side, program time zone, across the new year)", () => {
    const now = new Date("2026-11-22T12:00:00+03:00");
    expect(inBirthdayWeek(new Date("1990-11-24T00:00:00Z"), now, "Europe/Moscow")).toBe(true);
    expect(inBirthdayWeek(new Date("1990-11-19T00:00:00Z"), now, "Europe/Moscow")).toBe(true);
    expect(inBirthdayWeek(new Date("1990-11-26T00:00:00Z"), now, "Europe/Moscow")).toBe(false);
    expect(inBirthdayWeek(new Date("1990-01-01T00:00:00Z"), new Date("2026-12-30T12:00:00+03:00"), "Europe/Moscow")).toBe(true);
    expect(inBirthdayWeek(null, now, "Europe/Moscow")).toBe(false);
  });

  it("states the distance to the next status in money and visits", () => {
    // Regular needs 2 home matches and 5,000 RUB of tickets and merchandise.
    const d = nextTierDistance({ locale: "en", def: club, tierCode: "novice", metrics: { spend: 120000, spendByCategory: { merch: 120000 }, visits: 1, purchases: 1 } });
    expect(d).toEqual({ tier: "Regular", missing: expect.stringMatching(/^RUB\s?3,800 \+ 1 visit$/) });
    expect(nextTierDistance({ locale: "en", def: club, tierCode: "legend", metrics: { spend: 0, visits: 0, purchases: 0 } })).toBeNull();
    // In Russian the status is named in Russian (the program's own text), not "Regular".
    const ru = nextTierDistance({ locale: "ru", def: club, tierCode: "novice", metrics: { spend: 120000, spendByCategory: { merch: 120000 }, visits: 1, purchases: 1 } });
    expect(ru?.tier).toBe("Завсегдатай");
  });

  it("an identified fan gets the balance with the first name, the birthday greeting and hints; an anonymous receipt an invitation", () => {
    const now = new Date("2026-11-22T12:00:00+03:00");
    const t = receiptTexts({
      program: { locale: "en", name: "FC Tribune" },
      def: club,
      customer: fan,
      tierCode: "novice",
      available: 4575,
      metrics: { spend: 0, visits: 0, purchases: 0 },
      earned: 345,
      canRedeem: true,
      now,
    });
    expect(t.receiptMessages[0]).toBe("Ivan, you have 4,575 points");
    expect(t.receiptMessages).toContain("This receipt earns you 345 points");
    expect(t.receiptMessages).toContain("Happy birthday, Ivan! Thank you for being with us");
    expect(t.cashierHints).toContain("4,575 points available");
    expect(t.cashierHints).toContain("Birthday this week: congratulate the customer");
    const ru = receiptTexts({ program: { locale: "ru", name: "FC Tribune" }, def: club, customer: fan, tierCode: "novice", available: 4575, metrics: null, canRedeem: false, now });
    expect(ru.receiptMessages[0].replace(/\s/g, " ")).toBe("Ivan, у вас 4 575 баллов");
    expect(ru.cashierHints).toContain("Списать баллы на этом чеке нельзя");
    const anon = receiptTexts({ program: { locale: "en", name: "FC Tribune" }, def: club, customer: null, tierCode: null, available: 0, metrics: null, canRedeem: false, now });
    expect(anon).toEqual({ receiptMessages: ["Join FC Tribune: get points back on every purchase"], cashierHints: ["Anonymous receipt: offer to join the program"] });
  });
});

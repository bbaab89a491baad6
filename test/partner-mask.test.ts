// What a partner sees of a member, and the portal's reporting periods.
import { describe, expect, it } from "vitest";
import { maskPhone, memberView } from "@/lib/partner/mask";
import { parsePeriod, periodRange } from "@/lib/partner/period";

describe("maskPhone", () => {
  it("keeps the country code and the last two digits only", () => {
    expect(maskPhone("+79990000001")).toBe("+7 ••• •••-••-01");
    expect(maskPhone("+375291234567")).toBe("+37 ••• •••-••-67");
    expect(maskPhone(null)).toBeNull();
    expect(maskPhone("12")).toBe("••");
  });

  it("never leaks more than two trailing digits of any phone", () => {
    for (const phone of ["+79161234567", "+12025550123", "+4915112345678", "+998901234567"]) {
      const masked = maskPhone(phone)!;
      const digits = masked.replace(/\D/g, "");
      expect(digits.length).toBeLessThanOrEqual(4);
      expect(masked.endsWith(phone.slice(-2))).toBe(true);
      expect(masked).not.toContain(phone.slice(-3));
    }
  });

  it("memberView keeps the first name and a masked phone", () => {
    expect(memberView(" Ivan ", "+79990000001")).toEqual({ firstName: "Ivan", phone: "+7 ••• •••-••-01" });
    expect(memberView("", null)).toEqual({ firstName: null, phone: null });
  });
});

describe("periods", () => {
  it("defaults to 30 days and starts at local midnight", () => {
    expect(parsePeriod("7d")).toBe("7d");
    expect(parsePeriod("nope")).toBe("30d");
    expect(parsePeriod(["7d"])).toBe("30d");
    const now = new Date("2026-11-23T12:00:00Z");
    const { from, to } = periodRange("30d", "Europe/Moscow", now);
    expect(to).toEqual(now);
    expect(from.toISOString()).toBe("2026-10-24T21:00:00.000Z"); // 25 Oct 00:00 Moscow
  });
});

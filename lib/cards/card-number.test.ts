import { describe, expect, it } from "vitest";
import { cardNumberFromSerial, isValidCardNumber } from "./card-number";

describe("card numbers", () => {
  it("are 13 digits in the in-store 20 prefix with an EAN-13 check digit", () => {
    // 2·1 + 1·3 = 5 → check digit (10 − 5) mod 10 = 5
    expect(cardNumberFromSerial(1)).toBe("2000000000015");
    expect(isValidCardNumber("2000000000015")).toBe(true);
    // a real EAN-13 printed on a retail product: 4006381333931
    expect(isValidCardNumber("4006381333931")).toBe(true);
    expect(isValidCardNumber("2000000000017")).toBe(false);
    expect(isValidCardNumber("20000000000a5")).toBe(false);
    expect(isValidCardNumber("200000000001")).toBe(false);
  });

  it("are distinct for distinct serials", () => {
    const numbers = new Set(Array.from({ length: 5000 }, (_, i) => cardNumberFromSerial(i + 1)));
    expect(numbers.size).toBe(5000);
  });
});

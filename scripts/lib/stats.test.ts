import { describe, expect, it } from "vitest";
import { median } from "./stats";

describe("median", () => {
  it("is the middle value of an odd count, whatever the order", () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([2])).toBe(2);
  });
  it("is the mean of the two middle values of an even count", () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
  it("sorts numerically and leaves the input as it was", () => {
    const xs = [10, 9, 100];
    expect(median(xs)).toBe(10);
    expect(xs).toEqual([10, 9, 100]);
  });
  it("is NaN for no values", () => {
    expect(median([])).toBeNaN();
  });
});

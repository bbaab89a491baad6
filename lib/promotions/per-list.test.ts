import { describe, expect, it } from "vitest";
import { oncePerFrozenList } from "./per-list";

describe("oncePerFrozenList", () => {
  it("remembers a frozen list's value and works out any other list's on every call", () => {
    let calls = 0;
    const sum = oncePerFrozenList((xs: readonly number[]) => (calls++, xs.reduce((a, b) => a + b, 0)));
    const frozen = Object.freeze([1, 2, 3]);
    expect([sum(frozen), sum(frozen)]).toEqual([6, 6]);
    expect(calls).toBe(1);
    const open = [1, 2];
    expect(sum(open)).toBe(3);
    open.push(4); // its owner may still change it
    expect(sum(open)).toBe(7);
    expect(calls).toBe(3);
  });
});

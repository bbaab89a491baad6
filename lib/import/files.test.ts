// parseInstant's shortcuts (a date's midnight cached per zone and date, UTC without zone
// arithmetic) give exactly what zonedTimeToInstant gives, and offsets in the text win.
import { describe, expect, it } from "vitest";
import { zonedTimeToInstant } from "@/lib/time";
import { parseInstant } from "./files";

describe("parseInstant", () => {
  it.each(["UTC", "Europe/Moscow", "America/New_York", "Australia/Lord_Howe"])("%s: dates and local times as zonedTimeToInstant, twice (cached)", (zone) => {
    let seed = 11;
    for (let i = 0; i < 500; i++) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      const d = new Date(Date.UTC(1950, 0, 1) + (seed % (80 * 365)) * 86_400_000);
      const [Y, M, D] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
      const [H, MI, S] = [seed % 24, seed % 60, (seed >> 3) % 60];
      const pad = (n: number, w = 2) => String(n).padStart(w, "0");
      const day = `${pad(Y, 4)}-${pad(M)}-${pad(D)}`;
      for (let k = 0; k < 2; k++) {
        expect(parseInstant(day, zone)).toEqual(zonedTimeToInstant(zone, Y, M, D));
        expect(parseInstant(`${day}T${pad(H)}:${pad(MI)}:${pad(S)}.250`, zone)).toEqual(zonedTimeToInstant(zone, Y, M, D, H, MI, S, 250));
      }
      expect(parseInstant(`${day}T${pad(H)}:${pad(MI)}:${pad(S)}+03:00`, zone)).toEqual(new Date(Date.UTC(Y, M - 1, D, H, MI, S) - 3 * 3_600_000));
    }
  });

  it("rejects what is not a date", () => {
    for (const s of ["2025-02-30", "2025-13-01", "2025-01-01T24:00", "01.02.2025", "2025-1-1"]) expect(parseInstant(s, "UTC")).toBeNull();
  });
});

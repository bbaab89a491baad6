import os from "node:os";
import pg from "pg";
import { describe, expect, it, vi } from "vitest";
import { machineMemory, sharedBuffers } from "@/lib/db/embedded";
import { env, resetEnvCache } from "@/lib/env";
import { testDatabaseUrl } from "../../test/db";

const GB = 1024 ** 3;

describe("sharedBuffers: the embedded server's buffer cache", () => {
  it("is PostgreSQL's own default (no setting) when TRIBUNE_PG_SHARED_BUFFERS is unset", () => {
    expect(sharedBuffers(24 * GB)).toBeNull();
    expect(sharedBuffers(24 * GB, "")).toBeNull();
  });

  it('"auto" is a quarter of the machine\'s memory, in whole megabytes', () => {
    expect(sharedBuffers(24 * GB, "auto")).toBe("6144MB");
    expect(sharedBuffers(8 * GB, "auto")).toBe("2048MB");
    expect(sharedBuffers(4 * GB + 3, "auto")).toBe("1024MB");
  });

  it('"auto" is never below 128 MB, never above 8 GB', () => {
    expect(sharedBuffers(256 * 1024 ** 2, "auto")).toBe("128MB");
    expect(sharedBuffers(0, "auto")).toBe("128MB");
    expect(sharedBuffers(33 * GB, "auto")).toBe("8192MB");
    expect(sharedBuffers(512 * GB, "auto")).toBe("8192MB");
  });

  it("takes a size as it is", () => {
    expect(sharedBuffers(24 * GB, "512MB")).toBe("512MB");
    expect(sharedBuffers(1 * GB, "12GB")).toBe("12GB");
  });

  it("refuses a malformed TRIBUNE_PG_SHARED_BUFFERS with the setting's name", () => {
    try {
      for (const bad of ["lots", "0MB", "2 GB", "1.5GB", "2048", "-1GB", "2gb", "AUTO"]) {
        vi.stubEnv("TRIBUNE_PG_SHARED_BUFFERS", bad);
        resetEnvCache();
        expect(() => env(), bad).toThrow(/TRIBUNE_PG_SHARED_BUFFERS/);
      }
    } finally {
      vi.unstubAllEnvs();
      resetEnvCache();
    }
  });

  it("sizes to the machine's memory, or to a container's smaller limit", () => {
    expect(machineMemory(24 * GB, 0)).toBe(24 * GB);
    expect(machineMemory(24 * GB, 4 * GB)).toBe(4 * GB);
    // No limit: Node reports a huge number (or the machine's memory itself).
    expect(machineMemory(24 * GB, 2 ** 64)).toBe(24 * GB);
    expect(machineMemory(24 * GB, 24 * GB)).toBe(24 * GB);
    expect(sharedBuffers(machineMemory(24 * GB, 4 * GB), "auto")).toBe("1024MB");
    expect(machineMemory()).toBeLessThanOrEqual(os.totalmem());
  });

  it("is what the test run's embedded server was started with", async (t) => {
    // An external server (DATABASE_URL) is configured by its owner, not by us.
    if (process.env.DATABASE_URL) t.skip();
    const c = new pg.Client({ connectionString: testDatabaseUrl() });
    await c.connect();
    try {
      const { rows } = await c.query<{ bytes: string }>(`select setting::bigint * 8192 as bytes from pg_settings where name = 'shared_buffers'`);
      const expected = sharedBuffers(machineMemory(), env().TRIBUNE_PG_SHARED_BUFFERS) ?? "128MB";
      const mb = Number(expected.slice(0, -2)) * (expected.endsWith("GB") ? 1024 : 1);
      expect(Number(rows[0].bytes)).toBe(mb * 1024 * 1024);
    } finally {
      await c.end();
    }
  });
});

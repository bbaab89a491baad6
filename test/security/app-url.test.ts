// Issue 10.1: links in emails come from APP_URL only. A server action asked with a forged Origin
// and X-Forwarded-Host still mails the member a link to the real app; production refuses to start
// without APP_URL and AUTH_SECRET.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { appUrl, env, productionEnvProblems, resetEnvCache } from "@/lib/env";
import { makeClubProgram, makeFan } from "../cabinet-factories";
import { uniq } from "../factories";
import { useTestDatabase } from "../pos/harness";

const forged = new Headers({ host: "evil.example", origin: "http://evil.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "http" });
vi.mock("next/headers", () => ({
  headers: async () => forged,
  cookies: async () => ({ get: () => undefined, getAll: () => [], has: () => false }),
}));

const APP = "https://club.tribune.example";
const saved = { APP_URL: process.env.APP_URL, TRIBUNE_PROGRAM: process.env.TRIBUNE_PROGRAM };
let programCode: string;

beforeAll(async () => {
  const db = useTestDatabase();
  const programId = await makeClubProgram(db);
  programCode = (await db.program.findUniqueOrThrow({ where: { id: programId } })).code;
  process.env.APP_URL = APP;
  process.env.TRIBUNE_PROGRAM = programCode;
  resetEnvCache();
});
afterAll(() => {
  for (const [k, v] of Object.entries(saved))
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  resetEnvCache();
});

describe("emailed links ignore the request's Host", () => {
  it("a sign-in link requested with a forged Origin and X-Forwarded-Host points at APP_URL", async () => {
    const db = useTestDatabase();
    process.env.APP_URL = APP;
    process.env.TRIBUNE_PROGRAM = programCode;
    resetEnvCache();
    const program = await db.program.findUniqueOrThrow({ where: { code: programCode } });
    const email = `${uniq("fan")}@tribune.test`;
    await makeFan(db, program.id, 0, { email });
    const { requestLinkAction } = await import("@/app/cabinet/sign-in/actions");
    const form = new FormData();
    form.set("email", email);
    const res = await requestLinkAction(null, form);
    expect(res.ok).toBe(true);
    const mail = await db.outboxMessage.findFirstOrThrow({ where: { to: email, channel: "email" }, orderBy: { createdAt: "desc" } });
    for (const body of [mail.body, mail.html ?? ""]) {
      expect(body).not.toContain("evil.example");
      expect(body).toMatch(/https:\/\/club\.tribune\.example\/cabinet\/sign-in\/email\?token=[A-Za-z0-9_-]{20,}/);
    }
  });

  it("no code builds links from Host or X-Forwarded-* headers", () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const p = path.join(dir, name);
        if (name === "generated" || name === "node_modules") continue;
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.(ts|tsx)$/.test(name) && !name.endsWith(".test.ts") && /x-forwarded-(host|proto)|\.get\(["']host["']\)/i.test(readFileSync(p, "utf8"))) offenders.push(p);
      }
    };
    for (const d of ["app", "lib", "components", "emails"]) walk(path.resolve(d));
    expect(offenders).toEqual([]);
  });
});

describe("APP_URL and AUTH_SECRET in production", () => {
  it("appUrl joins paths to APP_URL; outside production an unset APP_URL means localhost:3000", () => {
    expect(appUrl("/cabinet")).toBe(`${APP}/cabinet`);
    const prev = process.env.APP_URL;
    delete process.env.APP_URL;
    resetEnvCache();
    try {
      expect(appUrl("/x")).toBe("http://localhost:3000/x");
    } finally {
      process.env.APP_URL = prev;
      resetEnvCache();
    }
  });

  it("production without APP_URL or AUTH_SECRET is refused with a clear message; appUrl throws", () => {
    const e = { ...env(), NODE_ENV: "production" as const, APP_URL: undefined, AUTH_SECRET: undefined };
    const problems = productionEnvProblems(e);
    expect(problems.join("\n")).toMatch(/APP_URL/);
    expect(problems.join("\n")).toMatch(/AUTH_SECRET/);
    expect(productionEnvProblems({ ...e, APP_URL: APP, AUTH_SECRET: "x".repeat(32) })).not.toEqual(expect.arrayContaining([expect.stringMatching(/APP_URL|AUTH_SECRET/)]));
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("APP_URL", "");
    delete process.env.APP_URL;
    resetEnvCache();
    try {
      expect(() => appUrl("/cabinet")).toThrow(/APP_URL/);
    } finally {
      vi.unstubAllEnvs();
      process.env.APP_URL = APP;
      resetEnvCache();
    }
  });
});

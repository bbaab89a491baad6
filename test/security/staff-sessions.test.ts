// Issue 10.4: fans and staff have separate sessions (a console sign-in never signs the fan out in
// the same browser), a staff session ends 12 hours after sign-in however often it is refreshed,
// staff sign-out ends the session on the server (a copied cookie is refused afterwards), and the
// lockout is one atomic step with the password check (20 parallel attempts).
// The sessions are driven through next-auth's own request handler with each audience's options
// (its API-route form, which takes a plain request and response).
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import NextAuth, { type NextAuthOptions } from "next-auth";
import { encode } from "next-auth/jwt";
import { audienceCookies, cabinetAuthOptions, staffAuthOptions } from "@/lib/auth/options";
import { checkStaffPassword, MAX_FAILED_LOGINS } from "@/lib/auth/staff-password";
import { createStaffUser, staffInput } from "@/lib/admin/staff-users";
import { testDb } from "../db";
import { makeCustomer, makeProgram, uniq } from "../factories";
import { makeStaff } from "../console-factories";
import { useTestDatabase } from "../pos/harness";

const db = testDb();
type Jar = Record<string, string>;
let programId = "";
let ownerId = "";

beforeAll(async () => {
  useTestDatabase();
  programId = (await makeProgram(db)).id;
  ownerId = (await makeStaff(db, programId, "owner")).id;
});

afterEach(() => {
  vi.useRealTimers();
});

async function newStaff() {
  const email = `${uniq("staff")}@example.test`;
  const { password, user } = await createStaffUser(db, programId, ownerId, staffInput.parse({ email, name: "S", role: "support" }));
  return { email, password, id: user.id };
}

/** One request to next-auth, carrying and updating the browser's cookie jar. */
async function call(options: NextAuthOptions, jar: Jar, action: "csrf" | "session" | "callback" | "signout", init: { method?: string; providerId?: string; body?: Record<string, string> } = {}) {
  const setCookies: string[] = [];
  let body: Record<string, unknown> | null = null;
  const res = {
    statusCode: 200,
    status(code: number) {
      this.statusCode = code;
      return this;
    },
    getHeader(name: string) {
      return name.toLowerCase() === "set-cookie" ? setCookies : undefined;
    },
    setHeader(name: string, value: string | string[]) {
      if (name.toLowerCase() === "set-cookie") setCookies.splice(0, setCookies.length, ...([] as string[]).concat(value));
      return this;
    },
    json(b: Record<string, unknown>) {
      body = b;
      return this;
    },
    send(b: unknown) {
      body = typeof b === "string" ? (b ? JSON.parse(b) : null) : (b as Record<string, unknown>);
      return this;
    },
    end() {
      return this;
    },
  };
  const req = {
    method: init.method ?? "GET",
    query: { nextauth: [action, ...(init.providerId ? [init.providerId] : [])] },
    body: init.body ?? {},
    cookies: { ...jar },
    headers: { host: "localhost:3000" },
  };
  await (NextAuth as unknown as (req: unknown, res: unknown, options: NextAuthOptions) => Promise<void>)(req, res, options);
  for (const c of setCookies) {
    const [pair, ...attrs] = c.split(";");
    const at = pair.indexOf("=");
    const name = pair.slice(0, at).trim();
    const cleared = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a)) || attrs.some((a) => /^\s*expires=/i.test(a) && new Date(a.split("=")[1]).getTime() <= Date.now());
    if (cleared) delete jar[name];
    else jar[name] = decodeURIComponent(pair.slice(at + 1).trim());
  }
  return { body: body as Record<string, unknown> | null, status: res.statusCode };
}

async function staffSignIn(jar: Jar, email: string, password: string) {
  const csrf = await call(staffAuthOptions, jar, "csrf");
  return call(staffAuthOptions, jar, "callback", { method: "POST", providerId: "staff-password", body: { email, password, csrfToken: String(csrf.body?.csrfToken), json: "true" } });
}

async function principal(options: NextAuthOptions, jar: Jar) {
  const res = await call(options, jar, "session");
  return (res.body?.principal ?? null) as { id: string; kind: string } | null;
}

describe("separate sessions per audience", () => {
  it("signing in to the console keeps the fan signed in, and neither cookie opens the other door", async () => {
    const fan = await makeCustomer(db, programId);
    const fanCookie = audienceCookies("cabinet").sessionToken.name;
    const staffCookie = audienceCookies("staff").sessionToken.name;
    expect(fanCookie).not.toBe(staffCookie);
    const jar: Jar = {
      [fanCookie]: await encode({ secret: cabinetAuthOptions.secret!, token: { sub: fan.id, kind: "customer", programId, sessionVersion: 0 } }),
    };
    expect(await principal(cabinetAuthOptions, jar)).toMatchObject({ id: fan.id, kind: "customer" });

    const s = await newStaff();
    await staffSignIn(jar, s.email, s.password);
    expect(jar[staffCookie]).toBeTruthy();
    expect(await principal(staffAuthOptions, jar)).toMatchObject({ id: s.id, kind: "staff" });
    // The fan is still signed in, in the same browser.
    expect(await principal(cabinetAuthOptions, jar)).toMatchObject({ id: fan.id, kind: "customer" });
    // A staff token under the fan's cookie name (or the other way round) is nobody.
    expect(await principal(cabinetAuthOptions, { [fanCookie]: jar[staffCookie] })).toBeNull();
    expect(await principal(staffAuthOptions, { [staffCookie]: jar[fanCookie] })).toBeNull();
  });
});

describe("staff sessions", () => {
  it("end 12 hours after sign-in however often they are refreshed", async () => {
    const s = await newStaff();
    const t0 = Date.now();
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(t0);
    const jar: Jar = {};
    await staffSignIn(jar, s.email, s.password);
    for (const hours of [2, 5, 8, 11, 11.9]) {
      vi.setSystemTime(t0 + hours * 3600_000);
      expect(await principal(staffAuthOptions, jar), `after ${hours} h`).toMatchObject({ id: s.id });
    }
    vi.setSystemTime(t0 + 12 * 3600_000 + 60_000);
    expect(await principal(staffAuthOptions, jar)).toBeNull();
  });

  it("sign-out ends the session on the server: a copied cookie is refused afterwards", async () => {
    const s = await newStaff();
    const jar: Jar = {};
    await staffSignIn(jar, s.email, s.password);
    const stolen = { ...jar };
    expect(await principal(staffAuthOptions, stolen)).toMatchObject({ id: s.id });
    const csrf = await call(staffAuthOptions, jar, "csrf");
    await call(staffAuthOptions, jar, "signout", { method: "POST", body: { csrfToken: String(csrf.body?.csrfToken), json: "true" } });
    expect(await principal(staffAuthOptions, jar)).toBeNull();
    expect(await principal(staffAuthOptions, stolen)).toBeNull();
    expect(await db.staffSession.count({ where: { staffUserId: s.id, revokedAt: null } })).toBe(0);
    // Another sign-in works again.
    await staffSignIn(jar, s.email, s.password);
    expect(await principal(staffAuthOptions, jar)).toMatchObject({ id: s.id });
  });
});

/**
 * The test database, except that `$executeRaw` (the reset after a right password) waits until
 * `claims` `$queryRaw` calls (the attempt claims) have returned.
 */
function claimsBeforeReset(claims: number): typeof db {
  let answered = 0;
  let open!: () => void;
  const allAnswered = new Promise<void>((resolve) => (open = resolve));
  return new Proxy(db, {
    get(target, prop, receiver) {
      if (prop === "$queryRaw") {
        return async (...args: Parameters<typeof db.$queryRaw>) => {
          try {
            return await target.$queryRaw(...args);
          } finally {
            if (++answered === claims) open();
          }
        };
      }
      if (prop === "$executeRaw") {
        return async (...args: Parameters<typeof db.$executeRaw>) => {
          await allAnswered;
          return target.$executeRaw(...args);
        };
      }
      const value = Reflect.get(target, prop, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

describe("lockout and password check are one step", () => {
  it("20 parallel wrong guesses: the account locks once, after exactly the threshold", async () => {
    const s = await newStaff();
    const out = await Promise.all(Array.from({ length: 20 }, (_, i) => checkStaffPassword(db, s.email, `wrong-password-${i}`)));
    const reasons = out.map((o) => (o.ok ? "ok" : o.reason));
    expect(reasons.filter((r) => r === "invalid")).toHaveLength(MAX_FAILED_LOGINS - 1);
    expect(reasons.filter((r) => r === "locked")).toHaveLength(20 - (MAX_FAILED_LOGINS - 1));
    expect(await db.auditLog.count({ where: { entityId: s.id, action: "staff.locked" } })).toBe(1);
    const row = await db.staffUser.findUniqueOrThrow({ where: { id: s.id } });
    expect(row.lockedUntil!.getTime()).toBeGreaterThan(Date.now());
    // Locked: 20 parallel right passwords all bounce.
    const right = await Promise.all(Array.from({ length: 20 }, () => checkStaffPassword(db, s.email, s.password)));
    expect(right.filter((o) => o.ok)).toHaveLength(0);
  });

  it("with one attempt left, 20 parallel right guesses get exactly one password check", async () => {
    const s = await newStaff();
    for (let i = 0; i < MAX_FAILED_LOGINS - 1; i++) await checkStaffPassword(db, s.email, `wrong-${i}`);
    // The right password lifts the lock its own attempt set, so an attempt whose claim reaches the
    // database only after that (a slow pool under a loaded CI machine) is a new, legitimate attempt.
    // To ask the question deterministically — while the last attempt is being checked, does any
    // other get a password check? — the winner's reset waits until every one of the 20 claims has
    // been answered by the database. Only the order is held; every statement runs for real.
    const gated = claimsBeforeReset(20);
    const out = await Promise.all(Array.from({ length: 20 }, () => checkStaffPassword(gated, s.email, s.password)));
    expect(out.filter((o) => o.ok)).toHaveLength(1);
    expect(out.filter((o) => !o.ok && o.reason === "locked")).toHaveLength(19);
    // The right password starts the count again and lifts the lock its own attempt set.
    const row = await db.staffUser.findUniqueOrThrow({ where: { id: s.id } });
    expect(row).toMatchObject({ failedLogins: 0, lockedUntil: null });
    expect((await checkStaffPassword(db, s.email, s.password)).ok).toBe(true);
  });
});

// The action chain end to end with only its boundaries replaced: the session lookup
// (lib/auth/session getPrincipal) and the request's cookies (the language). The middlewares,
// the schema, the handler and the localiser are the real ones.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { Principal } from "@/lib/auth/principal";
import { AppError } from "@/lib/errors";

const session = vi.hoisted(() => ({ staff: null as Principal | null, cabinet: null as Principal | null, locale: "ru" }));

vi.mock("@/lib/auth/session", () => ({
  getPrincipal: async (audience: "staff" | "cabinet") => session[audience],
}));
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: (name: string) => (name === "tribune_locale" ? { name, value: session.locale } : undefined) }),
  headers: async () => new Headers({ "x-forwarded-for": "203.0.113.9, 198.51.100.7" }),
}));

const { actionClient, customer, formToObject, partner, staff } = await import("./index");
const { clientIp } = await import("./request");

const owner: Principal = { kind: "staff", id: "stf_owner", programId: "prg_1", role: "owner" };
const support: Principal = { kind: "staff", id: "stf_support", programId: "prg_1", role: "support" };
const manager: Principal = { kind: "staff", id: "stf_pm", programId: "prg_1", role: "partner_manager", partnerId: "ptn_1" };
const fan: Principal = { kind: "customer", id: "cus_1", programId: "prg_1" };

function form(entries: Record<string, string | string[]>) {
  const f = new FormData();
  for (const [k, v] of Object.entries(entries)) for (const x of [v].flat()) f.append(k, x);
  return f;
}

const handler = vi.fn(async ({ input, ctx }: { input: { name: string; points: number }; ctx: { staff: { id: string }; t: (k: "cat.saved") => string } }) => ({
  message: ctx.t("cat.saved"),
  data: { by: ctx.staff.id, name: input.name, points: input.points },
}));
const save = actionClient
  .use(staff("catalog.edit"))
  .schema(z.object({ name: z.string().trim().min(3).max(40), points: z.coerce.number().int().min(1) }))
  .action(handler);

beforeEach(() => {
  session.staff = null;
  session.cabinet = null;
  session.locale = "ru";
  handler.mockClear();
});

describe("staff middleware", () => {
  it("no session → unauthorized, in the requester's language, before the input is looked at", async () => {
    const r = await save(null, form({ name: "x" }));
    expect(r).toMatchObject({ ok: false, code: "unauthorized", error: "Сеанс завершён. Войдите снова." });
    expect(r.ok || r.fieldErrors).toBeUndefined();
    session.locale = "en";
    expect(await save(null, form({}))).toMatchObject({ ok: false, error: "Your session has ended. Sign in again." });
    expect(handler).not.toHaveBeenCalled();
  });

  it("a role without the permission → forbidden", async () => {
    session.staff = support;
    expect(await save(null, form({ name: "Pitch tour", points: "10" }))).toMatchObject({ ok: false, code: "forbidden", error: "Нет доступа: вашей учётной записи это не разрешено." });
    session.staff = manager;
    expect(await save(null, form({ name: "Pitch tour", points: "10" }))).toMatchObject({ ok: false, code: "forbidden" });
    expect(handler).not.toHaveBeenCalled();
  });

  it("allowed → the handler gets the parsed input and the principal; the answer carries its message and data", async () => {
    session.staff = owner;
    const r = await save(null, form({ name: "  Pitch tour ", points: "10" }));
    expect(r).toMatchObject({ ok: true, message: "Позиция сохранена.", data: { by: "stf_owner", name: "Pitch tour", points: 10 } });
    session.locale = "en";
    expect(await save(null, { name: "Pitch tour", points: 5 })).toMatchObject({ ok: true, message: "Item saved." });
  });

  it("a zod failure → field errors keyed by path in Russian; the headline is the first", async () => {
    session.staff = owner;
    const r = await save(null, form({ name: "ab", points: "1.5" }));
    expect(r).toEqual({ ok: false, code: "invalid_request", error: "Не меньше 3 символов", fieldErrors: { name: "Не меньше 3 символов", points: "Введите целое число." }, at: expect.any(Number) });
    expect(handler).not.toHaveBeenCalled();
  });

  it("an AppError's details → field errors; its code → the headline", async () => {
    session.staff = owner;
    handler.mockRejectedValueOnce(new AppError("already_exists", "An item with this code exists", { details: [{ path: "name", message: "already_used" }] }));
    expect(await save(null, form({ name: "Pitch tour", points: "10" }))).toMatchObject({
      ok: false,
      code: "already_exists",
      error: "Такая запись уже существует.",
      fieldErrors: { name: "Уже используется." },
    });
  });

  it("redirect() from the handler passes through; an unknown error is logged and reads as the generic text", async () => {
    session.staff = owner;
    // What next/navigation's redirect() throws (lib/ does not import Next.js).
    const signal = Object.assign(new Error("NEXT_REDIRECT"), { digest: "NEXT_REDIRECT;replace;/admin/catalog/item_1?created=1;307;" });
    handler.mockRejectedValueOnce(signal);
    await expect(save(null, form({ name: "Pitch tour", points: "10" }))).rejects.toBe(signal);
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    handler.mockRejectedValueOnce(new Error("connection reset"));
    expect(await save(null, form({ name: "Pitch tour", points: "10" }))).toMatchObject({ ok: false, code: "internal_error", error: "Что-то пошло не так. Попробуйте ещё раз." });
    expect(log).toHaveBeenCalledOnce();
    log.mockRestore();
  });
});

describe("customer and partner middlewares", () => {
  const mine = actionClient
    .use(customer())
    .schema(z.object({ id: z.string().min(1) }))
    .action(async ({ input, ctx }) => ({ data: `${ctx.customer.id}:${input.id}` }));
  const keys = actionClient.use(partner()).action(async ({ ctx }) => ({ data: ctx.partner.partnerId }));

  it("the cabinet's fan only: a staff session does not count", async () => {
    session.staff = owner;
    expect(await mine(null, form({ id: "r1" }))).toMatchObject({ ok: false, code: "unauthorized" });
    session.cabinet = fan;
    expect(await mine(null, form({ id: "r1" }))).toMatchObject({ ok: true, data: "cus_1:r1" });
  });

  it("the partner portal: no session → unauthorized; console staff → forbidden (“no access”, not “not found”)", async () => {
    expect(await keys()).toMatchObject({ ok: false, code: "unauthorized" });
    session.staff = owner;
    const r = await keys();
    expect(r).toMatchObject({ ok: false, code: "forbidden", error: "Нет доступа: вашей учётной записи это не разрешено." });
    session.locale = "en";
    expect(await keys()).toMatchObject({ error: "No access: your account may not do this." });
    session.staff = manager;
    expect(await keys()).toMatchObject({ ok: true, data: "ptn_1" });
  });

  it("formAction: the failure goes to onFailure (which may redirect); success returns nothing", async () => {
    const failures: string[] = [];
    const decide = actionClient
      .use(customer())
      .schema(z.object({ uid: z.string().min(8) }))
      .formAction(
        async () => {},
        (f, raw) => void failures.push(`${f.code}:${raw?.get("uid")}`),
      );
    await decide(form({ uid: "abcdefgh" }));
    session.cabinet = fan;
    await decide(form({ uid: "short" }));
    await decide(form({ uid: "abcdefgh" }));
    expect(failures).toEqual(["unauthorized:abcdefgh", "invalid_request:short"]);
  });
});

describe("request helpers", () => {
  it("FormData → object: repeated names become arrays, Next's $ACTION fields are dropped", () => {
    expect(formToObject(form({ scopes: ["openid", "profile"], name: "", $ACTION_ID_1: "x" }))).toEqual({ scopes: ["openid", "profile"], name: "" });
  });

  it("clientIp takes the address the nearest proxy appended", async () => {
    expect(await clientIp()).toBe("198.51.100.7");
  });
});

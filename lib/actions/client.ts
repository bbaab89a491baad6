// The one action client of every server action (the chain of formbricks' next-safe-action client,
// hand-written): who may ask (a middleware per principal), what they sent (a zod schema), what
// happens (the handler), one answer (ActionResult) with every error in the requester's language.
//
//   export const save = actionClient.use(staff("catalog.edit")).schema(form).action(async ({ input, ctx }) => {
//     await saveItem(db(), { programId: ctx.staff.programId, … });
//     return { message: ctx.t("cat.saved") };
//   });
//
// `action` answers useActionState forms — (previous state, FormData) → ActionResult — and also takes
// a plain object instead of the FormData; `formAction` is for a plain <form action> (no state).
// Middlewares run first and in order, each adding to the context; then the schema; then the handler.
import { z } from "zod";
import { getT } from "@/lib/i18n/server";
import { invalidInputFailure, localiseError, type Texts } from "./localise";
import type { ActionFailure, ActionResult } from "./result";

/** What every handler gets: the requester's language. Middlewares add the principal. */
export type BaseContext = Texts;

export type Middleware<Ctx, Add extends object> = (ctx: Ctx) => Promise<Add>;

export type ActionOutcome<T> = { message?: string; data?: T } | void;

export type Handler<Ctx, Input, T> = (args: { input: Input; ctx: Ctx }) => Promise<ActionOutcome<T>>;

/** FormData → plain object (repeated names become arrays; empty strings stay ""; files and Next's `$ACTION` fields are dropped). */
export function formToObject(form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of form.entries()) {
    if (typeof v !== "string") continue;
    if (k.startsWith("$ACTION")) continue;
    if (k in out) out[k] = ([] as unknown[]).concat(out[k], v);
    else out[k] = v;
  }
  return out;
}

export class ActionClient<Ctx extends BaseContext, S extends z.ZodType> {
  constructor(
    private readonly middlewares: readonly Middleware<never, object>[],
    private readonly input: S,
  ) {}

  /** Adds a middleware: `staff("points.adjust")`, `customer()`, `partner()` (lib/actions/middlewares.ts). */
  use<Add extends object>(middleware: Middleware<Ctx, Add>): ActionClient<Ctx & Add, S> {
    return new ActionClient<Ctx & Add, S>([...this.middlewares, middleware as Middleware<never, object>], this.input);
  }

  /** The input's schema (without one the action takes no input). */
  schema<S2 extends z.ZodType>(schema: S2): ActionClient<Ctx, S2> {
    return new ActionClient<Ctx, S2>(this.middlewares, schema);
  }

  /** A server action for useActionState: `(previous, FormData | input) → ActionResult`. */
  action<T = unknown>(handler: Handler<Ctx, z.output<S>, T>) {
    const { middlewares, input: schema } = this;
    return async (_prev?: ActionResult<T> | null, raw?: FormData | z.input<S>): Promise<ActionResult<T>> => {
      const at = Date.now();
      const texts = await getT();
      try {
        let ctx: object = { t: texts.t, locale: texts.locale };
        for (const middleware of middlewares) ctx = { ...ctx, ...(await (middleware as Middleware<object, object>)(ctx)) };
        const parsed = await schema.safeParseAsync(raw instanceof FormData ? formToObject(raw) : (raw ?? {}));
        if (!parsed.success) return { ...invalidInputFailure(texts, parsed.error.issues), at };
        const out = await handler({ input: parsed.data, ctx: ctx as Ctx });
        return { ok: true, message: out?.message, data: out?.data, at };
      } catch (err) {
        return { ...localiseError(texts, err), at };
      }
    };
  }

  /**
   * A server action for a plain `<form action>`: the handler usually redirects; a failure goes to
   * `onFailure` (which may redirect too) and is otherwise dropped.
   */
  formAction(handler: Handler<Ctx, z.output<S>, unknown>, onFailure?: (failure: ActionFailure, form: FormData | undefined) => void | Promise<void>) {
    const run = this.action(handler);
    return async (form?: FormData): Promise<void> => {
      const result = await run(null, form);
      if (!result.ok && onFailure) await onFailure(result, form);
    };
  }
}

/** The root of every chain: public, no input. */
export const actionClient = new ActionClient<BaseContext, z.ZodObject<Record<never, never>>>([], z.object({}));

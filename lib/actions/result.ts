// The one answer shape of server actions (lib/actions/client.ts), read by useActionState forms:
// components/admin/action-form.tsx, components/cabinet/form.tsx and the partner portal's forms.
import type { ErrorCode } from "@/lib/errors";

/** Texts in the requester's language keyed by the field's path (`name`, `lines.0.price`; `_` is the whole input). */
export type FieldErrors = Record<string, string>;

export type ActionFailure = { ok: false; error: string; fieldErrors?: FieldErrors; code?: ErrorCode; at?: number };

export type ActionResult<T = unknown> = { ok: true; message?: string; data?: T; at?: number } | ActionFailure;

// The one answer shape of console server actions, read by components/admin/action-form.tsx.
export type FieldErrors = Record<string, string>;

export type ActionResult<T = unknown> = { ok: true; message?: string; data?: T; at?: number } | { ok: false; error: string; fieldErrors?: FieldErrors; at?: number };

export const IDLE: ActionResult | null = null;

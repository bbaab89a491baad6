"use client";
// Toasts: short confirmations after a save, errors that need attention. useToast() anywhere
// under the admin shell; <FlashToast> shows one on mount (e.g. after a redirect).
import { createContext, useCallback, useContext, useEffect, useRef, useState } from "react";
import { useT } from "@/lib/i18n/client";

export type ToastKind = "success" | "error" | "info";
interface Toast {
  id: number;
  kind: ToastKind;
  message: string;
}

type Push = (message: string, kind?: ToastKind) => void;
const Ctx = createContext<Push>(() => {});

export function useToast(): Push {
  return useContext(Ctx);
}

const STYLE: Record<ToastKind, string> = {
  success: "bg-slate-900 text-white",
  error: "bg-red-700 text-white",
  info: "bg-white text-slate-900 ring-1 ring-slate-200",
};

export function ToastProvider({ children }: { children: React.ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const seq = useRef(0);
  const tr = useT();
  const dismiss = useCallback((id: number) => setToasts((ts) => ts.filter((t) => t.id !== id)), []);
  const push = useCallback<Push>(
    (message, kind = "success") => {
      const id = ++seq.current;
      setToasts((ts) => [...ts.slice(-3), { id, kind, message }]);
      setTimeout(() => dismiss(id), kind === "error" ? 8000 : 4000);
    },
    [dismiss],
  );
  return (
    <Ctx.Provider value={push}>
      {children}
      <section aria-label={tr("console.common.notifications")} className="pointer-events-none fixed inset-x-0 bottom-4 z-50 flex flex-col items-center gap-2 px-4 sm:items-end sm:px-6">
        {toasts.map((t) => (
          <div
            key={t.id}
            role={t.kind === "error" ? "alert" : "status"}
            className={`pointer-events-auto flex w-full max-w-sm items-start gap-3 rounded-xl px-4 py-3 text-sm shadow-lg ${STYLE[t.kind]}`}
          >
            <span aria-hidden className="mt-0.5">
              {t.kind === "error" ? "⚠" : t.kind === "success" ? "✓" : "ℹ"}
            </span>
            <p className="flex-1">{t.message}</p>
            <button type="button" onClick={() => dismiss(t.id)} className="-m-1 rounded p-1 opacity-70 hover:opacity-100" aria-label={tr("console.common.close")}>
              ✕
            </button>
          </div>
        ))}
      </section>
    </Ctx.Provider>
  );
}

/** Shows one toast when rendered (server pages pass a message after a redirect). */
export function FlashToast({ message, kind = "success" }: { message: string; kind?: ToastKind }) {
  const push = useToast();
  const shown = useRef(false);
  useEffect(() => {
    if (shown.current) return;
    shown.current = true;
    push(message, kind);
  }, [message, kind, push]);
  return null;
}

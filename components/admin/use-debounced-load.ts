"use client";
// A live preview's loader (segment counts, promotion previews): waits until the input has been
// still for `delay` ms, runs one load at a time per key, and keeps only the newest answer.
// `loading` is true from the moment the input changes (the answer on screen is for an earlier
// input until the new one arrives), so a page can show it as stale and nobody reads it as current.
import { useEffect, useRef, useState } from "react";

/** `key` null: nothing to load (the input is invalid). `load` and `onError` must be stable (useCallback). */
export function useDebouncedLoad<T>(key: string | null, load: (key: string) => Promise<T>, onError: () => T, delay = 400): { result: T | null; loading: boolean } {
  const [answer, setAnswer] = useState<{ key: string; value: T } | null>(null);
  const seq = useRef(0);
  useEffect(() => {
    if (key === null) return;
    const mine = ++seq.current;
    const timer = setTimeout(async () => {
      let value: T;
      try {
        value = await load(key);
      } catch {
        value = onError();
      }
      if (seq.current === mine) setAnswer({ key, value });
    }, delay);
    return () => clearTimeout(timer);
  }, [key, load, onError, delay]);
  return { result: answer?.value ?? null, loading: key !== null && answer?.key !== key };
}

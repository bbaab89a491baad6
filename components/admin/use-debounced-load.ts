"use client";
// A live preview's loader (segment counts, promotion previews): waits until the input has been
// still for `delay` ms, runs one load at a time per key, and keeps only the newest answer.
import { useEffect, useRef, useState } from "react";

/** `key` null: nothing to load (the input is invalid). `load` and `onError` must be stable (useCallback). */
export function useDebouncedLoad<T>(key: string | null, load: (key: string) => Promise<T>, onError: () => T, delay = 400): { result: T | null; loading: boolean } {
  const [result, setResult] = useState<T | null>(null);
  const [loading, setLoading] = useState(false);
  const seq = useRef(0);
  useEffect(() => {
    if (key === null) return;
    const mine = ++seq.current;
    const timer = setTimeout(async () => {
      setLoading(true);
      try {
        const r = await load(key);
        if (seq.current === mine) setResult(r);
      } catch {
        if (seq.current === mine) setResult(onError());
      } finally {
        if (seq.current === mine) setLoading(false);
      }
    }, delay);
    return () => clearTimeout(timer);
  }, [key, load, onError, delay]);
  return { result, loading };
}

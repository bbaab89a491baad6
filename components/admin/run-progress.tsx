"use client";
// What every background run of the console shows while it works (legacy imports, program
// simulations): the run polled from its JSON route until it is done, and the progress bar.
import { useEffect, useState } from "react";

/** The run as `url` answers it, polled every `everyMs` until `isDone` says it finished. */
export function usePolledRun<T>(initial: T, url: string, isDone: (run: T) => boolean, everyMs = 1000): T {
  const [run, setRun] = useState<T>(initial);
  const done = isDone(run);
  useEffect(() => {
    if (done) return;
    const timer = setInterval(async () => {
      const res = await fetch(url, { cache: "no-store" }).catch(() => null);
      if (res?.ok) setRun((await res.json()) as T);
    }, everyMs);
    return () => clearInterval(timer);
  }, [done, url, everyMs]);
  return run;
}

/** A labelled, announced progress bar; `progress` in thousandths (0…1000). */
export function RunProgress({ id, label, progress }: { id: string; label: string; progress: number }) {
  const pct = Math.round(progress / 10);
  return (
    <div aria-live="polite">
      <div className="mb-1 flex justify-between text-sm text-slate-700">
        <span id={id}>{label}</span>
        <span>{pct} %</span>
      </div>
      <div role="progressbar" aria-labelledby={id} aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} className="h-3 overflow-hidden rounded-full bg-slate-100">
        <div className="h-full rounded-full bg-brand-600 transition-all" style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}

// Resident memory of a process and its descendants (Linux /proc), sampled while a benchmark runs.
import { readdirSync, readFileSync } from "node:fs";

function treeRssBytes(root: number): number {
  const children = new Map<number, number[]>();
  let pids: string[];
  try {
    pids = readdirSync("/proc").filter((d) => /^\d+$/.test(d));
  } catch {
    return 0;
  }
  for (const d of pids) {
    try {
      const stat = readFileSync(`/proc/${d}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(d)]);
    } catch {
      // The process ended meanwhile.
    }
  }
  let total = 0;
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      total += m ? Number(m[1]) * 1024 : 0;
    } catch {
      continue;
    }
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

/** Samples the RSS of `pid` and its descendants every `everyMs`; `read()` gives the peak and the last sample. */
export function rssSampler(pid: number, everyMs = 500) {
  let peak = 0;
  let last = 0;
  const sample = () => {
    last = treeRssBytes(pid);
    peak = Math.max(peak, last);
  };
  sample();
  const timer = setInterval(sample, everyMs);
  timer.unref();
  return {
    read: () => {
      sample();
      return { peak, last };
    },
    stop: () => clearInterval(timer),
  };
}

export const mb = (bytes: number) => `${Math.round(bytes / 1048576).toLocaleString("en")} MB`;

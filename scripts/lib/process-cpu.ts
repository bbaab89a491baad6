import { readFileSync } from "node:fs";

/** user + system CPU ms of a process from /proc/<pid>/stat (null when it is gone). */
export function processCpuMs(pid: number, tick: number): { ms: number; ppid: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // After the name: state(0) ppid(1) … utime(11) stime(12), in clock ticks.
    return { ms: ((Number(f[11]) + Number(f[12])) * 1000) / tick, ppid: Number(f[1]) };
  } catch {
    return null;
  }
}

/** user + system CPU ms of a process and its children (the web workers), Linux /proc; 100 ticks/s. */
export function treeCpuMs(pid: number): number {
  let kids: number[] = [];
  try {
    kids = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    // Gone, or not Linux.
  }
  return (processCpuMs(pid, 100)?.ms ?? 0) + kids.reduce((sum, k) => sum + (processCpuMs(k, 100)?.ms ?? 0), 0);
}

/**
 * CPU ms of a server process and of every child it ever had (PostgreSQL's postmaster: the backends,
 * WAL writer, checkpointer, …): its own time, the time of its children that ended (cutime + cstime,
 * counted once the server reaped them) and that of the children alive now.
 */
export function serverTreeCpuMs(pid: number): number {
  let own = 0;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // utime(11) stime(12) cutime(13) cstime(14), in clock ticks (100 per second).
    own = (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) * 10;
  } catch {
    return 0;
  }
  return own + treeCpuMs(pid) - (processCpuMs(pid, 100)?.ms ?? 0);
}

// A progress bar on a terminal (one line redrawn in place), or a line per step when the output
// is a file or CI log.
export function progressBar(prefix: string) {
  const tty = process.stdout.isTTY;
  let lastLabel = "";
  let lastPct = -1;
  return (done: number, total: number, label: string) => {
    const pct = total > 0 ? Math.min(100, Math.floor((done / total) * 100)) : 0;
    if (tty) {
      const width = 30;
      const full = Math.round((pct / 100) * width);
      process.stdout.write(`\r${prefix} [${"#".repeat(full)}${"-".repeat(width - full)}] ${String(pct).padStart(3)}% ${label.padEnd(28)}`);
      if (pct === 100 && label.startsWith("writing statuses")) process.stdout.write("\n");
    } else if (label !== lastLabel || pct >= lastPct + 25) {
      console.log(`${prefix} ${label} ${pct}%`);
    }
    lastLabel = label;
    lastPct = pct;
  };
}

// The simulation's result as plain text (the CLI's summary): both versions side by side.
import type { SimulationResult } from "./run";

const n = (v: number) => v.toLocaleString("en-US");
const signed = (v: number) => (v > 0 ? `+${n(v)}` : n(v));
const pad = (s: string, w: number) => s.padStart(w);

export function simulationSummary(r: SimulationResult, programCode: string): string {
  const out: string[] = [];
  out.push(`What-if replay of ${programCode}: the draft against version ${r.currentVersion} in force`);
  out.push(
    `Window ${r.window.from.slice(0, 10)} … ${r.window.to.slice(0, 10)}${r.window.warmupFrom ? ` (statuses counted from ${r.window.warmupFrom.slice(0, 10)})` : " (statuses counted from all history)"}`,
  );
  out.push(`${n(r.customers)} customers, ${n(r.receipts)} receipts, ${n(r.visits)} visits in ${r.seconds.toFixed(1)} s`);
  out.push("");
  const w = 14;
  out.push(`${"".padEnd(24)}${pad("in force", w)}${pad("draft", w)}${pad("change", w)}`);
  const row = (label: string, a: number, b: number) => out.push(`${label.padEnd(24)}${pad(n(a), w)}${pad(n(b), w)}${pad(signed(b - a), w)}`);
  row("points issued", r.current.issued, r.draft.issued);
  row("points redeemed", r.current.redeemed, r.draft.redeemed);
  row("liability change", r.current.liabilityChange, r.draft.liabilityChange);
  out.push(`recorded by the tills: ${n(r.recorded.issued)} issued (promotion bonuses included), ${n(r.recorded.redeemed)} redeemed`);
  out.push("");
  out.push("customers per status");
  for (const t of r.tiers) row(`  ${t.code}`, r.current.statuses[t.code] ?? 0, r.draft.statuses[t.code] ?? 0);
  out.push(`${n(r.statusChanged)} customers would have another status`);
  if (r.mostAffected.length) {
    out.push("");
    out.push("most affected customers (points net of redemptions, status)");
    for (const a of r.mostAffected) {
      const tier = a.current.tier === a.draft.tier ? a.current.tier : `${a.current.tier} → ${a.draft.tier}`;
      out.push(`  ${a.customerId}  ${pad(signed(a.delta), 10)}  ${tier}`);
    }
  }
  out.push("");
  out.push("assumptions:");
  for (const a of Object.values(r.assumptions)) out.push(`  - ${a}`);
  return out.join("\n");
}

// The program's brand colour as CSS variables for a subtree.
import type { CSSProperties } from "react";

/**
 * The theme's --color-brand-* are computed from --brand where they are declared (:root), so a
 * program's colour must re-declare them here for the cabinet's Tailwind brand classes to follow it.
 */
export function brandStyle(color: string): CSSProperties {
  const mix = (pct: number, to: string) => `color-mix(in oklab, ${color} ${pct}%, ${to})`;
  return {
    ["--brand" as string]: color,
    ["--color-brand-50" as string]: mix(8, "white"),
    ["--color-brand-100" as string]: mix(16, "white"),
    ["--color-brand-500" as string]: color,
    ["--color-brand-600" as string]: mix(88, "black"),
    ["--color-brand-700" as string]: mix(72, "black"),
    ["--color-brand-900" as string]: mix(45, "black"),
  };
}

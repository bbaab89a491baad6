// The program's brand colour for a subtree. The theme's --color-brand-* shades are computed
// from --brand where they are declared (:root), so a subtree must declare them again.
import type { CSSProperties } from "react";

const SHADES: Record<string, string> = {
  "50": "color-mix(in oklab, var(--brand) 8%, white)",
  "100": "color-mix(in oklab, var(--brand) 16%, white)",
  "500": "var(--brand)",
  "600": "color-mix(in oklab, var(--brand) 88%, black)",
  "700": "color-mix(in oklab, var(--brand) 72%, black)",
  "900": "color-mix(in oklab, var(--brand) 45%, black)",
};

export function brandStyle(color: string | null | undefined): CSSProperties {
  const style: Record<string, string> = { "--brand": /^#[0-9a-f]{3,8}$/i.test(color ?? "") ? color! : "#0f766e" };
  for (const [k, v] of Object.entries(SHADES)) style[`--color-brand-${k}`] = v;
  return style as CSSProperties;
}

// Saves full-page screenshots at phone and desktop widths into e2e/artifacts/screenshots.
import type { Page } from "@playwright/test";
import { checkA11y } from "./a11y";

export const WIDTHS = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 900 } } as const;

export async function snap(page: Page, name: string) {
  // Every screenshotted page is also checked for accessibility (in the size the test left it).
  await checkA11y(page, name);
  for (const [label, size] of Object.entries(WIDTHS)) {
    await page.setViewportSize(size);
    await page.screenshot({ path: `e2e/artifacts/screenshots/${name}-${label}.png`, fullPage: true });
  }
}

/** True when the page scrolls sideways (a layout bug on phones). */
export async function hasHorizontalScroll(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1);
}

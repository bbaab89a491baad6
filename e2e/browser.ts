// Which Chromium the e2e tests drive: Playwright's own if installed, else Debian's.
import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";

export function chromiumExecutable(): string | undefined {
  try {
    const own = chromium.executablePath();
    if (own && existsSync(own)) return undefined; // Playwright finds its own browser
  } catch {
    // no bundled browser registered
  }
  for (const p of ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]) {
    if (existsSync(p)) return p;
  }
  throw new Error("No Chromium found for the end-to-end tests. Install one: `apt-get install -y chromium` (Debian/Ubuntu), " + "or `npx playwright install chromium` where downloads are allowed.");
}

/** Flags that keep Chromium from reaching out to the network (closed network here). */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

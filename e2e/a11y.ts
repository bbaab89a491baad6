// Accessibility in every e2e test: axe-core (WCAG 2.1 A/AA rules) on each page a test screenshots
// and on the page each test ends on; any serious or critical violation fails the test.
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

const checked = new WeakMap<Page, Set<string>>();

/** Runs axe on the page as it is now; fails with the rule, its help and the offending elements. */
export async function checkA11y(page: Page, label = page.url()) {
  const url = page.url();
  if (!/^https?:/.test(url)) return;
  // Page titles come from generateMetadata, which Next.js streams: right after a server action's
  // re-render the <title> can be missing for a moment, and axe then reported document-title on a page
  // that has one (survey-done, once in four CI runs). Wait for it — up to 5 s; a page that never gets a
  // title still fails the rule below.
  await page.waitForFunction(() => document.title.trim() !== "", undefined, { timeout: 5_000 }).catch(() => undefined);
  // A fully sandboxed iframe (the email previews: `sandbox=""`) runs no script, so axe cannot run inside
  // it, and entering it hung the check until the test's timeout (Chromium 156). Excluded from the context,
  // axe does not enter it; the page around it is checked as before.
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).exclude('iframe[sandbox=""]').analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const report = bad
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help}\n${v.nodes
          .slice(0, 5)
          .map((n) => `    ${n.target.join(" ")} — ${n.failureSummary?.split("\n").slice(1, 3).join(" ")}`)
          .join("\n")}`,
    )
    .join("\n");
  expect(bad, `accessibility violations on ${label}:\n${report}`).toEqual([]);
  let seen = checked.get(page);
  if (!seen) checked.set(page, (seen = new Set()));
  seen.add(url);
}

/** The final page of a test, unless it was already checked in the same state. */
export async function checkFinalPage(page: Page) {
  if (page.isClosed()) return;
  const url = page.url();
  if (!url.startsWith(process.env.E2E_BASE_URL ?? "http://")) return;
  if (checked.get(page)?.has(url)) return;
  await checkA11y(page, `${url} (end of test)`);
}

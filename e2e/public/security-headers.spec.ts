// Issue 10.8 (and the browser side of 10.4): every page and API answer of the production build
// carries the security headers, pages run under their nonce CSP without a single violation, and a
// fan stays signed in to the cabinet while staff sign in to the console in the same browser.
import { expect, test, type APIResponse, type Page } from "../test";
import { english, signIn as staffSignIn } from "../console/a-helpers";
import { smsCode } from "../cabinet/outbox";

const PAGES = ["/", "/cabinet/sign-in", "/admin/sign-in", "/partner/sign-in", "/docs/api", "/no-such-page"];
const API: [string, number][] = [
  ["/api/health", 200],
  ["/api/pos/v1/openapi.json", 200],
  ["/api/pos/v1/customers/lookup?card=2000000000015", 401],
  ["/api/auth/csrf", 200],
  ["/api/staff-auth/csrf", 200],
];

function expectCommon(res: APIResponse, what: string) {
  const h = res.headers();
  expect(h["content-security-policy"], what).toContain("frame-ancestors 'none'");
  expect(h["x-frame-options"], what).toBe("DENY");
  expect(h["x-content-type-options"], what).toBe("nosniff");
  expect(h["referrer-policy"], what).toBe("strict-origin-when-cross-origin");
  // The e2e server is plain http: no HSTS there (it is sent when APP_URL is https).
  expect(h["strict-transport-security"], what).toBeUndefined();
}

test("every page and API answer carries the security headers", async ({ request }) => {
  const nonces = new Set<string>();
  for (const path of PAGES) {
    const res = await request.get(path, { maxRedirects: 0 });
    expectCommon(res, path);
    const csp = res.headers()["content-security-policy"];
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{20,}' 'strict-dynamic'/);
    expect(csp).not.toContain("unsafe-eval");
    nonces.add(/'nonce-([^']+)'/.exec(csp)![1]);
    // Next.js puts the nonce on its own scripts.
    if (res.status() === 200 || res.status() === 404) {
      const html = await res.text();
      const nonce = /'nonce-([^']+)'/.exec(csp)![1];
      expect(html, path).toContain(`nonce="${nonce}"`);
    }
  }
  expect(nonces.size).toBe(PAGES.length);
  for (const [path, status] of API) {
    const res = await request.get(path, { maxRedirects: 0 });
    expect(res.status(), path).toBe(status);
    expectCommon(res, path);
    expect(res.headers()["content-security-policy"], path).toContain("default-src 'none'");
  }
});

function watchCsp(page: Page): string[] {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to|CSP violation/i.test(m.text())) violations.push(`${page.url()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => violations.push(`${page.url()}: ${e.message}`));
  return violations;
}

test("pages run under the CSP without violations; the fan stays signed in when staff sign in", async ({ page, context, baseURL }) => {
  test.setTimeout(180_000);
  await english(context, baseURL);
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
  });
  const violations = watchCsp(page);

  // The landing page and the API docs render and hydrate.
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.goto("/docs/api");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();

  // A fan signs in to the cabinet (a phone the program does not know yet joins online).
  const phone = "+79990008808";
  await page.goto("/cabinet/sign-in");
  const since = new Date(Date.now() - 2000);
  await page.getByLabel(/Phone number/).fill(phone);
  await page.getByRole("button", { name: /Get a code/ }).click();
  const code = await smsCode(phone, since);
  await page.getByLabel(/Code from the SMS/).fill(code);
  await page.getByRole("button", { name: /^Sign in$/ }).click();
  await expect(page).toHaveURL(/\/cabinet$/);

  // Staff sign in to the console in the same browser: charts (inline styles) render.
  await staffSignIn(page, "owner@tribune.demo");
  await expect(page.locator(".recharts-surface").first()).toBeVisible();
  await page.goto("/admin/customers");
  await expect(page.locator("tbody tr").first()).toBeVisible();

  // The fan is still signed in.
  await page.goto("/cabinet");
  await expect(page).toHaveURL(/\/cabinet$/);
  // Staff sign-out ends the console session only.
  await page.goto("/admin");
  await page.getByRole("button", { name: "Sign out" }).first().click();
  await expect(page).toHaveURL(/\/admin\/sign-in/);
  await page.goto("/cabinet");
  await expect(page).toHaveURL(/\/cabinet$/);

  expect(violations).toEqual([]);
});

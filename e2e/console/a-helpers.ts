// Console e2e helpers (console-a): English texts, staff sign-in through the real form.
import { expect, type BrowserContext, type Page } from "../test";

export const PASSWORD = "tribune-demo";

export async function english(context: BrowserContext, baseURL: string | undefined) {
  await context.addCookies([{ name: "tribune_locale", value: "en", url: baseURL ?? "http://localhost:3000" }]);
}

export async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.goto("/admin/sign-in");
  await page.getByLabel("Work email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("staff-name")).toBeVisible();
}

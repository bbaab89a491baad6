// The e2e suite's `test`: Playwright's, plus an automatic accessibility check (axe-core) of the
// pages each test ends on. Specs import { test, expect } from here.
import { test as base, expect } from "@playwright/test";
import { checkFinalPage } from "./a11y";

export const test = base.extend<{ a11yAfterEach: void }>({
  a11yAfterEach: [
    async ({ context }, use, testInfo) => {
      await use();
      if (testInfo.status !== testInfo.expectedStatus) return;
      for (const page of context.pages()) await checkFinalPage(page);
    },
    { auto: true },
  ],
});

export { expect };
export type { APIRequestContext, APIResponse, BrowserContext, Locator, Page } from "@playwright/test";

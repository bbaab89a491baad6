// The console's one-button forms as the server renders them, before hydration: a form that asks
// for confirmation must not be submittable yet (a plain button, aria-disabled: Playwright and
// assistive technology wait; it looks as it will) — a click would post natively and skip the question
// (e2e/console/d-promotions.spec.ts once revoked a code that way on a busy machine).
import { createElement, type ComponentProps } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ActionButton } from "@/components/admin/action-form";

const action = async () => ({ ok: true as const });
const render = (props: ComponentProps<typeof ActionButton>) => renderToString(createElement(ActionButton, props));
const button = (html: string) => html.match(/<button[^>]*>/)?.[0] ?? "";

describe("ActionButton before hydration", () => {
  it("renders a button that asks first as one that submits nothing yet, so a click cannot skip the question", () => {
    const html = render({ action, confirm: { title: "Revoke the code?", text: "It stops working at once." }, children: "Revoke" });
    expect(button(html)).toMatch(/type="button"/);
    expect(button(html)).toMatch(/aria-disabled="true"/);
    expect(html).toContain(">Revoke<");
  });

  it("renders a button that does not ask ready, posting natively without JavaScript", () => {
    const html = render({ action, children: "Unblock" });
    expect(button(html)).toMatch(/type="submit"/);
    expect(button(html)).not.toMatch(/disabled="/);
  });
});

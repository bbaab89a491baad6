// Emails: the development driver writes to the outbox; templates render in the fan's language
// with the program's name and the link; a failing provider is recorded and reported.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { testDb } from "@/test/db";
import { makeClubProgram } from "@/test/cabinet-factories";
import { devEmailSender, setEmailSenderForTests, type EmailSender } from "./email-sender";
import { sendLinkEmail, sendRedemptionEmail } from "./send-templates";

const db = testDb();
let programId: string;
beforeAll(async () => {
  programId = await makeClubProgram(db);
});
afterEach(() => setEmailSenderForTests(null));
afterAll(async () => {
  await db.$disconnect();
});

const last = (to: string) => db.outboxMessage.findFirstOrThrow({ where: { to }, orderBy: { createdAt: "desc" } });

describe("email", () => {
  it("the development driver keeps the email in the outbox with html and text", async () => {
    await devEmailSender.send(db, { to: "a@x.test", subject: "Hi", html: "<p>Hi</p>", text: "Hi", programId });
    expect(await last("a@x.test")).toMatchObject({ channel: "email", status: "logged", subject: "Hi", html: "<p>Hi</p>", body: "Hi" });
  });

  it("a sign-in link email in Russian carries the program and the link", async () => {
    await sendLinkEmail(db, { programId, to: "b@x.test", url: "http://app.test/cabinet/sign-in/email?token=abc", kind: "sign_in", locale: "ru" });
    const m = await last("b@x.test");
    expect(m.subject).toContain("Вход в");
    expect(m.html).toContain("http://app.test/cabinet/sign-in/email?token=abc");
    expect(m.body).toContain("token=abc");
    expect(m.template).toBe("sign_in");
  });

  it("a redemption email in English shows the voucher", async () => {
    await sendRedemptionEmail(db, { programId, to: "c@x.test", locale: "en", itemTitle: "Pitch tour", voucherCode: "TRB-AAAA-BBBB", points: 3000, url: "http://app.test/cabinet/catalog" });
    const m = await last("c@x.test");
    expect(m.subject).toBe("Your experience is booked: Pitch tour");
    expect(m.html).toContain("TRB-AAAA-BBBB");
    expect(m.body).toContain("3,000");
  });

  it("a provider failure reaches the caller", async () => {
    const failing: EmailSender = {
      name: "failing",
      send: async () => {
        throw new Error("provider down");
      },
    };
    setEmailSenderForTests(failing);
    await expect(sendLinkEmail(db, { programId, to: "d@x.test", url: "http://x", kind: "verify_email" })).rejects.toThrow("provider down");
  });
});

// The park's survey loop end to end on the real POS routes and jobs, at the instants the tests
// choose (jobs take `now`, as `npm run job -- NAME --at` does): no survey before afterHours, one
// after, never twice (also with 20 runs at once); the answer page's writes; the staff's emails.
// Emails are asserted as the queue holds them (Message rows) and as their templates render them;
// delivery (deliver-messages sweeps the whole database) is lib/communications' and the e2e's.
import { beforeAll, describe, expect, it } from "vitest";
import type { Message } from "@/lib/generated/prisma/client";
import { templateOf } from "@/lib/communications/templates";
import { isLocale } from "@/lib/i18n/locales";
import { findJob } from "@/lib/jobs/registry";
import { surveyToken } from "@/lib/surveys/token";
import { readSurvey, recordReview, recordScore } from "@/lib/surveys/answer";
import { runDailyReviewReport } from "@/lib/surveys/daily-report";
import { npsReport } from "@/lib/surveys/nps";
import { runSendSurveys } from "@/lib/surveys/send-surveys";
import { post, receiptNo, registerCustomer, setupProgram, line, useTestDatabase, type TestProgram } from "../pos/harness";
import { uniq } from "../factories";

let db: ReturnType<typeof useTestDatabase>;
let park: TestProgram;
let staffEmail: string;
const H = 3_600_000;

beforeAll(async () => {
  db = useTestDatabase();
  staffEmail = `${uniq("reviews")}@park.example`;
  park = await setupProgram("amusement-park", {
    surveys: { nps: { afterHours: 12, onlyValidatedVisits: true, staffEmails: [staffEmail, `duty-${staffEmail}`], dailyReportAt: "09:00" } },
  });
}, 60_000);

/** A member with an email who buys a day pass and has it validated at the gates at `at`. */
async function visitor(at: Date, opts: { email?: boolean; refund?: boolean; ticket?: boolean } = {}) {
  const email = opts.email === false ? undefined : `${uniq("guest")}@mail.example`;
  const c = await registerCustomer(park.keys.ticketing, email ? { email, consents: { email: true } } : {});
  const order = await post("/purchases", park.keys.ticketing, {
    customer: { phone: c.phone },
    receipt: { number: receiptNo(), at: new Date(at.getTime() - 48 * H).toISOString() },
    lines: [line(1, 250000, "ticket", 1, "DAY-PASS"), line(2, 90000, "food")],
  });
  expect(order.status).toBe(201);
  if (opts.refund) {
    const ret = await post(`/purchases/${order.body.purchaseId}/returns`, park.keys.ticketing, { returnNumber: receiptNo(), lines: [{ lineNo: 1, quantity: 1 }] });
    expect(ret.status).toBe(201);
  }
  const ticket = opts.ticket === false ? {} : { purchaseId: order.body.purchaseId, lineNo: 1 };
  const v = await post("/visits", park.keys.gates, { customer: { phone: c.phone }, eventCode: `day-${uniq("d")}`, at: at.toISOString(), ...ticket });
  expect(v.status).toBe(200);
  return { ...c, email, visitId: v.body.visitId as string };
}

/** A queued message as its template renders it (what deliver-messages hands to the sender). */
async function rendered(m: Message) {
  const program = await db.program.findUniqueOrThrow({ where: { id: m.programId }, select: { id: true, name: true, brandColor: true } });
  const mail = await templateOf(m.template).email!({ locale: isLocale(m.locale) ? m.locale : "ru", program, data: m.data as Record<string, unknown>, unsubscribeUrl: null });
  return { ...m, subject: mail.subject, body: mail.text, secrets: mail.secrets };
}
const queued = async (where: { to: string; template: string }) =>
  Promise.all((await db.message.findMany({ where: { ...where, programId: park.programId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] })).map(rendered));
const surveysTo = (to: string) => queued({ to, template: "survey_invitation" });
const staffMails = (template: string) => queued({ to: staffEmail, template });
const tokenOf = (body: string) => /\/survey\/([0-9a-f]{64})/.exec(body)?.[1];

/** A visitor whose survey has been sent 12 h after the visit: their link's token. */
async function surveyed(visitAt: Date) {
  const v = await visitor(visitAt);
  await runSendSurveys(db, new Date(visitAt.getTime() + 12 * H), { programId: park.programId });
  const [mail] = await surveysTo(v.email!);
  return { ...v, token: tokenOf(mail.body)!, sentAt: new Date(visitAt.getTime() + 12 * H) };
}

describe("send-surveys", () => {
  it("sends nothing before 12 h, one survey at 12 h, none twice", async () => {
    const visitAt = new Date(Date.now() - 30 * 86_400_000 + 7 * 86_400_000); // 23 days ago; the job runs "then"
    const v = await visitor(visitAt);
    const at = (ms: number) => runSendSurveys(db, new Date(visitAt.getTime() + ms), { programId: park.programId });

    expect((await at(12 * H - 60_000)).invited).toBe(0);
    expect(await surveysTo(v.email!)).toHaveLength(0);
    expect((await at(12 * H)).invited).toBe(1);
    expect((await at(12 * H + 60_000)).invited).toBe(0);
    expect((await at(36 * H)).invited).toBe(0);
    const mails = await surveysTo(v.email!);
    expect(mails).toHaveLength(1);
    // The link is built from APP_URL, carries a 256-bit token, and only the token's hash is stored.
    const token = tokenOf(mails[0].body)!;
    expect(mails[0].body).toContain(`${process.env.APP_URL ?? "http://localhost:3000"}/survey/${token}`);
    expect(mails[0]).toMatchObject({ category: "survey", customerId: v.id, status: "queued", secrets: [token] });
    // Neither the invitation nor the queued message keeps the token: only its hash, and the invitation id.
    const inv = await db.surveyInvitation.findUniqueOrThrow({ where: { visitId: v.visitId } });
    expect(token).toBe(surveyToken(inv.id));
    expect(JSON.stringify(inv)).not.toContain(token);
    expect(JSON.stringify(mails[0].data)).not.toContain(token);
    expect(inv.email).toBe(v.email);
  });

  it("skips refunded tickets, visits without a ticket, members without an email and visits older than 7 days", async () => {
    const visitAt = new Date(Date.now() - 20 * 86_400_000);
    const refunded = await visitor(visitAt, { refund: true });
    const noTicket = await visitor(visitAt, { ticket: false });
    const noEmail = await visitor(visitAt, { email: false });
    const stale = await visitor(new Date(visitAt.getTime() - 8 * 86_400_000));
    const ok = await visitor(visitAt);
    const r = await runSendSurveys(db, new Date(visitAt.getTime() + 13 * H), { programId: park.programId });
    expect(r.invited).toBe(1);
    const invited = await db.surveyInvitation.findMany({ where: { visitId: { in: [refunded, noTicket, noEmail, stale, ok].map((x) => x.visitId) } } });
    expect(invited.map((i) => i.visitId)).toEqual([ok.visitId]);
  });

  it("20 concurrent runs send one survey per visit", async () => {
    const visitAt = new Date(Date.now() - 15 * 86_400_000);
    const visitors = await Promise.all(Array.from({ length: 5 }, () => visitor(visitAt)));
    const now = new Date(visitAt.getTime() + 12 * H + 1);
    const runs = await Promise.all(Array.from({ length: 20 }, () => runSendSurveys(db, now, { programId: park.programId })));
    expect(runs.reduce((s, r) => s + r.invited, 0)).toBe(5);
    for (const v of visitors) {
      expect(await surveysTo(v.email!)).toHaveLength(1);
      expect(await db.surveyInvitation.count({ where: { visitId: v.visitId } })).toBe(1);
    }
  });

  it("is registered as a job that sweeps every program with surveys", async () => {
    const job = findJob("send-surveys")!;
    expect(job.cron).toBe("*/10 * * * *");
    const r = await job.run(db, new Date("2000-01-01T00:00:00Z"));
    expect(r.invited).toBe(0);
  });
});

describe("the survey page's answers", () => {
  it("a score (changeable), then a review that emails the staff once with score, review and both dates", async () => {
    const visitAt = new Date("2026-07-04T14:30:00+03:00");
    const s = await surveyed(visitAt);
    const now = new Date(s.sentAt.getTime() + 2 * H);
    expect(await readSurvey(db, s.token, now)).toMatchObject({ state: "open", score: null, review: null, visitAt });
    expect(await recordScore(db, { token: s.token, score: 3, now })).toBe("saved");
    expect(await recordScore(db, { token: s.token, score: 3, now })).toBe("unchanged");
    expect(await recordScore(db, { token: s.token, score: 9, now })).toBe("saved");
    const before = (await staffMails("survey_review")).length;
    const reviewedAt = new Date("2026-07-05T10:15:00+03:00");
    const text = `Great coaster ${uniq("r")}, but the ice cream queue took 25 minutes.`;
    const answers = await Promise.all(Array.from({ length: 20 }, () => recordReview(db, { token: s.token, review: `  ${text}  `, now: reviewedAt })));
    expect(answers.filter((a) => a === "saved")).toHaveLength(1);
    expect(answers.filter((a) => a === "final")).toHaveLength(19);
    const mails = (await staffMails("survey_review")).slice(before);
    expect(mails).toHaveLength(1);
    expect((await queued({ to: `duty-${staffEmail}`, template: "survey_review" })).filter((m) => m.body.includes(text))).toHaveLength(1);
    expect(mails[0]).toMatchObject({ category: "transactional", customerId: null });
    // Russian (the park's language): the score, the review, its date and the visit date.
    expect(mails[0].subject).toContain("9/10");
    expect(mails[0].body).toContain(text);
    expect(mails[0].body).toContain("Оценка: 9 из 10");
    expect(mails[0].body).toContain("Отзыв написан: 5 июля 2026 г. в 10:15");
    expect(mails[0].body).toContain("Визит: 4 июля 2026 г.");
    expect(mails[0].body).toContain("Park entrance gates");
    // Final once written: the score cannot change any more, a second review changes nothing.
    expect(await recordScore(db, { token: s.token, score: 0, now: reviewedAt })).toBe("final");
    expect(await recordReview(db, { token: s.token, review: "another text", now: reviewedAt })).toBe("final");
    expect(await db.surveyInvitation.findUniqueOrThrow({ where: { visitId: s.visitId } })).toMatchObject({ score: 9, review: text, reviewedAt });
    expect(await readSurvey(db, s.token, reviewedAt)).toMatchObject({ state: "open", score: 9, review: text });
  });

  it("a bad token is invalid, an old link is expired, and neither writes anything", async () => {
    const s = await surveyed(new Date("2026-06-01T12:00:00+03:00"));
    const late = new Date(s.sentAt.getTime() + 31 * 86_400_000);
    const flipped = `${s.token.slice(0, 63)}${s.token.endsWith("a") ? "b" : "a"}`;
    for (const bad of ["", "short", "x".repeat(64), flipped, s.token.toUpperCase(), "../../etc/passwd"]) {
      expect(await readSurvey(db, bad, s.sentAt)).toEqual({ state: "invalid" });
      expect(await recordScore(db, { token: bad, score: 5, now: s.sentAt })).toBe("invalid");
    }
    expect(await readSurvey(db, s.token, late)).toEqual({ state: "expired" });
    expect(await recordScore(db, { token: s.token, score: 5, now: late })).toBe("expired");
    expect(await db.surveyInvitation.findUniqueOrThrow({ where: { visitId: s.visitId } })).toMatchObject({ score: null, review: null });
    await expect(recordScore(db, { token: s.token, score: 11, now: s.sentAt })).rejects.toThrow(RangeError);
    await expect(recordReview(db, { token: s.token, review: "   ", now: s.sentAt })).rejects.toThrow(RangeError);
    await expect(recordReview(db, { token: s.token, review: "x".repeat(2001), now: s.sentAt })).rejects.toThrow(RangeError);
  });
});

describe("daily-review-report", () => {
  it("sends yesterday's reviews (program time) once a day after 09:00, and nothing of other days", async () => {
    // The park is in Moscow (UTC+3). Reviews on 9, 10 (two, one just before midnight) and 11 August.
    const cases = [
      { visit: "2026-08-08T15:00:00+03:00", review: "2026-08-09T22:00:00+03:00", text: `day before ${uniq("a")}`, score: 2 },
      { visit: "2026-08-09T15:00:00+03:00", review: "2026-08-10T00:05:00+03:00", text: `yesterday early ${uniq("b")}`, score: 10 },
      { visit: "2026-08-09T16:00:00+03:00", review: "2026-08-10T23:55:00+03:00", text: `yesterday late ${uniq("c")}`, score: 6 },
      { visit: "2026-08-10T12:00:00+03:00", review: "2026-08-11T08:30:00+03:00", text: `today ${uniq("d")}`, score: 8 },
    ];
    for (const c of cases) {
      const s = await surveyed(new Date(c.visit));
      expect(await recordScore(db, { token: s.token, score: c.score, now: new Date(c.review) })).toBe("saved");
      expect(await recordReview(db, { token: s.token, review: c.text, now: new Date(c.review) })).toBe("saved");
    }
    const before = (await staffMails("survey_daily_report")).length;
    expect(await runDailyReviewReport(db, new Date("2026-08-11T08:59:00+03:00"), { programId: park.programId })).toMatchObject({ sent: 0, notDue: 1 });
    const runs = await Promise.all(Array.from({ length: 5 }, () => runDailyReviewReport(db, new Date("2026-08-11T09:00:00+03:00"), { programId: park.programId })));
    expect(runs.reduce((s, r) => s + r.sent, 0)).toBe(1);
    expect(await runDailyReviewReport(db, new Date("2026-08-11T18:00:00+03:00"), { programId: park.programId })).toMatchObject({ sent: 0, alreadySent: 1 });
    const mails = (await staffMails("survey_daily_report")).slice(before);
    expect(mails).toHaveLength(1);
    const body = mails[0].body;
    expect(mails[0].subject).toContain("10 августа 2026");
    expect(body).toContain(cases[1].text);
    expect(body).toContain(cases[2].text);
    expect(body).not.toContain(cases[0].text);
    expect(body).not.toContain(cases[3].text);
    expect(body).toContain("10/10 · написан 10 августа 2026 г. в 00:05 · визит 9 августа 2026 г.");
    // Two answers that day (10 and 6): one promoter, one detractor → NPS 0.
    expect(body).toContain("2 ответа, 2 письменных отзыва");
    expect(body).toContain("NPS за день: 0");
    expect(await db.surveyDailyReport.findUniqueOrThrow({ where: { programId_day: { programId: park.programId, day: "2026-08-10" } } })).toMatchObject({ reviews: 2 });
  });
});

describe("the NPS page's numbers", () => {
  it("count one program's answers of the range: distribution, weeks, reviews with visit dates, places and events", async () => {
    // A program of its own, so the numbers are exactly this test's.
    const own = await setupProgram("amusement-park", { surveys: { nps: { afterHours: 12, staffEmails: [staffEmail] } } });
    const saved = park;
    park = own;
    try {
      const answers = [
        { visit: "2026-03-02T12:00:00+03:00", score: 10, review: "Loved it" },
        { visit: "2026-03-03T12:00:00+03:00", score: 9 },
        { visit: "2026-03-04T12:00:00+03:00", score: 7 },
        { visit: "2026-03-10T12:00:00+03:00", score: 3, review: "Cold and closed rides" },
        { visit: "2026-03-20T12:00:00+03:00", score: 0 },
      ];
      for (const a of answers) {
        const s = await surveyed(new Date(a.visit));
        const at = new Date(new Date(a.visit).getTime() + 14 * H);
        await recordScore(db, { token: s.token, score: a.score, now: at });
        if (a.review) await recordReview(db, { token: s.token, review: a.review, now: at });
      }
      const tz = "Europe/Moscow";
      const r = await npsReport(db, { programId: own.programId, timezone: tz, from: new Date("2026-03-01T00:00:00+03:00"), to: new Date("2026-03-15T00:00:00+03:00") });
      // The answer of 20 March is outside the range: 2 promoters, 1 passive, 1 detractor of 4 → 25.
      expect(r.summary).toEqual({ answers: 4, promoters: 2, passives: 1, detractors: 1, nps: 25 });
      expect(r.distribution).toEqual([0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 1]);
      expect(r.sent).toBe(4);
      expect(r.sentAnswered).toBe(4);
      // Weeks start on Monday in program time: 2–8 March (10, 9, 7) and 9–15 March (3).
      expect(r.weeks.map((w) => [w.week, w.summary.answers, Math.round(w.summary.nps!)])).toEqual([
        ["2026-03-02", 3, 67],
        ["2026-03-09", 1, -100],
      ]);
      expect(r.reviews.map((x) => [x.score, x.review, x.visitAt.toISOString(), x.place])).toEqual([
        [3, "Cold and closed rides", "2026-03-10T09:00:00.000Z", "Park entrance gates"],
        [10, "Loved it", "2026-03-02T09:00:00.000Z", "Park entrance gates"],
      ]);
      expect(r.byPlace.map((g) => [g.label, g.summary.answers, g.summary.nps])).toEqual([["Park entrance gates", 4, 25]]);
      expect(r.byEvent).toHaveLength(4);
      // Another program's page sees none of it (the tenant is in every query).
      const other = await npsReport(db, { programId: saved.programId, timezone: tz, from: new Date("2026-03-01T00:00:00+03:00"), to: new Date("2026-03-15T00:00:00+03:00") });
      expect(other.summary.answers).toBe(0);
      expect(other.reviews).toEqual([]);
    } finally {
      park = saved;
    }
  });
});

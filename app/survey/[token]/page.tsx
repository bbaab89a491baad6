// The NPS survey from the email (no sign-in; the token in the link is the key): a score 0–10,
// then an optional written review. Phone first; the visitor's language from the invitation.
import Link from "next/link";
import { brandStyle } from "@/components/admin/brand";
import { now } from "@/lib/clock";
import { db } from "@/lib/db/client";
import { getT, pageTitle } from "@/lib/i18n/server";
import { formatDate } from "@/lib/i18n/translate";
import { readSurvey, REVIEW_MAX_CHARS } from "@/lib/surveys/answer";
import { SURVEY_LINK_DAYS } from "@/lib/surveys/token";
import { reviewAction, scoreAction } from "./actions";

export const generateMetadata = pageTitle("title.survey", { robots: { index: false, follow: false }, referrer: "no-referrer" });
export const dynamic = "force-dynamic";

const button = "inline-flex h-12 w-full items-center justify-center rounded-xl bg-brand-600 px-6 text-base font-semibold text-white hover:bg-brand-700 sm:w-auto";

export default async function SurveyPage({ params, searchParams }: { params: Promise<{ token: string }>; searchParams: Promise<{ score?: string; e?: string; change?: string }> }) {
  const [{ token }, sp] = await Promise.all([params, searchParams]);
  const survey = await readSurvey(db(), token, now());
  const { t, locale } = await getT(survey.state === "open" ? survey.locale : "ru");

  if (survey.state !== "open") {
    const expired = survey.state === "expired";
    return (
      <main id="main" lang={locale} className="mx-auto flex min-h-dvh max-w-md flex-col justify-center gap-4 px-6 py-10">
        <h1 className="text-2xl font-black">{t(expired ? "survey.page.expiredTitle" : "survey.page.invalidTitle")}</h1>
        <p className="text-slate-700">{expired ? t("survey.page.expiredText", { days: SURVEY_LINK_DAYS }) : t("survey.page.invalidText")}</p>
        <Link href="/" className="font-semibold text-slate-900 underline underline-offset-4">
          {t("survey.page.home")}
        </Link>
      </main>
    );
  }

  const visit = formatDate(locale, survey.visitAt, survey.timezone);
  const preset = Number(sp.score);
  const chosen = survey.score ?? (Number.isInteger(preset) && preset >= 0 && preset <= 10 ? preset : null);
  const askScore = survey.score === null || (sp.change === "1" && survey.review === null);
  return (
    <div lang={locale} style={brandStyle(survey.brandColor)} className="min-h-dvh bg-slate-50">
      <header className="bg-brand-600 px-5 py-4 text-white">
        <p className="mx-auto max-w-xl text-lg font-extrabold">{survey.programName}</p>
      </header>
      <main id="main" className="mx-auto max-w-xl px-5 py-8">
        <p className="text-sm font-medium text-slate-600">{t("survey.page.visit", { date: visit })}</p>
        {askScore ? (
          <form action={scoreAction} className="mt-3 space-y-6">
            <input type="hidden" name="token" value={token} />
            <fieldset aria-describedby={sp.e === "score" ? "score-error" : undefined}>
              <legend className="text-2xl leading-tight font-black text-slate-900">
                <h1>{t("survey.page.question", { program: survey.programName })}</h1>
              </legend>
              <div className="mt-6 grid grid-cols-6 gap-2 sm:grid-cols-11">
                {Array.from({ length: 11 }, (_, s) => (
                  <label key={s} className="relative">
                    <input type="radio" name="score" value={s} defaultChecked={chosen === s} required className="peer sr-only" aria-label={t("survey.page.scoreLabel", { score: s })} />
                    <span className="flex h-12 cursor-pointer items-center justify-center rounded-xl border-2 border-slate-300 bg-white text-lg font-bold text-slate-800 peer-checked:border-brand-600 peer-checked:bg-brand-600 peer-checked:text-white peer-focus-visible:outline-3 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-brand-600 hover:border-brand-600">
                      {s}
                    </span>
                  </label>
                ))}
              </div>
              <div className="mt-2 flex justify-between text-xs text-slate-600" aria-hidden>
                <span>0 — {t("survey.page.low")}</span>
                <span>10 — {t("survey.page.high")}</span>
              </div>
              {sp.e === "score" ? (
                <p id="score-error" role="alert" className="mt-3 text-sm font-medium text-red-800">
                  {t("survey.page.pickScore")}
                </p>
              ) : null}
            </fieldset>
            <button type="submit" className={button}>
              {t("survey.page.send")}
            </button>
          </form>
        ) : survey.review === null ? (
          <>
            <h1 role="status" className="mt-2 text-2xl font-black text-slate-900">
              {t("survey.page.thanksScore", { score: survey.score! })}
            </h1>
            <Link href={`/survey/${token}?change=1`} className="mt-2 inline-block text-sm font-semibold text-slate-800 underline underline-offset-4">
              {t("survey.page.changeScore")}
            </Link>
            <form action={reviewAction} className="mt-6 space-y-3">
              <input type="hidden" name="token" value={token} />
              <label htmlFor="review" className="block text-base font-semibold text-slate-900">
                {t("survey.page.reviewLabel")}
              </label>
              <p id="review-hint" className="text-sm text-slate-600">
                {t("survey.page.reviewHint")}
              </p>
              <textarea
                id="review"
                name="review"
                rows={6}
                maxLength={REVIEW_MAX_CHARS}
                required
                aria-describedby={sp.e ? "review-hint review-error" : "review-hint"}
                aria-invalid={sp.e === "review" || sp.e === "long" ? true : undefined}
                className="block w-full rounded-xl border border-slate-400 bg-white p-3 text-base text-slate-900 focus:border-brand-600"
              />
              {sp.e === "review" || sp.e === "long" ? (
                <p id="review-error" role="alert" className="text-sm font-medium text-red-800">
                  {t(sp.e === "long" ? "survey.page.reviewTooLong" : "survey.page.reviewEmpty")}
                </p>
              ) : null}
              <button type="submit" className={button}>
                {t("survey.page.sendReview")}
              </button>
            </form>
          </>
        ) : (
          <>
            <h1 role="status" className="mt-2 text-2xl font-black text-slate-900">
              {t("survey.page.done")}
            </h1>
            <p className="mt-2 text-slate-700">{t("survey.page.doneText", { score: survey.score! })}</p>
            <figure className="mt-6 rounded-xl border-l-4 border-brand-600 bg-white p-4 shadow-sm">
              <figcaption className="text-xs font-semibold tracking-wide text-slate-600 uppercase">{t("survey.page.yourReview")}</figcaption>
              <blockquote className="mt-1 whitespace-pre-wrap text-slate-900">{survey.review}</blockquote>
            </figure>
          </>
        )}
      </main>
    </div>
  );
}

"use server";
// The survey page's two forms (public: the link's token is the key). Each redirects back to the page,
// which shows what is stored; a bad form comes back with the field's error.
import { redirect } from "next/navigation";
import { z } from "zod";
import { actionClient } from "@/lib/actions";
import { now } from "@/lib/clock";
import { db } from "@/lib/db/client";
import { recordReview, recordScore, REVIEW_MAX_CHARS } from "@/lib/surveys/answer";
import { SURVEY_TOKEN_PATTERN } from "@/lib/surveys/token";

const token = z.string().regex(SURVEY_TOKEN_PATTERN);
const back = (form: FormData | undefined, query = "") => {
  const t = token.safeParse(form?.get("token"));
  redirect(t.success ? `/survey/${t.data}${query}` : "/survey/invalid");
};

export const scoreAction = actionClient.schema(z.object({ token, score: z.coerce.number().int().min(0).max(10) })).formAction(
  async ({ input }) => {
    await recordScore(db(), { token: input.token, score: input.score, now: now() });
    redirect(`/survey/${input.token}`);
  },
  (_failure, form) => back(form, "?e=score"),
);

export const reviewAction = actionClient.schema(z.object({ token, review: z.string().trim().min(1).max(REVIEW_MAX_CHARS) })).formAction(
  async ({ input }) => {
    await recordReview(db(), { token: input.token, review: input.review, now: now() });
    redirect(`/survey/${input.token}`);
  },
  (_failure, form) => {
    const review = form?.get("review");
    back(form, typeof review === "string" && review.trim().length > REVIEW_MAX_CHARS ? "?e=long" : "?e=review");
  },
);

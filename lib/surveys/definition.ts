// The `surveys` part of the program definition (CONTRACTS.md "Messages, surveys and jobs"):
// the NPS survey after a visit, who hears about reviews and when the daily report goes out.
import { z } from "zod";

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'a local time "HH:MM", e.g. "09:00"' });

export const npsSurveySchema = z.strictObject({
  /** Hours after the visit (ticket validation) before the survey email goes out. */
  afterHours: z
    .number({ error: "must be a whole number of hours" })
    .int({ error: "must be a whole number of hours" })
    .min(1, { error: "1 to 720 hours" })
    .max(720, { error: "1 to 720 hours" })
    .default(12),
  /** true: only visits that validated a ticket of a committed receipt; false: every recorded attendance. */
  onlyValidatedVisits: z.boolean().default(true),
  /** Who gets each written review at once and the daily report. */
  staffEmails: z
    .array(z.email({ error: "must be an email address" }).max(254))
    .min(1, { error: "list at least one staff email" })
    .max(20, { error: "at most 20 addresses" }),
  /** Local time (program time zone) after which yesterday's report is sent. */
  dailyReportAt: clock.default("09:00"),
});

export const surveysSchema = z.strictObject({ nps: npsSurveySchema.optional() });

export type NpsSurveySettings = z.output<typeof npsSurveySchema>;

// The staff's daily report: yesterday's survey answers in numbers and every written review.
import { Section, Text } from "@react-email/components";
import { type EmailBrand, EmailButton, EmailLayout, EmailTitle, p } from "./layout";

export interface SurveyDailyReportEmailProps {
  brand: EmailBrand;
  title: string;
  summary: string;
  nps: string | null;
  none: string;
  reviews: { heading: string; review: string }[];
  cta: string;
  url: string;
  footer: string;
}

export default function SurveyDailyReportEmail(props: SurveyDailyReportEmailProps) {
  return (
    <EmailLayout brand={props.brand} preview={props.summary} footer={props.footer}>
      <EmailTitle>{props.title}</EmailTitle>
      <Text style={{ ...p, fontWeight: 700 }}>{props.summary}</Text>
      {props.nps ? <Text style={p}>{props.nps}</Text> : null}
      {props.reviews.length === 0 ? <Text style={p}>{props.none}</Text> : null}
      {props.reviews.map((r, i) => (
        <Section key={i} style={{ borderLeft: `4px solid ${props.brand.brandColor}`, margin: "14px 0", paddingLeft: 14 }}>
          <Text style={{ ...p, color: "#475569", fontSize: 13, margin: "0 0 4px" }}>{r.heading}</Text>
          <Text style={{ ...p, margin: 0, whiteSpace: "pre-wrap" }}>{r.review}</Text>
        </Section>
      ))}
      <EmailButton href={props.url} color={props.brand.brandColor}>
        {props.cta}
      </EmailButton>
    </EmailLayout>
  );
}

SurveyDailyReportEmail.PreviewProps = {
  brand: { programName: "Wonder Park Friends", brandColor: "#7c3aed" },
  title: "Reviews of 1 December 2026",
  summary: "14 answers, 2 written reviews",
  nps: "NPS of the day: 43",
  none: "No written reviews that day.",
  reviews: [
    { heading: "9/10 · written 1 December 2026, 10:15 · visit 30 November 2026", review: "Great rides, long queue for ice cream." },
    { heading: "3/10 · written 1 December 2026, 18:40 · visit 30 November 2026", review: "The water park was closed without notice." },
  ],
  cta: "Open NPS in the console",
  url: "http://localhost:3000/admin/nps",
  footer: "Wonder Park Friends: survey reviews go to the staff emails of the program's settings.",
} satisfies SurveyDailyReportEmailProps;

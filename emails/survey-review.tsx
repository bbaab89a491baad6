// To the program's staff emails at once when a visitor writes a review: score, review, its date, the visit date.
import { Section, Text } from "@react-email/components";
import { type EmailBrand, EmailButton, EmailLayout, EmailTitle, p } from "./layout";

export interface SurveyReviewEmailProps {
  brand: EmailBrand;
  title: string;
  scoreLine: string;
  review: string;
  facts: string[];
  cta: string;
  url: string;
  footer: string;
}

export default function SurveyReviewEmail(props: SurveyReviewEmailProps) {
  return (
    <EmailLayout brand={props.brand} preview={`${props.scoreLine} — ${props.review.slice(0, 80)}`} footer={props.footer}>
      <EmailTitle>{props.title}</EmailTitle>
      <Text style={{ ...p, fontWeight: 700 }}>{props.scoreLine}</Text>
      <Section style={{ borderLeft: `4px solid ${props.brand.brandColor}`, margin: "12px 0", paddingLeft: 14 }}>
        <Text style={{ ...p, whiteSpace: "pre-wrap" }}>{props.review}</Text>
      </Section>
      {props.facts.map((f) => (
        <Text key={f} style={{ ...p, color: "#475569", fontSize: 14, margin: "2px 0" }}>
          {f}
        </Text>
      ))}
      <EmailButton href={props.url} color={props.brand.brandColor}>
        {props.cta}
      </EmailButton>
    </EmailLayout>
  );
}

SurveyReviewEmail.PreviewProps = {
  brand: { programName: "Wonder Park Friends", brandColor: "#7c3aed" },
  title: "A visitor wrote a review",
  scoreLine: "Score: 9 of 10",
  review: "The new roller coaster is great, but the queue at the ice cream kiosk took 25 minutes.",
  facts: ["Review written: 2 December 2026, 10:15", "Visit: 1 December 2026", "Place: Park entrance gates"],
  cta: "Open NPS in the console",
  url: "http://localhost:3000/admin/nps",
  footer: "Wonder Park Friends: survey reviews go to the staff emails of the program's settings.",
} satisfies SurveyReviewEmailProps;

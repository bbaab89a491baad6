// Sent when the club answers a fan's feedback request.
import { Section, Text } from "@react-email/components";
import { type EmailBrand, EmailButton, EmailLayout, EmailTitle, p } from "./layout";

export interface FeedbackReplyEmailProps {
  brand: EmailBrand;
  title: string;
  subjectLine: string;
  reply: string;
  cta: string;
  url: string;
  footer: string;
}

export default function FeedbackReplyEmail(props: FeedbackReplyEmailProps) {
  return (
    <EmailLayout brand={props.brand} preview={props.subjectLine} footer={props.footer}>
      <EmailTitle>{props.title}</EmailTitle>
      <Text style={{ ...p, fontWeight: 700 }}>{props.subjectLine}</Text>
      <Section style={{ borderLeft: `4px solid ${props.brand.brandColor}`, margin: "12px 0", paddingLeft: 14 }}>
        <Text style={{ ...p, whiteSpace: "pre-wrap" }}>{props.reply}</Text>
      </Section>
      <EmailButton href={props.url} color={props.brand.brandColor}>
        {props.cta}
      </EmailButton>
    </EmailLayout>
  );
}

FeedbackReplyEmail.PreviewProps = {
  brand: { programName: "FC Tribune Fan Club", brandColor: "#b91c1c" },
  title: "The club answered your request",
  subjectLine: "Points for the cup match",
  reply: "Hello! The points for the cup match arrive within 24 hours after the match.",
  cta: "Open the conversation",
  url: "http://localhost:3000/cabinet/feedback",
  footer: "FC Tribune Fan Club",
} satisfies FeedbackReplyEmailProps;

// A triggered or campaign message: the subject as its heading, the marketer's text (paragraphs
// split on blank lines), an optional code (a birthday promo code) and an optional button.
import { Section, Text } from "@react-email/components";
import { type EmailBrand, EmailButton, EmailLayout, EmailTitle, type EmailUnsubscribe, p } from "./layout";

export interface TriggeredMessageEmailProps {
  brand: EmailBrand;
  title: string;
  body: string;
  code?: { label: string; value: string } | null;
  cta?: { label: string; url: string } | null;
  footer: string;
  unsubscribe?: EmailUnsubscribe;
}

export default function TriggeredMessageEmail(props: TriggeredMessageEmailProps) {
  const paragraphs = props.body
    .split(/\n\s*\n/)
    .map((x) => x.trim())
    .filter(Boolean);
  return (
    <EmailLayout brand={props.brand} preview={paragraphs[0] ?? props.title} footer={props.footer} unsubscribe={props.unsubscribe}>
      <EmailTitle>{props.title}</EmailTitle>
      {paragraphs.map((text, i) => (
        <Text key={i} style={{ ...p, whiteSpace: "pre-wrap" }}>
          {text}
        </Text>
      ))}
      {props.code ? (
        <Section style={{ backgroundColor: "#f8fafc", border: "1px dashed #94a3b8", borderRadius: 12, margin: "16px 0", padding: "12px 16px", textAlign: "center" }}>
          <Text style={{ color: "#475569", fontSize: 12, margin: 0, textTransform: "uppercase" }}>{props.code.label}</Text>
          <Text style={{ color: "#0f172a", fontFamily: "ui-monospace, Menlo, monospace", fontSize: 24, fontWeight: 800, letterSpacing: 2, margin: "4px 0 0" }}>{props.code.value}</Text>
        </Section>
      ) : null}
      {props.cta ? (
        <EmailButton href={props.cta.url} color={props.brand.brandColor}>
          {props.cta.label}
        </EmailButton>
      ) : null}
    </EmailLayout>
  );
}

TriggeredMessageEmail.PreviewProps = {
  brand: { programName: "FC Tribune Fan Club", brandColor: "#b91c1c" },
  title: "Happy birthday, Anna!",
  body: "The whole club wishes you a great year.\n\nHere is a present: 20% off in the club shop until the end of the month.",
  code: { label: "Your code", value: "BDAY-7KQ2M" },
  cta: { label: "Open my account", url: "http://localhost:3000/cabinet" },
  footer: "FC Tribune Fan Club · you get this email because you are a member of the program.",
  unsubscribe: { text: "Don't want offers by email?", label: "Unsubscribe", url: "http://localhost:3000/unsubscribe/token" },
} satisfies TriggeredMessageEmailProps;

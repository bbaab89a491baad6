// The NPS survey after a visit: eleven score links (each opens the survey page with the score
// chosen; nothing is recorded until the visitor presses Send there, so link scanners record nothing).
import { Link, Section, Text } from "@react-email/components";
import { type EmailBrand, EmailButton, EmailLayout, EmailTitle, type EmailUnsubscribe, p } from "./layout";

export interface SurveyInvitationEmailProps {
  brand: EmailBrand;
  title: string;
  lead: string;
  scale: string;
  cta: string;
  url: string;
  footer: string;
  unsubscribe?: EmailUnsubscribe;
}

export default function SurveyInvitationEmail(props: SurveyInvitationEmailProps) {
  const scores = Array.from({ length: 11 }, (_, i) => i);
  return (
    <EmailLayout brand={props.brand} preview={props.lead} footer={props.footer} unsubscribe={props.unsubscribe}>
      <EmailTitle>{props.title}</EmailTitle>
      <Text style={p}>{props.lead}</Text>
      <Section style={{ margin: "16px 0 4px" }}>
        {scores.map((s) => (
          <Link
            key={s}
            href={`${props.url}?score=${s}`}
            style={{
              border: `1px solid ${props.brand.brandColor}`,
              borderRadius: 8,
              color: props.brand.brandColor,
              display: "inline-block",
              fontSize: 15,
              fontWeight: 700,
              margin: "0 4px 6px 0",
              padding: "8px 0",
              textAlign: "center",
              textDecoration: "none",
              width: 34,
            }}
          >
            {s}
          </Link>
        ))}
      </Section>
      <Text style={{ ...p, color: "#64748b", fontSize: 13 }}>{props.scale}</Text>
      <EmailButton href={props.url} color={props.brand.brandColor}>
        {props.cta}
      </EmailButton>
    </EmailLayout>
  );
}

SurveyInvitationEmail.PreviewProps = {
  brand: { programName: "Wonder Park Friends", brandColor: "#7c3aed" },
  title: "How was your day with us?",
  lead: "Thank you for visiting us on 1 December 2026. It takes a minute: how likely are you to recommend Wonder Park Friends to a friend?",
  scale: "0 — not at all likely, 10 — extremely likely",
  cta: "Rate your visit",
  url: "http://localhost:3000/survey/preview-token",
  footer: "Wonder Park Friends. You get this email because you visited us with your member ticket.",
  unsubscribe: { text: "Don't want surveys by email?", label: "Unsubscribe", url: "http://localhost:3000/unsubscribe/token" },
} satisfies SurveyInvitationEmailProps;

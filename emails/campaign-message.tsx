// A campaign email: the marketer's subject as its heading and text (paragraphs split on blank
// lines) with a button to the member's account — the triggered message's layout, with a preview
// line of its own (what mail clients show next to the subject).
import TriggeredMessageEmail from "./triggered-message";
import type { EmailBrand, EmailUnsubscribe } from "./layout";

export interface CampaignMessageEmailProps {
  brand: EmailBrand;
  title: string;
  body: string;
  cta?: { label: string; url: string } | null;
  footer: string;
  unsubscribe?: EmailUnsubscribe;
}

export default function CampaignMessageEmail(props: CampaignMessageEmailProps) {
  return <TriggeredMessageEmail brand={props.brand} title={props.title} body={props.body} cta={props.cta} footer={props.footer} unsubscribe={props.unsubscribe} />;
}

CampaignMessageEmail.PreviewProps = {
  brand: { programName: "FC Tribune Fan Club", brandColor: "#b91c1c" },
  title: "Derby day: double points in the club shop",
  body: "Saturday is derby day.\n\nEvery purchase in the club shop on match day earns double points.",
  cta: { label: "Open my account", url: "http://localhost:3000/cabinet" },
  footer: "FC Tribune Fan Club · you get this email because you are a member of the program.",
  unsubscribe: { text: "Don't want offers by email?", label: "Unsubscribe", url: "http://localhost:3000/unsubscribe/token" },
} satisfies CampaignMessageEmailProps;

// A coalition partner's mailing (lib/partner/mailings.ts): the campaign email under the partner's
// name — its name in the brand bar, the program's colour, and a footer that says why the member
// gets it (a member of the program who bought at the partner).
import CampaignMessageEmail, { type CampaignMessageEmailProps } from "./campaign-message";

export interface PartnerMailingEmailProps extends CampaignMessageEmailProps {
  partnerName: string;
}

export default function PartnerMailingEmail({ partnerName, ...props }: PartnerMailingEmailProps) {
  return <CampaignMessageEmail {...props} brand={{ ...props.brand, programName: partnerName }} />;
}

PartnerMailingEmail.PreviewProps = {
  partnerName: "Half-Time Coffee",
  brand: { programName: "FC Tribune Fan Club", brandColor: "#b91c1c" },
  title: "Match day: the second coffee is on points",
  body: "Come to the west stand an hour before kick-off.\n\nYour second coffee is paid with points.",
  cta: { label: "Open my account", url: "http://localhost:3000/cabinet" },
  footer: "Half-Time Coffee, a partner of FC Tribune Fan Club · you get this email because you are a member of the program and bought at Half-Time Coffee.",
  unsubscribe: { text: "Don't want offers by email?", label: "Unsubscribe", url: "http://localhost:3000/unsubscribe/token" },
} satisfies PartnerMailingEmailProps;

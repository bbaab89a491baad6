// Magic sign-in link and email verification link (same shape, different words).
import { Text } from "@react-email/components";
import { button, type EmailBrand, EmailButton, EmailLayout, EmailTitle, p } from "./layout";

export interface LinkEmailProps {
  brand: EmailBrand;
  title: string;
  lead: string;
  cta: string;
  url: string;
  fallback: string;
  ignore: string;
  footer: string;
}

export default function LinkEmail(props: LinkEmailProps) {
  return (
    <EmailLayout brand={props.brand} preview={props.lead} footer={props.footer}>
      <EmailTitle>{props.title}</EmailTitle>
      <Text style={p}>{props.lead}</Text>
      <EmailButton href={props.url} color={props.brand.brandColor} margin="20px 0">
        {props.cta}
      </EmailButton>
      <Text style={{ ...p, fontSize: 13, color: "#64748b" }}>{props.fallback}</Text>
      <Text style={{ ...p, fontSize: 13, color: "#0f172a", wordBreak: "break-all" }}>{props.url}</Text>
      <Text style={{ ...p, fontSize: 13, color: "#64748b" }}>{props.ignore}</Text>
    </EmailLayout>
  );
}

LinkEmail.PreviewProps = {
  brand: { programName: "FC Tribune Fan Club", brandColor: "#b91c1c" },
  title: "Sign in to FC Tribune Fan Club",
  lead: "Tap the button to sign in. The link works once, for 15 minutes.",
  cta: "Sign in",
  url: "http://localhost:3000/cabinet/sign-in/email?token=example",
  fallback: "If the button does not work, open this address:",
  ignore: "If you did not ask to sign in, ignore this email.",
  footer: "FC Tribune Fan Club",
} satisfies LinkEmailProps;

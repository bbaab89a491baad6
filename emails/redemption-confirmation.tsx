// Sent after a fan buys an experience with points: the voucher code and what to do next.
import { Section, Text } from "@react-email/components";
import { type EmailBrand, EmailButton, EmailLayout, EmailTitle, p } from "./layout";

export interface RedemptionEmailProps {
  brand: EmailBrand;
  title: string;
  lead: string;
  voucherLabel: string;
  voucherCode: string;
  pointsLine: string;
  note: string;
  cta: string;
  url: string;
  footer: string;
}

export default function RedemptionEmail(props: RedemptionEmailProps) {
  return (
    <EmailLayout brand={props.brand} preview={props.lead} footer={props.footer}>
      <EmailTitle>{props.title}</EmailTitle>
      <Text style={p}>{props.lead}</Text>
      <Section style={{ backgroundColor: "#f8fafc", border: "1px dashed #94a3b8", borderRadius: 12, margin: "16px 0", padding: "12px 16px", textAlign: "center" }}>
        <Text style={{ color: "#64748b", fontSize: 12, letterSpacing: 1, margin: 0, textTransform: "uppercase" }}>{props.voucherLabel}</Text>
        <Text style={{ color: "#0f172a", fontFamily: "monospace", fontSize: 24, fontWeight: 800, letterSpacing: 2, margin: "4px 0 0" }}>{props.voucherCode}</Text>
      </Section>
      <Text style={p}>{props.pointsLine}</Text>
      <Text style={{ ...p, fontSize: 13, color: "#64748b" }}>{props.note}</Text>
      <EmailButton href={props.url} color={props.brand.brandColor}>
        {props.cta}
      </EmailButton>
    </EmailLayout>
  );
}

RedemptionEmail.PreviewProps = {
  brand: { programName: "FC Tribune Fan Club", brandColor: "#b91c1c" },
  title: "Your experience is booked",
  lead: "Pitch tour — see you at the stadium!",
  voucherLabel: "Voucher",
  voucherCode: "TRB-7K4M-Q2XD",
  pointsLine: "3,000 points were spent.",
  note: "Show the voucher at the meeting point. You can cancel it in your account while it is unused.",
  cta: "My experiences",
  url: "http://localhost:3000/cabinet/catalog",
  footer: "FC Tribune Fan Club",
} satisfies RedemptionEmailProps;

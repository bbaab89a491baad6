// The frame every email of the program shares: brand bar, content, footer.
import { Body, Button, Container, Head, Heading, Hr, Html, Link, Preview, Section, Text } from "@react-email/components";
import type { ReactNode } from "react";

export interface EmailBrand {
  programName: string;
  brandColor: string;
}

/** The unsubscribe line of marketing and survey emails (the same link as their List-Unsubscribe header). */
export interface EmailUnsubscribe {
  text: string;
  label: string;
  url: string;
}

export function EmailLayout({ brand, preview, footer, unsubscribe, children }: { brand: EmailBrand; preview: string; footer: string; unsubscribe?: EmailUnsubscribe; children: ReactNode }) {
  return (
    <Html>
      <Head />
      <Preview>{preview}</Preview>
      <Body style={{ backgroundColor: "#f1f5f9", fontFamily: "Inter, Segoe UI, Roboto, Helvetica, Arial, sans-serif", margin: 0, padding: "24px 0" }}>
        <Container style={{ backgroundColor: "#ffffff", borderRadius: 16, maxWidth: 520, overflow: "hidden" }}>
          <Section style={{ backgroundColor: brand.brandColor, padding: "20px 28px" }}>
            <Text style={{ color: "#ffffff", fontSize: 18, fontWeight: 800, margin: 0 }}>{brand.programName}</Text>
          </Section>
          <Section style={{ padding: "8px 28px 24px" }}>{children}</Section>
          <Hr style={{ borderColor: "#e2e8f0", margin: 0 }} />
          <Section style={{ padding: "16px 28px" }}>
            <Text style={{ color: "#64748b", fontSize: 12, margin: 0 }}>{footer}</Text>
            {unsubscribe ? (
              <Text style={{ color: "#64748b", fontSize: 12, margin: "8px 0 0" }}>
                {unsubscribe.text}{" "}
                <Link href={unsubscribe.url} style={{ color: "#475569", textDecoration: "underline" }}>
                  {unsubscribe.label}
                </Link>
              </Text>
            ) : null}
          </Section>
        </Container>
      </Body>
    </Html>
  );
}

export const h1 = { color: "#0f172a", fontSize: 22, fontWeight: 800, margin: "20px 0 8px" } as const;
export const p = { color: "#334155", fontSize: 15, lineHeight: "24px", margin: "8px 0" } as const;
export const button = (color: string) =>
  ({ backgroundColor: color, borderRadius: 10, color: "#ffffff", display: "inline-block", fontSize: 15, fontWeight: 700, padding: "12px 22px", textDecoration: "none" }) as const;

/** The email's headline. */
export function EmailTitle({ children }: { children: ReactNode }) {
  return (
    <Heading as="h1" style={h1}>
      {children}
    </Heading>
  );
}

/** The one call to action: a button in the brand's colour. */
export function EmailButton({ href, color, children, margin = "16px 0" }: { href: string; color: string; children: ReactNode; margin?: string }) {
  return (
    <Section style={{ margin }}>
      <Button href={href} style={button(color)}>
        {children}
      </Button>
    </Section>
  );
}

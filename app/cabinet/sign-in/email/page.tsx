// Landing page of the magic sign-in link from the email: a GET shows a button and consumes nothing;
// the press signs in (link scanners that open every link cannot use up the token).
import { getT, pageTitle } from "@/lib/i18n/server";
import { Crest } from "@/components/cabinet/shell";
import { EmailLinkSignIn } from "@/components/cabinet/email-link-sign-in";

export const generateMetadata = pageTitle("title.signIn", { robots: { index: false } });

export default async function EmailLinkPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  const { t } = await getT();
  return (
    <main id="main" className="mx-auto flex min-h-dvh max-w-md flex-col items-center justify-center gap-6 px-6 text-center">
      <Crest className="size-16" />
      <EmailLinkSignIn token={typeof token === "string" ? token : ""} />
    </main>
  );
}

// The cabinet's outer frame: the program's brand colour for every cabinet page (sign-in included)
// and the texts of the cabinet's client components (I18nProvider).
import type { Metadata } from "next";
import { connection } from "next/server";
import { db } from "@/lib/db/client";
import { currentProgram } from "@/lib/program/current";
import { I18nProvider } from "@/lib/i18n/client";
import { requestLocale } from "@/lib/i18n/server";
import { messageBundle } from "@/lib/i18n/bundle";
import type { Locale } from "@/lib/i18n/locales";
import { brandStyle } from "@/components/cabinet/brand";

export async function generateMetadata(): Promise<Metadata> {
  await connection();
  const program = await currentProgram(db()).catch(() => null);
  return { title: { default: program?.name ?? "Tribune", template: `%s · ${program?.name ?? "Tribune"}` } };
}

export default async function CabinetRootLayout({ children }: { children: React.ReactNode }) {
  await connection();
  const program = await currentProgram(db());
  const locale = await requestLocale((program?.defaultLocale as Locale | undefined) ?? "ru");
  return (
    <I18nProvider locale={locale} messages={messageBundle("cabinet", locale)}>
      <div style={brandStyle(program?.brandColor ?? "#0f766e")} className="min-h-dvh bg-slate-50">
        {children}
      </div>
    </I18nProvider>
  );
}

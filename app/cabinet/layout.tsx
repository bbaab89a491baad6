// The cabinet's outer frame: the program's brand colour for every cabinet page (sign-in included).
import type { Metadata } from "next";
import { connection } from "next/server";
import { db } from "@/lib/db/client";
import { currentProgram } from "@/lib/program/current";
import { brandStyle } from "@/components/cabinet/brand";

export async function generateMetadata(): Promise<Metadata> {
  await connection();
  const program = await currentProgram(db()).catch(() => null);
  return { title: { default: program?.name ?? "Tribune", template: `%s · ${program?.name ?? "Tribune"}` } };
}

export default async function CabinetRootLayout({ children }: { children: React.ReactNode }) {
  await connection();
  const program = await currentProgram(db());
  return (
    <div style={brandStyle(program?.brandColor ?? "#0f766e")} className="min-h-dvh bg-slate-50">
      {children}
    </div>
  );
}

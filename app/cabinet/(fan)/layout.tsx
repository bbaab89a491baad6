// Signed-in cabinet pages: the fan's frame. Not signed in → the branded sign-in page.
import { CabinetShell } from "@/components/cabinet/shell";
import { fanName, loadCabinet } from "../_lib/context";

export default async function FanLayout({ children }: { children: React.ReactNode }) {
  const { customer, program, t, locale } = await loadCabinet();
  return (
    <CabinetShell programName={program.name} fanName={fanName(customer)} locale={locale} t={t}>
      {children}
    </CabinetShell>
  );
}

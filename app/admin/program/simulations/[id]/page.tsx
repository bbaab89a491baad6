// One what-if replay of a draft: the progress bar while it runs, then the draft against the
// version in force (owners, marketers and analysts read it).
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/admin/page-header";
import { SimulationRunView } from "@/components/admin/program/simulation-view";
import { requirePermission } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { getT, pageTitle } from "@/lib/i18n/server";
import { customerNames, simulationView } from "@/lib/simulation/store";

export const generateMetadata = pageTitle("title.console.simulation");
export const dynamic = "force-dynamic";

export default async function SimulationPage({ params }: { params: Promise<{ id: string }> }) {
  const staff = await requirePermission("program.view");
  const { t, locale } = await getT();
  const run = await simulationView(db(), staff.programId, (await params).id);
  if (!run) notFound();
  return (
    <>
      <PageHeader
        title={t("prog.sim.runTitle", { date: run.createdAt.toLocaleString(locale, { dateStyle: "medium", timeStyle: "short" }) })}
        back={{ href: "/admin/program#prog-simulate", label: t("prog.sim.back") }}
      />
      <SimulationRunView initial={JSON.parse(JSON.stringify(run))} names={await customerNames(db(), staff.programId, run)} />
    </>
  );
}

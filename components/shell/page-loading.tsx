// What every loading.tsx shows: the page's skeleton, announced in the reader's language.
import { LoadingState } from "@/components/ui/states";
import { getT } from "@/lib/i18n/server";

export async function PageLoading({ rows, layout, area = "console" }: { rows?: number; layout?: "table" | "cards"; area?: "console" | "partner" | "cabinet" }) {
  const { t } = await getT();
  const label = t(area === "cabinet" ? "cabinet.loading" : area === "partner" ? "partner.loading" : "console.common.loading");
  return <LoadingState label={label} rows={rows} layout={layout} />;
}

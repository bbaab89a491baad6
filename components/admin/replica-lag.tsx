// A line over the analytics pages that read the replica: how old their figures may be. Renders
// nothing when the analytics reads go to the primary (DATABASE_REPLICA_URL unset).
import { analyticsDb } from "@/lib/db/client";
import { replicaLag } from "@/lib/db/replica";
import { getT } from "@/lib/i18n/server";

export async function ReplicaLag() {
  const [{ t }, lag] = await Promise.all([getT(), replicaLag(analyticsDb())]);
  if (!lag) return null;
  return (
    <p data-testid="replica-lag" role="note" className="mb-4 text-xs text-slate-500">
      {lag.seconds == null ? t("replica.lagUnknown") : t("replica.lag", { seconds: lag.seconds })}
    </p>
  );
}

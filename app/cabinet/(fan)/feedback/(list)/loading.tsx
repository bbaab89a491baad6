// Skeleton while this cabinet page loads.
import { PageLoading } from "@/components/shell/page-loading";

export default function Loading() {
  return <PageLoading area="cabinet" layout="cards" />;
}

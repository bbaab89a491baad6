import { LoadingState } from "@/components/admin/states";

export default function Loading() {
  return <LoadingState rows={10} />;
}

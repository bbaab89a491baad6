// PassKit web service: the latest version of a pass (lib/wallet/web-service.ts).
import { db } from "@/lib/db/client";
import { latestPass } from "@/lib/wallet/web-service";

export async function GET(req: Request, { params }: { params: Promise<{ passTypeIdentifier: string; serialNumber: string }> }) {
  return latestPass(db(), req, await params);
}

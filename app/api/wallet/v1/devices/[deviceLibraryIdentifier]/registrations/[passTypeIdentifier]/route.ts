// PassKit web service: the serial numbers of a device's passes updated since a tag (lib/wallet/web-service.ts).
import { db } from "@/lib/db/client";
import { updatedSerials } from "@/lib/wallet/web-service";

export async function GET(req: Request, { params }: { params: Promise<{ deviceLibraryIdentifier: string; passTypeIdentifier: string }> }) {
  return updatedSerials(db(), req, await params);
}

// PassKit web service: register / unregister a device for a pass's updates (lib/wallet/web-service.ts).
import { db } from "@/lib/db/client";
import { registerDevice, unregisterDevice } from "@/lib/wallet/web-service";

type Params = { params: Promise<{ deviceLibraryIdentifier: string; passTypeIdentifier: string; serialNumber: string }> };

export async function POST(req: Request, { params }: Params) {
  return registerDevice(db(), req, await params);
}

export async function DELETE(req: Request, { params }: Params) {
  return unregisterDevice(db(), req, await params);
}

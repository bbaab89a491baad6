// PassKit web service: Wallet's error log (lib/wallet/web-service.ts).
import { walletLog } from "@/lib/wallet/web-service";

export async function POST(req: Request) {
  return walletLog(req);
}

// APNs for Wallet passes: an empty JSON push over HTTP/2 to the device's push token, the pass type
// id as the topic, the pass certificate as the TLS client certificate (Apple's "Updating a Pass").
import http2 from "node:http2";
import type { AppleWalletConfig } from "./config";

export interface ApnsResult {
  /** 200: delivered; 410: the token is no longer valid; other codes: retry later. */
  status: number;
  reason?: string;
}

export interface ApnsClient {
  push(pushToken: string): Promise<ApnsResult>;
  close(): void;
}

/** One HTTP/2 session for a batch of pushes. `ca` only for a test server. */
export function apnsClient(config: Pick<AppleWalletConfig, "passTypeId" | "certificatePem" | "keyPem">, host: string, opts: { ca?: string; timeoutMs?: number } = {}): ApnsClient {
  const session = http2.connect(`https://${host}`, { cert: config.certificatePem, key: config.keyPem, ...(opts.ca ? { ca: opts.ca } : {}) });
  session.on("error", () => {}); // each request reports its own failure
  return {
    push(pushToken) {
      return new Promise<ApnsResult>((resolve) => {
        const req = session.request({ ":method": "POST", ":path": `/3/device/${encodeURIComponent(pushToken)}`, "apns-topic": config.passTypeId, "content-type": "application/json" });
        req.setTimeout(opts.timeoutMs ?? 10_000, () => req.close(http2.constants.NGHTTP2_CANCEL));
        let status = 0;
        let body = "";
        req.on("response", (headers) => {
          status = Number(headers[":status"]);
        });
        req.setEncoding("utf8");
        req.on("data", (chunk: string) => {
          body += chunk;
        });
        req.on("end", () => {
          let reason: string | undefined;
          try {
            reason = body ? (JSON.parse(body) as { reason?: string }).reason : undefined;
          } catch {
            reason = body.slice(0, 200);
          }
          resolve({ status, reason });
        });
        req.on("error", (e) => resolve({ status: 0, reason: e.message }));
        req.end("{}");
      });
    },
    close() {
      session.close();
    },
  };
}

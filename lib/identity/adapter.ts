// oidc-provider's storage adapter on PostgreSQL: every artifact (session, interaction, code, token,
// grant) is one OidcPayload row; clients come from OidcClient (registered in the console or the CLI).
import type { Adapter, AdapterPayload } from "oidc-provider";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { clientMetadata } from "./clients";

type Payload = AdapterPayload;

function live(row: { payload: Prisma.JsonValue; expiresAt: Date | null; consumedAt: Date | null } | null, now = Date.now()): Payload | undefined {
  if (!row || (row.expiresAt && row.expiresAt.getTime() <= now)) return undefined;
  const payload = row.payload as unknown as Payload;
  return row.consumedAt ? { ...payload, consumed: Math.floor(row.consumedAt.getTime() / 1000) } : payload;
}

/** The adapter class oidc-provider instantiates once per model name. */
export function adapterFor(db: () => PrismaClient) {
  return class PgAdapter implements Adapter {
    constructor(private readonly kind: string) {}

    async upsert(id: string, payload: Payload, expiresIn?: number) {
      if (this.kind === "Client") throw new Error("clients are registered in the console, not through the provider");
      const expiresAt = expiresIn ? new Date(Date.now() + expiresIn * 1000) : null;
      const accountId = typeof payload.accountId === "string" ? payload.accountId : null;
      const clientId = typeof payload.clientId === "string" ? payload.clientId : null;
      const data = {
        payload: payload as unknown as Prisma.InputJsonValue,
        grantId: payload.grantId ?? null,
        uid: payload.uid ?? null,
        userCode: payload.userCode ?? null,
        accountId,
        clientId,
        expiresAt,
      };
      await db().oidcPayload.upsert({ where: { kind_id: { kind: this.kind, id } }, create: { kind: this.kind, id, ...data }, update: data });
    }

    async find(id: string) {
      if (this.kind === "Client") return ((await clientMetadata(db(), id)) as AdapterPayload | null) ?? undefined;
      return live(await db().oidcPayload.findUnique({ where: { kind_id: { kind: this.kind, id } } }));
    }

    async findByUid(uid: string) {
      return live(await db().oidcPayload.findFirst({ where: { kind: this.kind, uid } }));
    }

    async findByUserCode(userCode: string) {
      return live(await db().oidcPayload.findFirst({ where: { kind: this.kind, userCode } }));
    }

    async consume(id: string) {
      await db().oidcPayload.updateMany({ where: { kind: this.kind, id, consumedAt: null }, data: { consumedAt: new Date() } });
    }

    async destroy(id: string) {
      await db().oidcPayload.deleteMany({ where: { kind: this.kind, id } });
    }

    async revokeByGrantId(grantId: string) {
      await db().oidcPayload.deleteMany({ where: { grantId } });
    }
  };
}

/** Deletes expired artifacts (the retention job). */
export async function purgeExpiredOidcPayloads(db: PrismaClient, now = new Date()): Promise<number> {
  const { count } = await db.oidcPayload.deleteMany({ where: { expiresAt: { lt: now } } });
  return count;
}

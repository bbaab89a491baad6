// What the season happens in: the program and its rules, stores with their tills, staff and the
// experience catalog — read once from the database after the program is applied.
import type { Db } from "@/lib/db/client";
import { programDefinitionOrThrow, type ProgramDefinition } from "@/lib/program/definition";
import { currentDefinitions, promotionsInForce } from "@/lib/promotions/store";
import type { SimPromotionsInput } from "./sim/promotions";

export interface WorldStore {
  id: string;
  code: string;
  name: string;
  partnerCode: string | null;
  tags: string[];
  timezone: string;
  /** The till the history's receipts come from. */
  terminalId: string;
}

export interface WorldItem {
  id: string;
  code: string;
  title: string;
  pointsPrice: number;
  stock: number | null;
  minTierCode: string | null;
  availableFrom: Date | null;
  availableUntil: Date | null;
  active: boolean;
}

export interface World {
  programId: string;
  versionId: string;
  def: ProgramDefinition;
  stores: Map<string, WorldStore>;
  /** Staff by email. */
  staff: Map<string, { id: string; role: string; partnerId: string | null }>;
  items: Map<string, WorldItem>;
  /** The program's promotions as applied before the season (absent: receipts are priced without). */
  promotions?: SimPromotionsInput;
}

/** The promotions the season's receipts are priced with, and the codes stored with them. */
async function loadPromotions(db: Db, programId: string): Promise<World["promotions"]> {
  const inForce = [...(await promotionsInForce(db, programId))].sort((a, b) => (a.def.code < b.def.code ? -1 : 1));
  // A coalition partner's promotion gives promo points spendable only in that partner's stores.
  const partners = await db.promotion.findMany({ where: { programId, partnerId: { not: null } }, select: { id: true, partner: { select: { code: true } } } });
  const partnerOf = new Map(partners.map((p) => [p.id, p.partner?.code ?? null]));
  const all = (await currentDefinitions(db, programId)).map((p) => ({ id: p.id, versionId: p.versionId, def: p.def, partnerCode: partnerOf.get(p.id) ?? null }));
  const codes = await db.promoCode.findMany({ where: { programId }, orderBy: { code: "asc" } });
  return {
    inForce,
    all,
    codes: codes.map((c) => ({ id: c.id, promotionId: c.promotionId, code: c.code, kind: c.kind, customerId: c.customerId, maxUses: c.maxUses, uses: c.uses, expiresAt: c.expiresAt })),
  };
}

export async function loadWorld(db: Db, programId: string, terminals: Map<string, string>): Promise<World> {
  const version = await db.programVersion.findFirstOrThrow({ where: { programId }, orderBy: { version: "desc" } });
  const stores = await db.store.findMany({ where: { programId }, include: { partner: { select: { code: true } } } });
  const staff = await db.staffUser.findMany({ where: { programId } });
  const items = await db.catalogItem.findMany({ where: { programId } });
  const promotions = await loadPromotions(db, programId);
  return {
    promotions,
    programId,
    versionId: version.id,
    def: programDefinitionOrThrow(version.definition),
    stores: new Map(
      stores.map((s) => [s.code, { id: s.id, code: s.code, name: s.name, partnerCode: s.partner?.code ?? null, tags: s.tags, timezone: s.timezone, terminalId: terminals.get(s.code)! }]),
    ),
    staff: new Map(staff.map((s) => [s.email, { id: s.id, role: s.role, partnerId: s.partnerId }])),
    items: new Map(
      items.map((i) => [
        i.code,
        {
          id: i.id,
          code: i.code,
          title: i.title,
          pointsPrice: i.pointsPrice,
          stock: i.stock,
          minTierCode: i.minTierCode,
          availableFrom: i.availableFrom,
          availableUntil: i.availableUntil,
          active: i.active,
        },
      ]),
    ),
  };
}

// Saved segments a marketer of the club would have built by now, with their audit entries.
import type { Db } from "@/lib/db/client";
import { createId } from "@/lib/ids";
import { segmentDefinitionOrThrow, type SegmentDefinition } from "@/lib/segments/definition";

const SEGMENTS: [string, SegmentDefinition][] = [
  ["Legends and Veterans", { kind: "group", op: "and", children: [{ kind: "tier", op: "in", tiers: ["legend", "veteran"] }] }],
  ["Season-ticket holders this season", { kind: "group", op: "and", children: [{ kind: "boughtCategory", categories: ["season-ticket"], period: { kind: "lastDays", days: 180 } }] }],
  [
    "Came last season, no match for 60 days",
    {
      kind: "group",
      op: "and",
      children: [
        { kind: "visits", period: { kind: "allTime" }, op: "gte", value: 3 },
        { kind: "daysSinceLastVisit", op: "gte", value: 60 },
      ],
    },
  ],
  [
    "3,000+ points to spend, email consent",
    {
      kind: "group",
      op: "and",
      children: [
        { kind: "balance", op: "gte", value: 3000 },
        { kind: "consent", channel: "email", given: true },
      ],
    },
  ],
  ["Extra Time regulars (90 days)", { kind: "group", op: "and", children: [{ kind: "boughtAtPartner", partners: ["pub"], period: { kind: "lastDays", days: 90 } }] }],
  ["Birthdays in the next 30 days", { kind: "group", op: "and", children: [{ kind: "birthdayWithin", days: 30 }] }],
];

export async function seedSegments(db: Db, opts: { programId: string; at: Date }) {
  const marketer = await db.staffUser.findFirst({ where: { programId: opts.programId, role: "marketer" } });
  for (const [i, [name, definition]] of SEGMENTS.entries()) {
    const at = new Date(opts.at.getTime() - (SEGMENTS.length - i) * 6 * 86400_000);
    const id = createId("seg", at.getTime());
    await db.segment.create({
      data: { id, programId: opts.programId, name, definition: segmentDefinitionOrThrow(definition) as object, createdById: marketer?.id, updatedById: marketer?.id, createdAt: at, updatedAt: at },
    });
    await db.auditLog.create({
      data: { programId: opts.programId, actorType: "staff", actorId: marketer?.id, action: "segment.create", entityType: "segment", entityId: id, after: { name, definition } as object, at },
    });
  }
}

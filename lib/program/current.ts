// Which program this deployment serves, and its rules in force.
import type { Db } from "@/lib/db/client";
import { env } from "@/lib/env";

/** The program of this deployment: TRIBUNE_PROGRAM, else the first one created. */
export async function currentProgram(db: Db) {
  const code = env().TRIBUNE_PROGRAM;
  return code
    ? db.program.findUnique({ where: { code } })
    : db.program.findFirst({ orderBy: { createdAt: "asc" } });
}

/** The version of a program's rules in force at `at` (the newest one effective by then). */
export async function versionAt(db: Db, programId: string, at: Date = new Date()) {
  return db.programVersion.findFirst({
    where: { programId, effectiveFrom: { lte: at } },
    orderBy: [{ effectiveFrom: "desc" }, { version: "desc" }],
  });
}

// Which program this deployment serves (its rules in force: lib/program/in-force.ts).
import type { Db } from "@/lib/db/client";
import { env } from "@/lib/env";

/** The program of this deployment: TRIBUNE_PROGRAM, else the first one created. */
export async function currentProgram(db: Db) {
  const code = env().TRIBUNE_PROGRAM;
  return code ? db.program.findUnique({ where: { code } }) : db.program.findFirst({ orderBy: { createdAt: "asc" } });
}

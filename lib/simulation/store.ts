// Simulations started from the console (lib/simulation/run.ts in the background): a request is
// validated and saved as a queued ProgramSimulation row; the "program-simulations" job claims
// queued rows one at a time with a conditional UPDATE, keeps the progress on the row while it
// runs (worker threads over key ranges of customers when given a database URL) and stores the
// result (the page polls the row). Bad input throws and writes nothing.
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { createId } from "@/lib/ids";
import { checkDraft, checkMonths, simulateProgram, type SimulationOptions, type SimulationResult } from "./run";

export interface SimulationView {
  id: string;
  status: "queued" | "running" | "succeeded" | "failed";
  months: number;
  /** 0…1000 */
  progress: number;
  result: SimulationResult | null;
  error: string | null;
  createdAt: Date;
  finishedAt: Date | null;
  /** Names of the most affected customers, by id (the page links them to Customer 360). */
  names: Record<string, string>;
}

/** Validates the draft and the months and queues the simulation; returns its id. */
export async function createSimulation(db: Db, input: { programId: string; staffUserId: string | null; draft: unknown; months: number }): Promise<string> {
  const program = await db.program.findUnique({ where: { id: input.programId }, select: { code: true } });
  if (!program) throw new AppError("not_found", "No such program");
  checkMonths(input.months);
  checkDraft(input.draft, program.code);
  const id = createId("sim");
  await db.programSimulation.create({
    data: { id, programId: input.programId, draft: input.draft as object, months: input.months, staffUserId: input.staffUserId },
  });
  return id;
}

export async function simulationView(db: Db, programId: string, id: string): Promise<SimulationView | null> {
  const row = await db.programSimulation.findFirst({ where: { id, programId } });
  if (!row) return null;
  const result = row.result as SimulationResult | null;
  const ids = result?.mostAffected.map((a) => a.customerId) ?? [];
  const people = ids.length ? await db.customer.findMany({ where: { id: { in: ids }, programId }, select: { id: true, firstName: true, lastName: true } }) : [];
  return {
    id: row.id,
    status: row.status,
    months: row.months,
    progress: row.progress,
    result,
    error: row.error,
    createdAt: row.createdAt,
    finishedAt: row.finishedAt,
    names: Object.fromEntries(people.map((p) => [p.id, [p.firstName, p.lastName].filter(Boolean).join(" ")])),
  };
}

export async function recentSimulations(db: Db, programId: string, take = 10) {
  return db.programSimulation.findMany({
    where: { programId },
    orderBy: { createdAt: "desc" },
    take,
    select: { id: true, status: true, months: true, progress: true, createdAt: true, finishedAt: true },
  });
}

/** The job: runs queued simulations one at a time (a conditional UPDATE claims each). */
export async function runQueuedSimulations(db: Db, now: Date, opts: { max?: number } & Pick<SimulationOptions, "workers" | "databaseUrl"> = {}): Promise<Record<string, number>> {
  const out = { ran: 0, failed: 0 };
  for (let i = 0; i < (opts.max ?? 5); i++) {
    const claimed = await db.$queryRaw<{ id: string }[]>`
      update "ProgramSimulation" set status = 'running', progress = 0, "startedAt" = now()
      where id = (select id from "ProgramSimulation" where status = 'queued' order by "createdAt" limit 1 for update skip locked)
      returning id`;
    if (!claimed.length) break;
    out.ran++;
    if (!(await runOne(db, claimed[0].id, now, opts))) out.failed++;
  }
  return out;
}

async function runOne(db: Db, id: string, now: Date, parallel: Pick<SimulationOptions, "workers" | "databaseUrl">): Promise<boolean> {
  const row = await db.programSimulation.findUniqueOrThrow({ where: { id } });
  let last = 0;
  try {
    const result = await simulateProgram(
      db,
      { programId: row.programId, draft: row.draft, months: row.months, now },
      {
        ...parallel,
        onProgress: async (f) => {
          const t = Date.now();
          if (t - last < 400 && f < 1) return;
          last = t;
          await db.programSimulation.update({ where: { id }, data: { progress: Math.min(999, Math.round(f * 1000)) } });
        },
      },
    );
    await db.programSimulation.update({
      where: { id },
      data: { status: "succeeded", progress: 1000, result: JSON.parse(JSON.stringify(result)), finishedAt: new Date() },
    });
    return true;
  } catch (err) {
    await db.programSimulation.update({ where: { id }, data: { status: "failed", error: (err as Error).message.slice(0, 500), finishedAt: new Date() } });
    return false;
  }
}

// Next.js calls register() once when a server instance starts. In production it first checks the
// settings production cannot run without (lib/env.ts checkProductionEnv) and stops the server with
// a clear error when one is missing. The demo (TRIBUNE_INPROCESS_WORKER=1) runs the pg-boss job
// worker inside the web process; production runs `npm run worker` instead.
// Node.js runtime only (the edge runtime has no pg), and never during `next build`.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { productionEnvProblems } = await import("./lib/env");
  const problems = productionEnvProblems();
  if (problems.length) {
    console.error(`Tribune cannot start in production without:\n${problems.map((p) => `  ${p}`).join("\n")}`);
    process.exit(1);
  }
  if (process.env.TRIBUNE_INPROCESS_WORKER !== "1") return;
  const { startInProcessWorker } = await import("./lib/jobs/in-process");
  await startInProcessWorker();
}

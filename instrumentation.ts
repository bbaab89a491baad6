// Next.js calls register() once when a server instance starts. The demo (TRIBUNE_INPROCESS_WORKER=1)
// runs the pg-boss job worker inside the web process; production runs `npm run worker` instead.
// Node.js runtime only (the edge runtime has no pg), and never during `next build`.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.TRIBUNE_INPROCESS_WORKER !== "1" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { startInProcessWorker } = await import("./lib/jobs/in-process");
  await startInProcessWorker();
}

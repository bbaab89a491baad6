// The file a simulation worker thread starts from (lib/simulation/run.ts): registers tsx's
// loader in the thread (a worker's entry cannot be TypeScript), then runs worker.ts.
import { register } from "tsx/esm/api";

register();
await import("./worker.ts");

// Deterministic ids of the demo season: lib/ids.ts's shape (prefix, time, 80 bits) with the
// random part drawn from the season's seeded generator.
import { idFromBytes, type IdPrefix } from "@/lib/ids";
import { Rng } from "./rng";

export class SeededIds {
  private readonly rng: Rng;
  constructor(seed: string) {
    this.rng = new Rng(`ids:${seed}`);
  }
  id(prefix: IdPrefix, at: Date | number): string {
    return idFromBytes(prefix, typeof at === "number" ? at : at.getTime(), this.rng.bytes(10));
  }
}

// Deterministic ids of the demo season: lib/ids.ts's shape (48-bit millisecond time, 80 random
// bits, Crockford base32) with the random part drawn from the season's seeded generator.
// Encoded without buffers: the season makes about a million of them.
import type { IdPrefix } from "@/lib/ids";
import { Rng } from "./rng";

const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"; // lib/ids.ts

export class SeededIds {
  private readonly rng: Rng;
  private readonly words = new Uint32Array(4);
  constructor(seed: string) {
    this.rng = new Rng(`ids:${seed}`);
  }
  id(prefix: IdPrefix, at: Date | number): string {
    const ms = typeof at === "number" ? at : at.getTime();
    const hi = Math.floor(ms / 2 ** 32) & 0xffff;
    const lo = ms >>> 0;
    const w = this.words;
    w[0] = ((hi << 16) | (lo >>> 16)) >>> 0;
    w[1] = (((lo & 0xffff) << 16) | Math.floor(this.rng.next() * 0x10000)) >>> 0;
    w[2] = Math.floor(this.rng.next() * 2 ** 32) >>> 0;
    w[3] = Math.floor(this.rng.next() * 2 ** 32) >>> 0;
    let s = `${prefix}_`;
    for (let i = 0; i < 26; i++) {
      let v = 0;
      for (let b = i * 5; b < i * 5 + 5; b++) v = (v << 1) | (b < 128 ? (w[b >>> 5] >>> (31 - (b & 31))) & 1 : 0);
      s += ALPHABET[v];
    }
    return s;
  }
}

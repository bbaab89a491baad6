// The reference programs of programs/*.json, parsed: fixtures for tests, benchmarks and demos.
import { readFileSync } from "node:fs";
import path from "node:path";
import { programDefinitionOrThrow, type ProgramDefinition } from "@/lib/program/definition";

export const REFERENCE_PROGRAMS = ["football-club", "sportswear-retailer", "liquor-chain", "amusement-park", "coalition"] as const;
export type ReferenceProgram = (typeof REFERENCE_PROGRAMS)[number];

const dir = path.resolve(import.meta.dirname, "../../programs");

export function referenceProgramJson(name: ReferenceProgram): unknown {
  return JSON.parse(readFileSync(path.join(dir, `${name}.json`), "utf8"));
}

export function referenceProgram(name: ReferenceProgram): ProgramDefinition {
  return programDefinitionOrThrow(referenceProgramJson(name));
}

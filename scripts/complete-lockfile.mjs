#!/usr/bin/env node
// The registry this project is developed against serves only the platform
// binaries for Linux, so `npm install` writes a package-lock.json without the
// entries of optional platform packages for other systems (darwin, win32, …).
// `npm ci` then refuses the lock file as "out of sync". This script adds those
// entries back as optional, platform-restricted placeholders, exactly as npm
// would have recorded them, so `npm ci` skips them on Linux and the lock file
// stays valid. Run it after `npm install` changes package-lock.json.
import { readFileSync, writeFileSync } from "node:fs";

const file = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(readFileSync(file, "utf8"));
const packages = lock.packages;

const OS = ["darwin", "win32", "linux", "android", "freebsd", "openharmony", "sunos", "aix", "netbsd", "openbsd"];
const CPU = { x64: "x64", ia32: "ia32", arm64: "arm64", arm: "arm", loong64: "loong64", ppc64: "ppc64", riscv64: "riscv64", s390x: "s390x", wasm32: "wasm32" };

function platformOf(name) {
  const base = name.split("/").pop();
  const parts = base.split("-");
  const os = parts.find((p) => OS.includes(p));
  const cpu = parts.map((p) => CPU[p]).find(Boolean);
  const libc = parts.includes("musl") || parts.includes("musleabihf") ? "musl" : parts.includes("gnu") || parts.includes("gnueabihf") ? "glibc" : undefined;
  return { os, cpu, libc };
}

let added = 0;
for (const [path, meta] of Object.entries(packages)) {
  const optional = meta.optionalDependencies ?? {};
  for (const [dep, range] of Object.entries(optional)) {
    const candidates = [`${path ? path + "/" : ""}node_modules/${dep}`, `node_modules/${dep}`];
    if (candidates.some((c) => packages[c])) continue;
    const { os, cpu, libc } = platformOf(dep);
    if (!os && !cpu) continue; // not a platform binary; leave it for npm to report
    const entry = { version: range.replace(/^[~^=]/, ""), cpu: cpu ? [cpu] : undefined, license: meta.license, optional: true, os: os ? [os] : undefined };
    if (libc) entry.libc = [libc];
    if (cpu === "wasm32") {
      entry.os = undefined;
      entry.cpu = ["wasm32"];
    }
    packages[`node_modules/${dep}`] = JSON.parse(JSON.stringify(entry));
    added += 1;
  }
}

lock.packages = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b))));
writeFileSync(file, JSON.stringify(lock, null, 2) + "\n");
console.log(`complete-lockfile: added ${added} platform placeholder entr${added === 1 ? "y" : "ies"}`);

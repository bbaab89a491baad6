import next from "eslint-config-next";

const config = [
  { ignores: ["node_modules/**", ".next/**", ".next-*/**", ".data-*/**", "lib/generated/**", ".data/**", "e2e/artifacts/**", "test-results/**", "playwright-report/**", "next-env.d.ts"] },
  ...next,
  {
    // The processing domain returns typed outcomes; the HTTP shell (lib/pos) depends on it, never the reverse.
    files: ["lib/purchases/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [{ group: ["@/lib/pos", "@/lib/pos/*"], message: "lib/purchases must not import the HTTP shell (lib/pos)." }] }] },
  },
];

export default config;

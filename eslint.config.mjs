import next from "eslint-config-next";

const config = [
  { ignores: ["node_modules/**", ".next/**", ".next-*/**", ".data-*/**", "lib/generated/**", ".data/**", "e2e/artifacts/**", "test-results/**", "playwright-report/**", "next-env.d.ts"] },
  ...next,
];

export default config;

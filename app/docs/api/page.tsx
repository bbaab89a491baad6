import Link from "next/link";
import { getT, pageTitle } from "@/lib/i18n/server";
import { openApiDocument, OPERATIONS } from "@/lib/pos/openapi";

export const generateMetadata = pageTitle("title.apiDocs");

const METHOD_STYLE = { get: "bg-sky-100 text-sky-800", post: "bg-emerald-100 text-emerald-800" } as const;

function anchor(method: string, path: string) {
  return `${method}-${path.replace(/[^a-z]+/gi, "-")}`;
}

/** The human page of the processing API, rendered from the same OpenAPI document the API serves. */
export default async function ApiDocsPage() {
  const { t } = await getT("en");
  const doc = openApiDocument();
  return (
    <div className="min-h-dvh bg-slate-50 text-slate-900">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-5xl items-center justify-between gap-4 px-4 py-4">
          <Link href="/" className="font-semibold">
            Tribune
          </Link>
          <a href="/api/pos/v1/openapi.json" className="rounded-lg border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100">
            {t("pos.docs.spec")}
          </a>
        </div>
      </header>
      <main id="main" className="mx-auto grid max-w-5xl gap-10 px-4 py-10 lg:grid-cols-[14rem_1fr]">
        <nav aria-label={t("pos.docs.endpoints")} className="hidden lg:block">
          <ul className="sticky top-6 space-y-1 text-sm">
            {OPERATIONS.map((op) => (
              <li key={`${op.method}${op.path}`}>
                <a href={`#${anchor(op.method, op.path)}`} className="flex gap-2 rounded px-2 py-1 hover:bg-slate-200">
                  <span className="w-9 font-mono text-xs uppercase text-slate-500">{op.method}</span>
                  <span className="truncate font-mono text-xs">{op.path}</span>
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="min-w-0 space-y-10">
          <section>
            <h1 className="text-3xl font-bold tracking-tight">{t("pos.docs.title")}</h1>
            <p className="mt-3 max-w-2xl text-slate-600">{t("pos.docs.lead")}</p>
            <p className="mt-3 font-mono text-sm text-slate-500">Base URL: {doc.servers[0].url}</p>
          </section>
          <section className="grid gap-4 md:grid-cols-3">
            {(
              [
                ["pos.docs.auth", "pos.docs.authText"],
                ["pos.docs.idem", "pos.docs.idemText"],
                ["pos.docs.errors", "pos.docs.errorsText"],
              ] as const
            ).map(([h, p]) => (
              <div key={h} className="rounded-xl border border-slate-200 bg-white p-4">
                <h2 className="font-semibold">{t(h)}</h2>
                <p className="mt-2 text-sm text-slate-600">{t(p)}</p>
              </div>
            ))}
          </section>
          <section className="space-y-6">
            <h2 className="text-xl font-semibold">{t("pos.docs.endpoints")}</h2>
            {OPERATIONS.map((op) => {
              const spec = (doc.paths[op.path] as Record<string, { requestBody?: { content: { "application/json": { schema: unknown } } }; responses: Record<string, { description: string }> }>)[
                op.method
              ];
              return (
                <article key={`${op.method}${op.path}`} id={anchor(op.method, op.path)} className="scroll-mt-6 rounded-xl border border-slate-200 bg-white p-5">
                  <h3 className="flex flex-wrap items-center gap-3">
                    <span className={`rounded px-2 py-0.5 font-mono text-xs font-bold uppercase ${METHOD_STYLE[op.method]}`}>{op.method}</span>
                    <code className="break-all text-sm font-semibold">{op.path}</code>
                  </h3>
                  <p className="mt-2 font-medium">{op.summary}</p>
                  {op.description ? <p className="mt-1 text-sm text-slate-600">{op.description}</p> : null}
                  {spec.requestBody ? (
                    <details className="mt-3">
                      <summary className="cursor-pointer text-sm font-medium text-slate-700">{t("pos.docs.request")}</summary>
                      <pre className="mt-2 max-h-96 overflow-auto rounded-lg bg-slate-900 p-3 text-xs text-slate-100">
                        {JSON.stringify(spec.requestBody.content["application/json"].schema, null, 2)}
                      </pre>
                    </details>
                  ) : null}
                  <h4 className="mt-3 text-sm font-medium text-slate-700">{t("pos.docs.responses")}</h4>
                  <ul className="mt-1 flex flex-wrap gap-2 text-xs">
                    {Object.entries(spec.responses).map(([status, r]) => (
                      <li key={status} className={`rounded-full px-2 py-1 ${status.startsWith("2") ? "bg-emerald-50 text-emerald-800" : "bg-amber-50 text-amber-900"}`}>
                        <span className="font-mono font-semibold">{status}</span> {r.description}
                      </li>
                    ))}
                  </ul>
                </article>
              );
            })}
          </section>
        </div>
      </main>
    </div>
  );
}

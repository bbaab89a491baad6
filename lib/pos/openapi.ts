// OpenAPI 3.1 of the processing API, generated from the operations (lib/pos/operations.ts) and the
// zod schemas that validate the requests and type the answers: one source, so the document, the
// validation and the answers cannot disagree (test/pos/answers-match-openapi.test.ts checks them).
import { z } from "zod";
import { APP_VERSION } from "@/lib/env";
import { httpStatusOf, type ErrorCode } from "@/lib/errors";
import { OPERATIONS, type Operation } from "./operations";
import * as s from "./schemas";

export { OPERATIONS } from "./operations";

type Registry = typeof s.posRequests;

/** The named schemas of a registry as OpenAPI components: requests as accepted (input), answers as sent (output). */
function components(registry: Registry, io: "input" | "output"): Record<string, Record<string, unknown>> {
  const all = z.toJSONSchema(registry, { target: "draft-2020-12", io, unrepresentable: "any", uri: (id) => `#/components/schemas/${id}` });
  const out: Record<string, Record<string, unknown>> = {};
  for (const [id, schema] of Object.entries(all.schemas)) {
    const { $schema, $id, ...rest } = schema as Record<string, unknown>;
    void $schema;
    void $id;
    out[id] = rest;
  }
  return out;
}

function jsonSchema(schema: z.ZodType, registry: Registry, io: "input" | "output"): Record<string, unknown> {
  const id = registry.get(schema)?.id;
  if (id) return { $ref: `#/components/schemas/${id}` };
  const { $schema, ...rest } = z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any" }) as Record<string, unknown>;
  void $schema;
  return rest;
}

/** The operation's own errors and those every call can get (auth, validation, retries, an outage). */
export function errorsOf(op: Operation): ErrorCode[] {
  const common: ErrorCode[] = ["invalid_request", "unauthorized", "terminal_not_approved", "unavailable"];
  if (op.rateLimited) common.push("rate_limited");
  if (op.method === "post") common.push("invalid_json");
  if (op.idempotent) common.push("idempotency_key_reused", "request_in_progress");
  return [...new Set([...op.errors, ...common])];
}

export function openApiDocument(serverUrl = "/api/pos/v1") {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of OPERATIONS) {
    const parameters: unknown[] = [];
    if (op.pathId) parameters.push({ name: op.pathParam ?? "id", in: "path", required: true, schema: { type: "string" } });
    for (const q of op.query ?? []) parameters.push({ name: q.name, in: "query", required: q.required ?? false, description: q.description, schema: { type: "string" } });
    if (op.method === "post")
      parameters.push({
        name: "Idempotency-Key",
        in: "header",
        required: false,
        description: "1–255 characters. The same key with the same body returns the first response again (header Idempotent-Replayed: true); with another body, 409 idempotency_key_reused.",
        schema: { type: "string", minLength: 1, maxLength: 255 },
      });
    const statusOf = (code: ErrorCode) => String(httpStatusOf(code));
    const errors = errorsOf(op);
    const errorCodes = [...new Set(errors.map(statusOf))].sort();
    const responses: Record<string, unknown> = {
      [String(op.status)]: { description: "OK", content: { "application/json": { schema: jsonSchema(op.response, s.posResponses, "output") } } },
    };
    for (const status of errorCodes) {
      responses[status] = {
        description: errors.filter((e) => statusOf(e) === status).join(", "),
        content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
        ...(status === "429" || status === "503" ? { headers: { "Retry-After": { schema: { type: "integer" }, description: "seconds" } } } : {}),
      };
    }
    paths[op.path] ??= {};
    paths[op.path][op.method] = {
      summary: op.summary,
      ...(op.description ? { description: op.description } : {}),
      operationId: `${op.method}${op.path
        .replace(/[{}]/g, "")
        .replace(/\/(\w)/g, (_, c: string) => c.toUpperCase())
        .replace(/[^A-Za-z]/g, "")}`,
      security: [{ terminalKey: [] }],
      ...(parameters.length ? { parameters } : {}),
      ...(op.method === "post" ? { requestBody: { required: true, content: { "application/json": { schema: jsonSchema(op.request, s.posRequests, "input") } } } } : {}),
      responses,
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Tribune processing API",
      license: { name: "Proprietary", identifier: "LicenseRef-Tribune-Proprietary" },
      version: `1 (${APP_VERSION})`,
      description:
        "Real-time API for cash registers, ticketing, web shops and access control. Money in integer minor units, points as integers, times ISO 8601 with offset. Errors: {error: {code, message, details[]}}.",
    },
    servers: [{ url: serverUrl }],
    components: {
      securitySchemes: { terminalKey: { type: "http", scheme: "bearer", description: "The terminal key of one store (shown once when issued)." } },
      schemas: { ...components(s.posRequests, "input"), ...components(s.posResponses, "output") },
    },
    paths,
  };
}

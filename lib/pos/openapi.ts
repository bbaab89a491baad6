// OpenAPI 3.1 of the processing API, generated from the zod schemas that validate the requests
// (lib/pos/schemas.ts): one source, so the spec and the validation cannot disagree.
import { z } from "zod";
import { APP_VERSION } from "@/lib/env";
import * as s from "./schemas";

type Op = {
  method: "get" | "post";
  path: string;
  summary: string;
  description?: string;
  request?: z.ZodType;
  query?: { name: string; description: string }[];
  pathId?: boolean;
  response: z.ZodType | null;
  status: number;
  idempotent?: boolean;
  errors: string[];
};

const anyObject = z.object({}).passthrough();

export const OPERATIONS: Op[] = [
  { method: "get", path: "/customers/lookup", summary: "Look up a customer", description: "Exactly one of card, phone or qr. Name, status, balances, whether points can be spent here, cashier hints.", query: [{ name: "card", description: "card number" }, { name: "phone", description: "E.164 phone" }, { name: "qr", description: "QR token" }], response: s.customerView, status: 200, errors: ["invalid_request", "unauthorized", "customer_not_found"] },
  { method: "post", path: "/customers", summary: "Register a customer at the till", description: "Creates the customer with a virtual card and sends an SMS code to confirm the phone.", request: s.registerRequest, response: anyObject, status: 201, idempotent: true, errors: ["invalid_request", "unauthorized", "already_exists", "rate_limited"] },
  { method: "post", path: "/customers/{id}/confirm", summary: "Confirm the phone with the SMS code", request: s.confirmPhoneRequest, pathId: true, response: anyObject, status: 200, idempotent: true, errors: ["invalid_request", "unauthorized", "customer_not_found", "invalid_code", "code_expired", "too_many_attempts"] },
  { method: "post", path: "/purchases/calculate", summary: "Price a basket (writes nothing)", request: s.basket, response: s.pricedBasket, status: 200, errors: ["invalid_request", "unauthorized", "customer_not_found", "insufficient_points", "redemption_not_allowed", "redeem_limit_exceeded", "customer_blocked"] },
  { method: "post", path: "/purchases", summary: "Confirm a receipt", description: 'Commits in one step, or with `"hold": {"ttlSeconds": N}` reserves the points and waits for commit or void (voided automatically after the TTL). `"offline": true` with the original `receipt.at` for receipts the till could not send in time.', request: s.confirmRequest, response: s.pricedBasket, status: 201, idempotent: true, errors: ["invalid_request", "unauthorized", "customer_not_found", "duplicate_receipt", "insufficient_points", "redemption_not_allowed", "redemption_code_required", "invalid_redemption_code", "redeem_limit_exceeded", "customer_blocked"] },
  { method: "post", path: "/purchases/{id}/commit", summary: "Commit a held receipt", request: s.emptyRequest, pathId: true, response: s.pricedBasket, status: 200, idempotent: true, errors: ["unauthorized", "forbidden", "purchase_not_found", "invalid_state"] },
  { method: "post", path: "/purchases/{id}/void", summary: "Void a held receipt (the reserved points return)", request: s.emptyRequest, pathId: true, response: s.pricedBasket, status: 200, idempotent: true, errors: ["unauthorized", "forbidden", "purchase_not_found", "invalid_state"] },
  { method: "post", path: "/purchases/{id}/cancel", summary: "Reverse a whole committed receipt", request: s.emptyRequest, pathId: true, response: s.pricedBasket, status: 200, idempotent: true, errors: ["unauthorized", "forbidden", "purchase_not_found", "invalid_state"] },
  { method: "post", path: "/purchases/{id}/returns", summary: "Return lines of a committed receipt (partial or full)", request: s.returnRequest, pathId: true, response: anyObject, status: 201, idempotent: true, errors: ["invalid_request", "unauthorized", "forbidden", "purchase_not_found", "invalid_state", "return_exceeds_purchase", "conflict"] },
  { method: "post", path: "/redemptions/authorize", summary: "Send the one-time code for spending points", request: s.authorizeRedemptionRequest, response: anyObject, status: 200, idempotent: true, errors: ["invalid_request", "unauthorized", "customer_not_found", "insufficient_points", "customer_blocked", "rate_limited"] },
  { method: "post", path: "/visits", summary: "Record an attendance / validate a ticket", description: "Counts once per event and customer; with purchaseId + lineNo activates that ticket line's pending points.", request: s.visitRequest, response: anyObject, status: 200, idempotent: true, errors: ["invalid_request", "unauthorized", "customer_not_found", "purchase_not_found", "invalid_state"] },
];

const STATUS_OF: Record<string, string> = {
  invalid_request: "400", invalid_json: "400", unauthorized: "401", forbidden: "403", customer_not_found: "404", purchase_not_found: "404",
  duplicate_receipt: "409", idempotency_key_reused: "409", request_in_progress: "409", invalid_state: "409", already_exists: "409", conflict: "409",
  rate_limited: "429",
};

/** Every named schema (`.meta({ id })`) becomes a component; the others are inlined. */
function namedSchemas(): Record<string, Record<string, unknown>> {
  const all = z.toJSONSchema(z.globalRegistry, { target: "draft-2020-12", io: "input", unrepresentable: "any", uri: (id) => `#/components/schemas/${id}` });
  const out: Record<string, Record<string, unknown>> = {};
  for (const [id, schema] of Object.entries(all.schemas)) {
    const { $schema, $id, ...rest } = schema as Record<string, unknown>;
    void $schema;
    void $id;
    out[id] = rest;
  }
  return out;
}

function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  const id = z.globalRegistry.get(schema)?.id;
  if (id) return { $ref: `#/components/schemas/${id}` };
  const { $schema, ...rest } = z.toJSONSchema(schema, { target: "draft-2020-12", io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  void $schema;
  return rest;
}

export function openApiDocument(serverUrl = "/api/pos/v1") {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of OPERATIONS) {
    const parameters: unknown[] = [];
    if (op.pathId) parameters.push({ name: "id", in: "path", required: true, schema: { type: "string" } });
    for (const q of op.query ?? []) parameters.push({ name: q.name, in: "query", required: false, description: q.description, schema: { type: "string" } });
    if (op.method === "post") parameters.push({ name: "Idempotency-Key", in: "header", required: false, description: "1–255 characters. The same key with the same body returns the first response again (header Idempotent-Replayed: true); with another body, 409 idempotency_key_reused.", schema: { type: "string", minLength: 1, maxLength: 255 } });
    const errorCodes = [...new Set(op.errors.map((e) => STATUS_OF[e] ?? "422"))].sort();
    const responses: Record<string, unknown> = {
      [String(op.status)]: { description: "OK", content: { "application/json": { schema: op.response ? jsonSchema(op.response) : {} } } },
    };
    for (const status of errorCodes) {
      responses[status] = {
        description: op.errors.filter((e) => (STATUS_OF[e] ?? "422") === status).join(", "),
        content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
        ...(status === "429" ? { headers: { "Retry-After": { schema: { type: "integer" }, description: "seconds" } } } : {}),
      };
    }
    paths[op.path] ??= {};
    paths[op.path][op.method] = {
      summary: op.summary,
      ...(op.description ? { description: op.description } : {}),
      operationId: `${op.method}${op.path.replace(/[{}]/g, "").replace(/\/(\w)/g, (_, c: string) => c.toUpperCase()).replace(/[^A-Za-z]/g, "")}`,
      security: [{ terminalKey: [] }],
      ...(parameters.length ? { parameters } : {}),
      ...(op.request ? { requestBody: { required: true, content: { "application/json": { schema: jsonSchema(op.request) } } } } : {}),
      responses,
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Tribune processing API",
      version: `1 (${APP_VERSION})`,
      description:
        "Real-time API for cash registers, ticketing, web shops and access control. Money in integer minor units, points as integers, times ISO 8601 with offset. Errors: {error: {code, message, details[]}}.",
    },
    servers: [{ url: serverUrl }],
    components: {
      securitySchemes: { terminalKey: { type: "http", scheme: "bearer", description: "The terminal key of one store (shown once when issued)." } },
      schemas: namedSchemas(),
    },
    paths,
  };
}

import { describe, expect, it } from "vitest";
import { openApiDocument } from "@/lib/pos/openapi";
import { basket, confirmRequest } from "@/lib/pos/schemas";

const CONTRACT_PATHS = [
  ["get", "/customers/lookup"],
  ["post", "/customers"],
  ["post", "/customers/{id}/confirm"],
  ["post", "/purchases/calculate"],
  ["post", "/purchases"],
  ["post", "/purchases/{id}/commit"],
  ["post", "/purchases/{id}/void"],
  ["post", "/purchases/{id}/cancel"],
  ["post", "/purchases/{id}/returns"],
  ["post", "/redemptions/authorize"],
  ["post", "/visits"],
  ["post", "/gift-cards"],
  ["get", "/gift-cards/{number}"],
] as const;

describe("OpenAPI of the processing API", () => {
  const doc = openApiDocument();

  it("is OpenAPI 3.1 with every endpoint of the contract, bearer auth and the error shape", () => {
    expect(doc.openapi).toBe("3.1.0");
    for (const [method, path] of CONTRACT_PATHS) expect(doc.paths[path]?.[method], `${method} ${path}`).toBeTruthy();
    expect(doc.components.securitySchemes.terminalKey).toMatchObject({ type: "http", scheme: "bearer" });
    expect(JSON.stringify(doc.components.schemas.Error)).toContain("details");
  });

  it("documents exactly what the validation accepts: the contract's basket example passes both", () => {
    const example = {
      customer: { card: "2000000000015" },
      receipt: { number: "R-1001", at: "2026-11-22T12:00:00+03:00" },
      lines: [{ lineNo: 1, sku: "JERSEY-HOME", category: "merch", quantity: 1, price: 790000 }],
      redeemPoints: 1000,
      promoCodes: [],
    };
    expect(basket.safeParse(example).success).toBe(true);
    expect(confirmRequest.safeParse({ ...example, hold: { ttlSeconds: 900 } }).success).toBe(true);
    const ref = (doc.paths["/purchases"].post as { requestBody: { content: { "application/json": { schema: { $ref: string } } } } }).requestBody.content["application/json"].schema.$ref;
    expect(ref).toBe("#/components/schemas/ConfirmRequest");
    const schema = doc.components.schemas.ConfirmRequest as { properties: Record<string, unknown>; required: string[] };
    // Every reference points at a component that exists.
    for (const m of JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)) expect(doc.components.schemas, m[1]).toHaveProperty(m[1]);
    expect(Object.keys(schema.properties).sort()).toEqual(["customer", "giftCards", "hold", "lines", "offline", "promoCodes", "receipt", "redeemPoints", "redemptionCode"]);
    expect(schema.required).toEqual(expect.arrayContaining(["receipt", "lines"]));
    expect(JSON.stringify(schema)).toContain('"maxItems":500');
  });
});

import { openApiDocument } from "@/lib/pos/openapi";

export const dynamic = "force-static";

export function GET() {
  return Response.json(openApiDocument());
}

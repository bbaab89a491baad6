// "Download my data": the signed-in fan's data as a JSON file.
import { getPrincipal } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { exportCustomerData } from "@/lib/customers/export-data";

export async function GET() {
  const p = await getPrincipal("cabinet");
  if (!p || p.kind !== "customer") return Response.json({ error: { code: "unauthorized", message: "Sign in first" } }, { status: 401 });
  const data = await exportCustomerData(db(), p.id);
  const date = new Date().toISOString().slice(0, 10);
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="my-data-${date}.json"`,
      "cache-control": "no-store",
    },
  });
}

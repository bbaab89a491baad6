// Public pictures uploaded through the console (catalog items in the fan cabinet). Ids are
// unguessable and content never changes, so browsers may cache them for good.
import { db } from "@/lib/db/client";
import { loadImage } from "@/lib/uploads/images";

export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const image = await loadImage(db(), id);
  if (!image) return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain" } });
  return new Response(Buffer.from(image.bytes), {
    headers: {
      "Content-Type": image.contentType,
      "Cache-Control": "public, max-age=31536000, immutable",
      ETag: `"${image.sha256}"`,
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
    },
  });
}

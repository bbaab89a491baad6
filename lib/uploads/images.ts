// Pictures uploaded through the console: only real PNG / JPEG / WebP / GIF files (checked by
// their first bytes, not by the name or the browser's claim), at most 2 MB, scoped to a program.
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;

/** The image type of a file by its signature, or null (SVG is refused: it can carry scripts). */
export function sniffImageType(bytes: Uint8Array): string | null {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return "image/png";
  if (starts(0xff, 0xd8, 0xff)) return "image/jpeg";
  if (starts(0x47, 0x49, 0x46, 0x38)) return "image/gif";
  if (starts(0x52, 0x49, 0x46, 0x46) && bytes[8] === 0x57 && bytes[9] === 0x45 && bytes[10] === 0x42 && bytes[11] === 0x50) return "image/webp";
  return null;
}

export function imageUrl(id: string): string {
  return `/api/images/${id}`;
}

export async function storeImage(db: Db, input: { programId: string; bytes: Uint8Array; staffUserId?: string | null }): Promise<{ id: string; url: string; contentType: string }> {
  if (input.bytes.length === 0) throw new AppError("invalid_request", "The file is empty", { details: [{ path: "file", message: "empty" }] });
  if (input.bytes.length > MAX_IMAGE_BYTES) throw new AppError("invalid_request", "The picture is larger than 2 MB", { details: [{ path: "file", message: "at most 2 MB" }] });
  const contentType = sniffImageType(input.bytes);
  if (!contentType) throw new AppError("invalid_request", "Upload a PNG, JPEG, WebP or GIF picture", { details: [{ path: "file", message: "not a PNG, JPEG, WebP or GIF" }] });
  const id = `img_${randomBytes(16).toString("hex")}`;
  await db.uploadedImage.create({
    data: {
      id,
      programId: input.programId,
      contentType,
      bytes: Buffer.from(input.bytes),
      size: input.bytes.length,
      sha256: createHash("sha256").update(input.bytes).digest("hex"),
      createdById: input.staffUserId ?? null,
    },
  });
  return { id, url: imageUrl(id), contentType };
}

export async function loadImage(db: Db, id: string) {
  if (!/^img_[0-9a-f]{32}$/.test(id)) return null;
  return db.uploadedImage.findUnique({ where: { id }, select: { contentType: true, bytes: true, sha256: true } });
}

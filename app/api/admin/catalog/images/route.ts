// Upload of a catalog picture from the console: multipart form with `file`; answers { url }.
import { NextResponse } from "next/server";
import { can } from "@/lib/auth/permissions";
import { getPrincipal } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { AppError, errorBody } from "@/lib/errors";
import { MAX_IMAGE_BYTES, storeImage } from "@/lib/uploads/images";

export const dynamic = "force-dynamic";

function fail(err: AppError) {
  return NextResponse.json(errorBody(err), { status: err.status });
}

export async function POST(req: Request) {
  const staff = await getPrincipal("staff");
  if (!staff || staff.kind !== "staff") return fail(new AppError("unauthorized", "Sign in to the console"));
  if (!can(staff.role, "catalog.edit")) return fail(new AppError("forbidden", "Your role may not change the catalog"));
  if (Number(req.headers.get("content-length") ?? 0) > MAX_IMAGE_BYTES + 64 * 1024) return fail(new AppError("invalid_request", "The picture is larger than 2 MB"));
  let file: FormDataEntryValue | null;
  try {
    file = (await req.formData()).get("file");
  } catch {
    return fail(new AppError("invalid_request", "Send the picture as multipart/form-data with a `file` field"));
  }
  if (!file || typeof file === "string") return fail(new AppError("invalid_request", "Choose a picture to upload", { details: [{ path: "file", message: "required" }] }));
  try {
    const saved = await storeImage(db(), { programId: staff.programId, bytes: new Uint8Array(await file.arrayBuffer()), staffUserId: staff.id });
    return NextResponse.json({ url: saved.url }, { status: 201 });
  } catch (err) {
    if (err instanceof AppError) return fail(err);
    throw err;
  }
}

// Upload of legacy CSV files (or a zip) from the console: multipart `files`; queues a dry run
// and answers { id }. Owner only.
import { NextResponse } from "next/server";
import { can } from "@/lib/auth/permissions";
import { getPrincipal } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { AppError, errorBody } from "@/lib/errors";
import { MAX_UPLOAD_BYTES, createDryRun } from "@/lib/import/console";
import { nudgeJob } from "@/lib/jobs/in-process";

export const dynamic = "force-dynamic";

function fail(err: AppError) {
  return NextResponse.json(errorBody(err), { status: err.status });
}

export async function POST(req: Request) {
  const staff = await getPrincipal("staff");
  if (!staff || staff.kind !== "staff") return fail(new AppError("unauthorized", "Sign in to the console"));
  if (!can(staff.role, "import.run")) return fail(new AppError("forbidden", "Only the owner may import"));
  if (Number(req.headers.get("content-length") ?? 0) > MAX_UPLOAD_BYTES + 1024 * 1024) return fail(new AppError("invalid_request", "The files are larger than 50 MB: import them with npm run import"));
  let entries: FormDataEntryValue[];
  try {
    entries = (await req.formData()).getAll("files");
  } catch {
    return fail(new AppError("invalid_request", "Send the files as multipart/form-data in `files` fields"));
  }
  const uploads = [];
  for (const e of entries) if (typeof e !== "string" && e.size > 0) uploads.push({ name: e.name, bytes: new Uint8Array(await e.arrayBuffer()) });
  try {
    const id = await createDryRun(db(), { programId: staff.programId, staffUserId: staff.id, uploads });
    await nudgeJob("legacy-imports");
    return NextResponse.json({ id }, { status: 201 });
  } catch (err) {
    if (err instanceof AppError) return fail(err);
    throw err;
  }
}

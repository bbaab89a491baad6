import { describe, expect, it } from "vitest";
import { testDb } from "@/test/db";
import { makeProgram } from "@/test/factories";
import { loadImage, MAX_IMAGE_BYTES, sniffImageType, storeImage } from "./images";

const PNG = Uint8Array.from(Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=", "base64"));

describe("uploaded images", () => {
  it("recognises images by their bytes and refuses everything else", () => {
    expect(sniffImageType(PNG)).toBe("image/png");
    expect(sniffImageType(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]))).toBe("image/jpeg");
    expect(sniffImageType(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'))).toBeNull();
    expect(sniffImageType(new TextEncoder().encode("<html>"))).toBeNull();
  });

  it("stores a picture and serves it back; refuses fakes, empty and oversized files", async () => {
    const db = testDb();
    const program = await makeProgram(db);
    const saved = await storeImage(db, { programId: program.id, bytes: PNG, staffUserId: "stf_x" });
    expect(saved.url).toBe(`/api/images/${saved.id}`);
    const back = await loadImage(db, saved.id);
    expect(back?.contentType).toBe("image/png");
    expect(Buffer.compare(Buffer.from(back!.bytes), Buffer.from(PNG))).toBe(0);
    expect(await loadImage(db, "img_../../etc/passwd")).toBeNull();
    await expect(storeImage(db, { programId: program.id, bytes: new TextEncoder().encode("GIF? no, text") })).rejects.toMatchObject({ code: "invalid_request" });
    await expect(storeImage(db, { programId: program.id, bytes: new Uint8Array() })).rejects.toMatchObject({ code: "invalid_request" });
    const big = new Uint8Array(MAX_IMAGE_BYTES + 1);
    big.set(PNG);
    await expect(storeImage(db, { programId: program.id, bytes: big })).rejects.toMatchObject({ code: "invalid_request" });
  });
});

"use client";
// Any portal page that throws: the console's calm message and retry (the same staff layout).
export { default } from "@/app/admin/error";

"use client";
// An ActionButton whose success refreshes the page afterwards: the toast shows first, then the
// row or button may disappear (revalidating inside the action would unmount it before the toast).
import { useRouter } from "next/navigation";
import type { ComponentProps } from "react";
import { ActionButton } from "../action-form";

export function RefreshingActionButton(props: Omit<ComponentProps<typeof ActionButton>, "onSuccess">) {
  const router = useRouter();
  return <ActionButton {...props} onSuccess={() => router.refresh()} />;
}

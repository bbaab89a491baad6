// A store's or product's name with its code beneath (the portal's tables).
import type { ReactNode } from "react";

export function NameWithCode({ name, code }: { name: ReactNode; code: ReactNode }) {
  return (
    <span className="font-medium text-slate-900">
      {name}
      <span className="block text-xs font-normal text-slate-500">{code}</span>
    </span>
  );
}

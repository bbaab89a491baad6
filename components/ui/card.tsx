// A white card with an optional title row. `compact` (the console, the partner portal): the title
// row divided from the body; `roomy` (the cabinet): one padded block that grows on larger screens.
import type { ReactNode } from "react";

export function Panel({
  title,
  actions,
  children,
  className = "",
  id,
  density = "compact",
}: {
  title?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
  id?: string;
  density?: "compact" | "roomy";
}) {
  const titleId = title && id ? `${id}-title` : undefined;
  const roomy = density === "roomy";
  const heading = title && (
    <h2 id={titleId} className={roomy ? "text-base font-bold text-slate-900 sm:text-lg" : "text-base font-semibold text-slate-900"}>
      {title}
    </h2>
  );
  return (
    <section id={id} aria-labelledby={titleId} className={`rounded-2xl bg-white shadow-sm ring-1 ring-slate-200 ${roomy ? "p-4 sm:p-6" : ""} ${className}`}>
      {(title || actions) && (
        <div className={roomy ? "mb-3 flex items-center justify-between gap-3" : "flex items-center justify-between gap-3 border-b border-slate-100 px-5 py-3"}>
          {heading}
          {actions && <div className="flex gap-2">{actions}</div>}
        </div>
      )}
      {roomy ? children : <div className="p-5">{children}</div>}
    </section>
  );
}

// Buttons and button-looking links of every area: the console and the partner portal use the
// compact sizes, the cabinet (on phones) the large touch size.
import Link from "next/link";
import type { ComponentProps } from "react";

export type ButtonVariant = "primary" | "secondary" | "danger" | "dangerSoft" | "ghost" | "light";
export type ButtonSize = "sm" | "md" | "lg";

const VARIANT: Record<ButtonVariant, string> = {
  primary: "bg-brand-600 text-white shadow-sm hover:bg-brand-700 disabled:bg-brand-600/50",
  secondary: "bg-white text-slate-800 ring-1 ring-inset ring-slate-300 shadow-sm hover:bg-slate-50 disabled:text-slate-400",
  danger: "bg-red-600 text-white shadow-sm hover:bg-red-700 disabled:bg-red-600/50",
  dangerSoft: "bg-white text-red-700 ring-1 ring-inset ring-red-200 hover:bg-red-50 disabled:text-red-300",
  ghost: "text-slate-700 hover:bg-slate-100 disabled:text-slate-400",
  light: "bg-white text-brand-900 shadow hover:bg-brand-50",
};

const SIZE: Record<ButtonSize, string> = {
  sm: "h-8 shrink-0 gap-1.5 whitespace-nowrap rounded-md px-3 text-sm font-medium",
  md: "h-10 shrink-0 gap-2 whitespace-nowrap rounded-lg px-4 text-sm font-medium",
  // A phone's finger: at least 44 px high; long labels may wrap.
  lg: "min-h-11 gap-2 rounded-xl px-4 py-2.5 text-sm font-semibold",
};

export function buttonClass(variant: ButtonVariant = "primary", size: ButtonSize = "md", extra = "") {
  return `inline-flex items-center justify-center transition disabled:cursor-not-allowed ${VARIANT[variant]} ${SIZE[size]} ${extra}`.trim();
}

export function Button({ variant = "primary", size = "md", className = "", type = "button", ...rest }: ComponentProps<"button"> & { variant?: ButtonVariant; size?: ButtonSize }) {
  return <button type={type} className={buttonClass(variant, size, className)} {...rest} />;
}

export function ButtonLink({ variant = "secondary", size = "md", className = "", ...rest }: ComponentProps<typeof Link> & { variant?: ButtonVariant; size?: ButtonSize }) {
  return <Link className={buttonClass(variant, size, className)} {...rest} />;
}

"use client";
// The console's navigation: a sidebar on wide screens, a folding menu on phones. Only the
// sections the role may see are passed in (the server decides).
import Link from "next/link";
import { usePathname } from "next/navigation";
import { staffSignOut } from "@/lib/auth/staff-client";
import { useT } from "@/lib/i18n/client";

export interface NavItem {
  href: string;
  label: string;
  icon: string;
}

function isActive(pathname: string, href: string) {
  return href === "/admin" ? pathname === "/admin" : pathname === href || pathname.startsWith(`${href}/`);
}

function Icon({ d }: { d: string }) {
  return (
    <svg aria-hidden viewBox="0 0 24 24" className="size-5 shrink-0" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round">
      <path d={d} />
    </svg>
  );
}

function Links({ items, onNavigate }: { items: NavItem[]; onNavigate?: () => void }) {
  const pathname = usePathname();
  return (
    <ul className="space-y-0.5">
      {items.map((it) => {
        const active = isActive(pathname, it.href);
        return (
          <li key={it.href}>
            <Link
              href={it.href}
              onClick={onNavigate}
              aria-current={active ? "page" : undefined}
              className={`flex items-center gap-3 rounded-lg px-3 py-2 text-sm font-medium transition ${active ? "bg-white/15 text-white" : "text-white/75 hover:bg-white/10 hover:text-white"}`}
            >
              <Icon d={it.icon} />
              {it.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}

export function SignOutButton({ className = "" }: { className?: string }) {
  const t = useT();
  return (
    <button type="button" onClick={() => void staffSignOut("/admin/sign-in")} className={className}>
      {t("console.signOut")}
    </button>
  );
}

export function Sidebar({ items }: { items: NavItem[] }) {
  const t = useT();
  return (
    <nav aria-label={t("console.nav.label")} className="flex-1 overflow-y-auto px-3 py-4">
      <Links items={items} />
    </nav>
  );
}

export function MobileNav({ items }: { items: NavItem[] }) {
  const t = useT();
  return (
    <details className="group relative lg:hidden">
      <summary className="flex cursor-pointer list-none items-center gap-2 rounded-lg px-3 py-2 text-sm font-medium text-white hover:bg-white/10 [&::-webkit-details-marker]:hidden">
        <svg aria-hidden viewBox="0 0 24 24" className="size-5" fill="none" stroke="currentColor" strokeWidth="2">
          <path d="M4 7h16M4 12h16M4 17h16" />
        </svg>
        {t("console.nav.menu")}
      </summary>
      <nav aria-label={t("console.nav.label")} className="absolute left-0 z-40 mt-2 w-64 rounded-2xl bg-brand-900 p-2 shadow-xl ring-1 ring-white/10">
        <Links
          items={items}
          onNavigate={() => {
            document.querySelectorAll("details[open]").forEach((d) => d.removeAttribute("open"));
          }}
        />
      </nav>
    </details>
  );
}

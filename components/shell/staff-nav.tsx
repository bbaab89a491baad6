"use client";
// The navigation of the console and of the partner portal (one component for both): a sidebar on
// wide screens, a folding menu on phones, and the staff sign-out. Only the sections the signed-in
// person may see are passed in (the server decides); the texts come by key from the area's bundle.
import Link from "next/link";
import { usePathname } from "next/navigation";
import { staffSignOut } from "@/lib/auth/staff-client";
import { useT } from "@/lib/i18n/client";

export interface NavItem {
  href: string;
  label: string;
  /** An SVG path (24 × 24, stroked). */
  icon: string;
}

export type StaffAreaName = "console" | "portal";
const HOME: Record<StaffAreaName, string> = { console: "/admin", portal: "/partner" };

/** The area's texts (both areas' bundles carry these six keys). */
function useAreaTexts(area: StaffAreaName) {
  const t = useT();
  return area === "console"
    ? { home: HOME.console, nav: t("console.nav.label"), menu: t("console.nav.menu"), signOut: t("console.signOut"), signIn: "/admin/sign-in" }
    : { home: HOME.portal, nav: t("partner.nav.label"), menu: t("nav.menu"), signOut: t("partner.signOut"), signIn: "/partner/sign-in" };
}

function isActive(pathname: string, href: string, home: string) {
  return href === home ? pathname === home : pathname === href || pathname.startsWith(`${href}/`);
}

function Links({ items, home, onNavigate }: { items: NavItem[]; home: string; onNavigate?: () => void }) {
  const pathname = usePathname();
  return (
    <ul className="space-y-0.5">
      {items.map((it) => {
        const active = isActive(pathname, it.href, home);
        return (
          <li key={it.href}>
            <Link
              href={it.href}
              onClick={onNavigate}
              aria-current={active ? "page" : undefined}
              className={`flex items-center gap-3 rounded-lg px-3 py-2 text-sm font-medium transition ${active ? "bg-white/15 text-white" : "text-white/75 hover:bg-white/10 hover:text-white"}`}
            >
              <svg aria-hidden viewBox="0 0 24 24" className="size-5 shrink-0" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round">
                <path d={it.icon} />
              </svg>
              {it.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}

export function StaffSidebar({ area, items }: { area: StaffAreaName; items: NavItem[] }) {
  const a = useAreaTexts(area);
  return (
    <nav aria-label={a.nav} className="flex-1 overflow-y-auto px-3 py-4">
      <Links items={items} home={a.home} />
    </nav>
  );
}

export function StaffMobileNav({ area, items }: { area: StaffAreaName; items: NavItem[] }) {
  const a = useAreaTexts(area);
  return (
    <details className="group relative lg:hidden">
      <summary className="flex cursor-pointer list-none items-center gap-2 rounded-lg px-3 py-2 text-sm font-medium text-white hover:bg-white/10 [&::-webkit-details-marker]:hidden">
        <svg aria-hidden viewBox="0 0 24 24" className="size-5" fill="none" stroke="currentColor" strokeWidth="2">
          <path d="M4 7h16M4 12h16M4 17h16" />
        </svg>
        {a.menu}
      </summary>
      <nav aria-label={a.nav} className="absolute left-0 z-40 mt-2 w-64 rounded-2xl bg-brand-900 p-2 shadow-xl ring-1 ring-white/10">
        <Links
          items={items}
          home={a.home}
          onNavigate={() => {
            document.querySelectorAll("details[open]").forEach((d) => d.removeAttribute("open"));
          }}
        />
      </nav>
    </details>
  );
}

export function StaffSignOutButton({ area, className = "" }: { area: StaffAreaName; className?: string }) {
  const a = useAreaTexts(area);
  return (
    <button type="button" onClick={() => void staffSignOut(a.signIn)} className={className}>
      {a.signOut}
    </button>
  );
}

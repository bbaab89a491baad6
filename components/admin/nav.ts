// The console's sections, in menu order, with the permission that shows each one.
import type { Permission } from "@/lib/auth/permissions";

export const ADMIN_NAV = [
  { href: "/admin", key: "console.nav.dashboard", permission: "dashboard.view", icon: "M3 12l9-9 9 9M5 10v10h14V10" },
  {
    href: "/admin/customers",
    key: "console.nav.customers",
    permission: "customers.view",
    icon: "M16 19v-1a4 4 0 00-4-4H6a4 4 0 00-4 4v1M9 10a4 4 0 100-8 4 4 0 000 8M22 19v-1a4 4 0 00-3-3.87M16 2.13a4 4 0 010 7.75",
  },
  { href: "/admin/segments", key: "console.nav.segments", permission: "segments.view", icon: "M21 12A9 9 0 1112 3v9h9z" },
  {
    href: "/admin/program",
    key: "console.nav.program",
    permission: "program.view",
    icon: "M12 15a3 3 0 100-6 3 3 0 000 6zM19.4 15a1.7 1.7 0 00.3 1.8l.1.1a2 2 0 11-2.8 2.8l-.1-.1a1.7 1.7 0 00-2.9 1.2V21a2 2 0 11-4 0v-.1A1.7 1.7 0 009 19.4a1.7 1.7 0 00-1.8.3l-.1.1a2 2 0 11-2.8-2.8l.1-.1A1.7 1.7 0 003 15H3a2 2 0 110-4h.1A1.7 1.7 0 004.6 9a1.7 1.7 0 00-.3-1.8l-.1-.1a2 2 0 112.8-2.8l.1.1A1.7 1.7 0 009 4.6V3a2 2 0 114 0v.1a1.7 1.7 0 002.9 1.2l.1-.1a2 2 0 112.8 2.8l-.1.1A1.7 1.7 0 0019.4 9H21a2 2 0 110 4h-.1a1.7 1.7 0 00-1.5 2z",
  },
  { href: "/admin/promotions", key: "console.nav.promotions", permission: "promotions.view", icon: "M20.6 13.4l-7.2 7.2a2 2 0 01-2.8 0L2 12V2h10l8.6 8.6a2 2 0 010 2.8zM7 7h.01" },
  { href: "/admin/campaigns", key: "console.nav.campaigns", permission: "campaigns.view", icon: "M22 2L11 13M22 2l-7 20-4-9-9-4z" },
  { href: "/admin/partner-campaigns", key: "console.nav.partnerCampaigns", permission: "partners.campaigns", icon: "M16 11a4 4 0 10-8 0M2 21v-1a6 6 0 016-6h8a6 6 0 016 6v1M9 16l2 2 4-4" },
  {
    href: "/admin/catalog",
    key: "console.nav.catalog",
    permission: "catalog.view",
    icon: "M20 12v10H4V12M2 7h20v5H2zM12 22V7M12 7H7.5a2.5 2.5 0 010-5C11 2 12 7 12 7zM12 7h4.5a2.5 2.5 0 000-5C13 2 12 7 12 7z",
  },
  { href: "/admin/gift-cards", key: "console.nav.giftCards", permission: "giftcards.manage", icon: "M20 12v10H4V12M2 7h20v5H2zM12 22V7M7 7a2.5 2.5 0 010-5c2 0 5 5 5 5s3-5 5-5a2.5 2.5 0 010 5" },
  { href: "/admin/messages", key: "console.nav.messages", permission: "messages.view", icon: "M4 4h16a2 2 0 012 2v12a2 2 0 01-2 2H4a2 2 0 01-2-2V6a2 2 0 012-2zM22 6l-10 7L2 6" },
  { href: "/admin/feedback", key: "console.nav.feedback", permission: "feedback.view", icon: "M21 15a2 2 0 01-2 2H7l-4 4V5a2 2 0 012-2h14a2 2 0 012 2z" },
  { href: "/admin/nps", key: "console.nav.nps", permission: "surveys.view", icon: "M12 2l3.1 6.3 6.9 1-5 4.9 1.2 6.8L12 17.8 5.8 21l1.2-6.8-5-4.9 6.9-1z" },
  {
    href: "/admin/partners",
    key: "console.nav.partners",
    permission: "partners.view",
    icon: "M17 21v-2a4 4 0 00-4-4H5a4 4 0 00-4 4v2M9 11a4 4 0 100-8 4 4 0 000 8M23 21v-2a4 4 0 00-3-3.87M16 3.13a4 4 0 010 7.75",
  },
  { href: "/admin/settlement", key: "console.nav.settlement", permission: "settlement.view", icon: "M4 7h16M4 7l3-3M4 7l3 3M20 17H4M20 17l-3-3M20 17l-3 3" },
  { href: "/admin/stores", key: "console.nav.stores", permission: "stores.view", icon: "M3 9l1-5h16l1 5M3 9h18v11H3zM9 20v-6h6v6" },
  { href: "/admin/staff", key: "console.nav.staff", permission: "staff.view", icon: "M12 11a4 4 0 100-8 4 4 0 000 8zM4 21v-2a4 4 0 014-4h8a4 4 0 014 4v2" },
  { href: "/admin/sites", key: "console.nav.sites", permission: "sites.manage", icon: "M12 2a10 10 0 100 20 10 10 0 000-20zM2 12h20M12 2a15 15 0 010 20M12 2a15 15 0 000 20" },
  { href: "/admin/import", key: "console.nav.import", permission: "import.run", icon: "M12 3v12M7 10l5 5 5-5M4 17v3h16v-3" },
  { href: "/admin/audit", key: "console.nav.audit", permission: "audit.view", icon: "M9 11l3 3L22 4M21 12v7a2 2 0 01-2 2H5a2 2 0 01-2-2V5a2 2 0 012-2h11" },
] as const satisfies readonly { href: string; key: string; permission: Permission; icon: string }[];

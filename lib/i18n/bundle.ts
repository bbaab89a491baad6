// What each area's client components may say: the message keys (by prefix, or whole keys) that
// its layout's I18nProvider ships to the browser, so a page sends only its area's texts and not
// the whole catalogue. lib/i18n/client-keys.test.ts checks that every key a client component of an
// area uses is in that area's bundle.
import { en, type MessageKey } from "./messages/en";
import { ru } from "./messages/ru";
import type { Locale } from "./locales";

/** Texts shared by the console's and the partner portal's client components (forms, tables, toasts, dialogs). */
const STAFF_COMMON = ["console.common.", "console.error.", "console.signIn."] as const;
/** The one staff navigation (components/shell/staff-nav.tsx) knows both areas' labels. */
const STAFF_NAV = ["console.nav.label", "console.nav.menu", "console.signOut", "partner.nav.label", "nav.menu", "partner.signOut"] as const;

export const AREA_MESSAGES = {
  console: [
    ...STAFF_COMMON,
    ...STAFF_NAV,
    "console.nav.",
    "console.signOut",
    "console.role.",
    "console.stores.",
    "console.partners.",
    "console.import.",
    "console.staff.",
    "console.sites.",
    "identity.scope.",
    "console.giftCards.",
    "console.deletion.",
    "console.c360.actions",
    "console.c360.reasonPlaceholder",
    "console.c360.main",
    "console.c360.promo",
    "console.c360.adjust.",
    "console.c360.tier.",
    "console.c360.block.",
    "console.c360.unblock.",
    "console.c360.card.",
    "console.c360.merge.",
    "cat.edit",
    "cat.f.",
    "prog.",
    "console.promo.",
    "console.pcmp.",
    "partner.cmp.effect.",
    "cmp.",
    "console.msg.",
    "def.",
    "lang.",
    "seg.",
    // The staff sign-in form is shared with the portal; these two are its portal wording.
    "partner.signIn.invalid",
    "partner.signIn.locked",
  ],
  partner: [
    ...STAFF_COMMON,
    ...STAFF_NAV,
    "partner.signIn.",
    "partner.nav.",
    "partner.keys.",
    "partner.cmp.",
    "partner.mail.",
    // Customers, groups (the console's segment builder), contacts, earn rate.
    "partner.customers.",
    "partner.groups.",
    "partner.contacts.",
    "partner.rate.",
    "seg.",
    "def.",
  ],
  cabinet: ["cabinet.signIn.", "errors.generic", "errors.code.", "cabinet.profile.", "cabinet.catalog.cancel", "cabinet.loading", "cabinet.signOut", "cabinet.signOutEverywhere"],
} as const satisfies Record<string, readonly string[]>;

export type Area = keyof typeof AREA_MESSAGES;
export type Messages = Partial<Record<MessageKey, string>>;

const CATALOG: Record<Locale, Record<MessageKey, string>> = { en, ru };
const ALL_KEYS = Object.keys(en) as MessageKey[];

/** True when `key` is shipped to the area's client components. */
export function inBundle(area: Area, key: string): boolean {
  return AREA_MESSAGES[area].some((p: string) => (p.endsWith(".") ? key.startsWith(p) : key === p));
}

const bundles = new Map<string, Messages>();

/** The area's messages in `locale` (built once per area and locale). */
export function messageBundle(area: Area, locale: Locale): Messages {
  const id = `${area}|${locale}`;
  let bundle = bundles.get(id);
  if (!bundle) {
    bundle = Object.fromEntries(ALL_KEYS.filter((k) => inBundle(area, k)).map((k) => [k, CATALOG[locale][k]]));
    bundles.set(id, bundle);
  }
  return bundle;
}

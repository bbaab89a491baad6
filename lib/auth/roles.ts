// The staff roles (no server imports: the console's client forms list them too).
export const STAFF_ROLES = ["owner", "marketer", "support", "analyst", "partner_manager"] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

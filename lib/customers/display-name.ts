// How a member is named to people (cabinet header, consent page, wallet pass): "First Last", or the phone.
export const displayName = (c: { firstName: string | null; lastName: string | null; phone: string | null }) => [c.firstName, c.lastName].filter(Boolean).join(" ") || c.phone || "";

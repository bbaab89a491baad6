// Texts of the coalition partner portal (/partner). The Russian object must have exactly the English keys (checked by the type).
export const partnerEn = {
} as const;

export const partnerRu: Record<keyof typeof partnerEn, string> = {
};

// Texts of the staff console (/admin) and the partner portal. The Russian object must have exactly the English keys (checked by the type).
export const consoleEn = {
} as const;

export const consoleRu: Record<keyof typeof consoleEn, string> = {
};

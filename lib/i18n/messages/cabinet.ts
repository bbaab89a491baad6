// Texts of the fan cabinet (/cabinet) and its sign-in. The Russian object must have exactly the English keys (checked by the type).
export const cabinetEn = {
} as const;

export const cabinetRu: Record<keyof typeof cabinetEn, string> = {
};

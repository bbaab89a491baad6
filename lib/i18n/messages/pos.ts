// Texts of the processing API: receipt messages and cashier hints. The Russian object must have exactly the English keys (checked by the type).
export const posEn = {
} as const;

export const posRu: Record<keyof typeof posEn, string> = {
};
